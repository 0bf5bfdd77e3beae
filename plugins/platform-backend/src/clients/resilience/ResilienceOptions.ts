/*
 * Copyright 2026 The Platform Portal Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

/** How the portal calls its upstreams; every value has a sensible default. */
export interface ResilienceOptions {
  /** Deadline of one attempt. */
  timeoutMs: number;
  /** Extra attempts for idempotent reads after a transient failure. */
  maxRetries: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** A longer `Retry-After` is not waited for: the call fails instead. */
  maxRetryAfterMs: number;
  /** Consecutive failures that open the circuit of one upstream on one cluster. */
  breakerFailures: number;
  /** How long an open circuit rejects calls before letting one through. */
  halfOpenAfterMs: number;
  /** A longer answer is refused rather than buffered. */
  maxResponseBytes: number;
  /** Pages of one list followed before the list is refused as endless. */
  maxListPages: number;
}

export const DEFAULT_RESILIENCE: ResilienceOptions = {
  timeoutMs: 10_000,
  maxRetries: 2,
  initialBackoffMs: 200,
  maxBackoffMs: 5_000,
  maxRetryAfterMs: 30_000,
  breakerFailures: 5,
  halfOpenAfterMs: 30_000,
  maxResponseBytes: 32 * 1024 * 1024,
  maxListPages: 200,
};

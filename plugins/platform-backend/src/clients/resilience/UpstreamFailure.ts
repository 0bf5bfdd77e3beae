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

/** Why a call to an upstream failed, before it is turned into an API error. */
export type UpstreamFailureKind =
  | 'status'
  | 'timeout'
  | 'network'
  | 'tls'
  | 'redirect'
  | 'circuit-open'
  | 'too-large'
  | 'malformed'
  | 'endless-paging';

/**
 * A failed call to an upstream as the resilience layer sees it: enough to
 * decide whether to retry, how long to wait and whether it counts against
 * the circuit. It never holds a credential.
 */
export class UpstreamFailure extends Error {
  readonly kind: UpstreamFailureKind;
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(options: {
    kind: UpstreamFailureKind;
    message: string;
    status?: number;
    retryAfterMs?: number;
  }) {
    super(options.message);
    this.name = 'UpstreamFailure';
    this.kind = options.kind;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** Worth another try for an idempotent read: the upstream may recover. */
  get transient(): boolean {
    if (this.kind === 'timeout' || this.kind === 'network') {
      return true;
    }
    return (
      this.kind === 'status' &&
      this.status !== undefined &&
      (this.status === 429 || this.status >= 500)
    );
  }
}

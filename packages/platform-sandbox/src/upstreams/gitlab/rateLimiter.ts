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

import { SimClock } from '../../control/SimClock';

export interface RateLimit {
  requests: number;
  windowSeconds: number;
}

export interface ThrottleResult {
  allowed: boolean;
  limit: number;
  observed: number;
  remaining: number;
  /** Unix seconds when the current window ends. */
  resetAt: number;
  retryAfterSeconds: number;
}

/**
 * A fixed-window request counter per client, on simulated time, the way
 * Rack::Attack throttles GitLab's API.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly clock: SimClock,
    private limit: RateLimit,
  ) {}

  get periodSeconds(): number {
    return this.limit.windowSeconds;
  }

  /** The state of a client one request past its limit, for an injected 429. */
  exhausted(clientKey: string): ThrottleResult {
    const result = this.hit(`exhausted:${clientKey}`);
    this.windows.delete(`exhausted:${clientKey}`);
    return { ...result, allowed: false, observed: result.limit + 1, remaining: 0 };
  }

  configure(limit: RateLimit): void {
    this.limit = limit;
    this.windows.clear();
  }

  hit(clientKey: string): ThrottleResult {
    const now = this.clock.now().getTime();
    const windowMs = this.limit.windowSeconds * 1000;
    const windowStart = Math.floor(now / windowMs) * windowMs;
    let window = this.windows.get(clientKey);
    if (!window || window.start !== windowStart) {
      window = { start: windowStart, count: 0 };
      this.windows.set(clientKey, window);
    }
    window.count += 1;
    const resetMs = windowStart + windowMs;
    return {
      allowed: window.count <= this.limit.requests,
      limit: this.limit.requests,
      observed: window.count,
      remaining: Math.max(0, this.limit.requests - window.count),
      resetAt: Math.ceil(resetMs / 1000),
      retryAfterSeconds: Math.max(1, Math.ceil((resetMs - now) / 1000)),
    };
  }
}

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

import { ServerResponse } from 'node:http';
import { THROTTLED_BODY } from './assumptions';
import { ThrottleResult } from './rateLimiter';

/**
 * Rack::Attack's answer to a throttled request as GitLab configures it
 * (`Gitlab::RackAttack.configure` and `throttled_response_headers` in
 * lib/gitlab/rack_attack.rb): plain `text/plain` without a charset, the
 * `RateLimit-*` headers with the limit scaled to a 60-second window, and
 * `Retry-After` until the window ends.
 */
export function sendThrottled(
  res: ServerResponse,
  name: string,
  throttle: ThrottleResult,
  periodSeconds: number,
): void {
  res.writeHead(429, {
    'Content-Type': 'text/plain',
    'Content-Length': Buffer.byteLength(THROTTLED_BODY),
    'RateLimit-Name': name,
    'RateLimit-Limit': String(Math.ceil((throttle.limit * 60) / periodSeconds)),
    'RateLimit-Observed': String(throttle.observed),
    'RateLimit-Remaining': String(Math.max(0, throttle.limit - throttle.observed)),
    'RateLimit-Reset': String(throttle.resetAt),
    'RateLimit-ResetTime': new Date(throttle.resetAt * 1000).toUTCString(),
    'Retry-After': String(throttle.retryAfterSeconds),
  });
  res.end(THROTTLED_BODY);
}

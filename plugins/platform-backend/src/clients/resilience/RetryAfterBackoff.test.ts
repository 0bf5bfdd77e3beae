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

import { RetryAfterBackoff } from './RetryAfterBackoff';
import { UpstreamFailure } from './UpstreamFailure';
import { parseRetryAfter } from './parseRetryAfter';

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and ignores rubbish', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(
      parseRetryAfter(
        'Thu, 26 Nov 2026 10:00:10 GMT',
        Date.parse('2026-11-26T10:00:00Z'),
      ),
    ).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('RetryAfterBackoff', () => {
  const options = {
    initialDelayMs: 10,
    maxDelayMs: 100,
    maxRetryAfterMs: 20_000,
  };
  const context = (error: unknown) => ({
    attempt: 1,
    signal: new AbortController().signal,
    result: { error },
  });

  it('waits at least as long as the upstream asked', () => {
    const failure = new UpstreamFailure({
      kind: 'status',
      status: 429,
      message: 'HTTP 429',
      retryAfterMs: 7_000,
    });
    expect(new RetryAfterBackoff(options).next(context(failure)).duration).toBe(
      7_000,
    );
  });

  it('caps a Retry-After that is longer than the configured maximum', () => {
    const failure = new UpstreamFailure({
      kind: 'status',
      status: 503,
      message: 'HTTP 503',
      retryAfterMs: 3_600_000,
    });
    expect(new RetryAfterBackoff(options).next(context(failure)).duration).toBe(
      20_000,
    );
  });

  it('uses jittered exponential backoff when the upstream gave no hint', () => {
    const durations = Array.from(
      { length: 20 },
      () =>
        new RetryAfterBackoff(options).next(context(new Error('x'))).duration,
    );
    for (const d of durations) {
      expect(d).toBeLessThanOrEqual(100);
    }
    expect(new Set(durations).size).toBeGreaterThan(1);
  });
});

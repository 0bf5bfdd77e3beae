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

import {
  BrokenCircuitError,
  circuitBreaker,
  CircuitBreakerPolicy,
  ConsecutiveBreaker,
  handleWhen,
  IPolicy,
  isBrokenCircuitError,
  isTaskCancelledError,
  retry,
  timeout,
  TimeoutStrategy,
  wrap,
} from 'cockatiel';
import { currentRefreshScope } from './RefreshScope';
import { RetryAfterBackoff } from './RetryAfterBackoff';
import { DEFAULT_RESILIENCE, ResilienceOptions } from './ResilienceOptions';
import { toBackstageError } from './toBackstageError';
import { UpstreamFailure } from './UpstreamFailure';
import { UpstreamTarget } from './UpstreamTarget';

/** Failures that say the upstream is unwell, as opposed to a bad request. */
function countsAgainstCircuit(error: unknown): boolean {
  if (isTaskCancelledError(error)) {
    return true;
  }
  return error instanceof UpstreamFailure && error.transient;
}

function isRetryable(error: unknown): boolean {
  if (isBrokenCircuitError(error)) {
    return false;
  }
  return countsAgainstCircuit(error);
}

function normalise(error: unknown, timeoutMs: number): UpstreamFailure {
  if (error instanceof UpstreamFailure) {
    return error;
  }
  if (error instanceof BrokenCircuitError || isBrokenCircuitError(error)) {
    return new UpstreamFailure({
      kind: 'circuit-open',
      message: 'circuit open',
    });
  }
  if (isTaskCancelledError(error)) {
    return new UpstreamFailure({
      kind: 'timeout',
      message: `no answer within ${timeoutMs} ms`,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new UpstreamFailure({ kind: 'network', message });
}

/**
 * Runs upstream calls with a deadline per attempt, retries with backoff and
 * jitter for idempotent reads only (honouring `Retry-After`), and one circuit
 * breaker per upstream and cluster, so a dead cluster fails fast without
 * slowing the others.
 */
export class UpstreamPolicies {
  readonly options: ResilienceOptions;
  private readonly breakers = new Map<string, CircuitBreakerPolicy>();

  constructor(options: Partial<ResilienceOptions> = {}) {
    this.options = { ...DEFAULT_RESILIENCE, ...options };
  }

  /**
   * Calls `fn` under the policies of `target`. `fn` must stop when the signal
   * aborts. Errors come out as `@backstage/errors` errors.
   */
  async execute<T>(
    target: UpstreamTarget,
    request: { idempotent: boolean; signal?: AbortSignal },
    fn: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const o = this.options;
    const deadline = timeout(o.timeoutMs, TimeoutStrategy.Aggressive);
    const breaker = this.breakerFor(target);
    const policy: IPolicy = request.idempotent
      ? wrap(
          retry(handleWhen(isRetryable), {
            maxAttempts: o.maxRetries,
            backoff: new RetryAfterBackoff({
              initialDelayMs: o.initialBackoffMs,
              maxDelayMs: o.maxBackoffMs,
              maxRetryAfterMs: o.maxRetryAfterMs,
            }),
          }),
          breaker,
        )
      : breaker;
    // Within a health refresh each attempt first waits for a request slot;
    // its deadline starts once it has one, so queueing is not a timeout.
    const refresh = currentRefreshScope();
    const attempt = async (signal: AbortSignal) => {
      const release = await refresh?.scope.acquire(refresh.cluster);
      try {
        return await deadline.execute(
          ({ signal: attemptSignal }) => fn(attemptSignal),
          signal,
        );
      } finally {
        release?.();
      }
    };
    try {
      return await policy.execute(
        ({ signal }) => attempt(signal),
        request.signal,
      );
    } catch (error) {
      throw toBackstageError(normalise(error, o.timeoutMs), target);
    }
  }

  private breakerFor(target: UpstreamTarget): CircuitBreakerPolicy {
    const key = `${target.upstream}\u0000${target.cluster ?? ''}`;
    let breaker = this.breakers.get(key);
    if (!breaker) {
      breaker = circuitBreaker(handleWhen(countsAgainstCircuit), {
        halfOpenAfter: this.options.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(this.options.breakerFailures),
      });
      this.breakers.set(key, breaker);
    }
    return breaker;
  }
}

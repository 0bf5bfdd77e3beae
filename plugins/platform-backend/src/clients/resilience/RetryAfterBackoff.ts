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
  ExponentialBackoff,
  IBackoff,
  IBackoffFactory,
  IRetryBackoffContext,
} from 'cockatiel';
import { UpstreamFailure } from './UpstreamFailure';

/**
 * Exponential backoff with decorrelated jitter that waits at least as long as
 * the upstream asked for in `Retry-After`, up to `maxRetryAfterMs`.
 */
export class RetryAfterBackoff
  implements IBackoffFactory<IRetryBackoffContext<unknown>>
{
  constructor(
    private readonly options: {
      initialDelayMs: number;
      maxDelayMs: number;
      maxRetryAfterMs: number;
    },
    private readonly exponential: IBackoffFactory<unknown> = new ExponentialBackoff(
      { initialDelay: options.initialDelayMs, maxDelay: options.maxDelayMs },
    ),
  ) {}

  next(
    context: IRetryBackoffContext<unknown>,
  ): IBackoff<IRetryBackoffContext<unknown>> {
    const jittered = this.exponential.next(context);
    const result = context.result;
    const failure =
      'error' in result && result.error instanceof UpstreamFailure
        ? result.error
        : undefined;
    const asked = failure?.retryAfterMs;
    const duration =
      asked === undefined
        ? jittered.duration
        : Math.max(
            jittered.duration,
            Math.min(asked, this.options.maxRetryAfterMs),
          );
    return {
      duration,
      next: ctx =>
        new RetryAfterBackoff(
          this.options,
          jittered as IBackoffFactory<unknown>,
        ).next(ctx),
    };
  }
}

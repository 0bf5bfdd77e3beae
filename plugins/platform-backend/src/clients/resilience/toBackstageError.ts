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
  AuthenticationError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { UpstreamFailure } from './UpstreamFailure';
import { describeTarget, redact, UpstreamTarget } from './UpstreamTarget';

/** The failure each converted error came from, kept out of its serialized form. */
const failures = new WeakMap<Error, UpstreamFailure>();

/** The upstream failure an error was made from, if it was. */
export function upstreamFailureOf(error: unknown): UpstreamFailure | undefined {
  return typeof error === 'object' && error !== null
    ? failures.get(error as Error)
    : undefined;
}

/**
 * Turns a failed upstream call into a `@backstage/errors` error whose message
 * names the upstream, the cluster and what to check.
 */
export function toBackstageError(
  failure: UpstreamFailure,
  target: UpstreamTarget,
): Error {
  const error = describeFailure(failure, target);
  failures.set(error, failure);
  return error;
}

function describeFailure(
  failure: UpstreamFailure,
  target: UpstreamTarget,
): Error {
  const who = describeTarget(target);
  const detail = redact(failure.message, target.secrets);
  switch (failure.kind) {
    case 'timeout':
      return new ServiceUnavailableError(
        `${who} did not answer in time (${detail}); check ${target.hint} and that the upstream is up`,
      );
    case 'network':
      return new ServiceUnavailableError(
        `${who} could not be reached (${detail}); check ${target.hint} and the network path to it`,
      );
    case 'tls':
      return new ServiceUnavailableError(
        `${who} presented a certificate the portal does not trust (${detail}); check ${
          target.tlsHint ?? target.hint
        }`,
      );
    case 'circuit-open':
      return new ServiceUnavailableError(
        `${who} failed repeatedly and is not called for a while; check ${target.hint} and that the upstream is up`,
      );
    case 'redirect':
      return new ServiceUnavailableError(
        `${who} redirected to another host, which is refused (${detail}); check ${target.hint}`,
      );
    case 'too-large':
      return new ServiceUnavailableError(
        `${who} sent a ${detail}, which is refused; check ${target.hint} and raise platform.clients.maxResponseBytes if the answer is genuinely that big`,
      );
    case 'malformed':
      return new ServiceUnavailableError(
        `${who} sent ${detail}; check ${target.hint} and any proxy in front of it`,
      );
    case 'endless-paging':
      return new ServiceUnavailableError(
        `${who} kept paging (${detail}); check ${target.hint} and raise platform.clients.maxListPages if the list is genuinely that long`,
      );
    default:
  }
  const status = failure.status ?? 0;
  if (status === 401) {
    return new AuthenticationError(
      `${who} rejected the portal's credentials (HTTP 401); check the credentials configured for ${target.hint}`,
    );
  }
  if (status === 403) {
    return new NotAllowedError(
      `${who} denied the portal's request (${detail}); check the permissions of the portal's account at ${target.hint}`,
    );
  }
  if (status === 404) {
    return new NotFoundError(`${who} has no such resource (${detail})`);
  }
  if (status === 429) {
    return new ServiceUnavailableError(
      `${who} is rate limiting the portal (HTTP 429); check ${target.hint} and the upstream's rate limits`,
    );
  }
  return new ServiceUnavailableError(
    `${who} answered HTTP ${status} (${detail}); check ${target.hint} and the upstream's logs`,
  );
}

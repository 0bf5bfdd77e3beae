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

import { AnyObject, conditionOf } from './kubeObjects';

const RATE_LIMITED = /urn:ietf:params:acme:error:rateLimited/;
/** Boulder (Let's Encrypt) ends a rate-limit detail with the time it lifts. */
const RETRY_AFTER = /retry after (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC/;
const HOUR_MS = 3600_000;
const MAX_BACKOFF_MS = 32 * HOUR_MS;

/** A certificate whose last issuance the ACME server refused for its rate limit. */
export interface AcmeRateLimit {
  /** When the ACME server takes an order for these names again, if it said. */
  liftsAt?: Date;
  /** When cert-manager tries again by itself. */
  nextAttemptAt?: Date;
}

/**
 * cert-manager's backoff after failed issuances (its trigger controller):
 * one hour after the first failure, doubling with each one, at most 32 hours.
 */
export function nextIssuanceAttempt(cert: AnyObject): Date | undefined {
  const last = cert.status?.lastFailureTime;
  if (!last || Number.isNaN(Date.parse(last))) return undefined;
  const failures = Math.max(
    Number(cert.status?.failedIssuanceAttempts ?? 1),
    1,
  );
  const delay = Math.min(HOUR_MS * 2 ** (failures - 1), MAX_BACKOFF_MS);
  return new Date(Date.parse(last) + delay);
}

export function acmeRateLimitOf(cert: AnyObject): AcmeRateLimit | undefined {
  const issuing = conditionOf(cert, 'Issuing');
  const message = issuing?.message ?? '';
  if (issuing?.status !== 'False' || !RATE_LIMITED.test(message)) {
    return undefined;
  }
  const retryAfter = RETRY_AFTER.exec(message);
  return {
    liftsAt: retryAfter
      ? new Date(`${retryAfter[1]}T${retryAfter[2]}Z`)
      : undefined,
    nextAttemptAt: nextIssuanceAttempt(cert),
  };
}

const utc = (date: Date) =>
  `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Why a re-issue now is futile, or undefined when it is not (any more). */
export function futileReissue(
  limit: AcmeRateLimit | undefined,
  now: Date,
): string | undefined {
  if (!limit?.liftsAt || limit.liftsAt <= now) return undefined;
  const automatic =
    limit.nextAttemptAt && limit.nextAttemptAt > now
      ? ` cert-manager tries again by itself at ${utc(limit.nextAttemptAt)}.`
      : '';
  return `Let's Encrypt refuses new certificates for these names until ${utc(
    limit.liftsAt,
  )} (its rate limit for the same set of names): a re-issue before then fails the same way.${automatic}`;
}

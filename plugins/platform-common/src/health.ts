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

import type * as Api from './schema/openapi/generated/models';

/**
 * A layer's health on one cluster. `unknown` means the portal could not look,
 * and always comes with the reason.
 *
 * @public
 */
export type HealthVerdict = Api.HealthVerdict;

/** Verdicts from best to worst; a layer takes the worst of its checks. @public */
export const HEALTH_VERDICTS: readonly HealthVerdict[] = [
  'ok',
  'unknown',
  'warning',
  'critical',
];

/** The fact a check looked at (`Evidence` in the API). @public */
export type HealthEvidence = Api.Evidence;

/** One check of a layer (`Check` in the API). @public */
export type HealthCheckResult = Api.Check;

/** A layer's checks and verdict on one cluster. @public */
export type LayerHealth = Api.LayerHealth;

/**
 * Why a cluster's Kubernetes API could not be read: the connection was
 * refused, did not answer in time, failed its TLS handshake, the API refused
 * the portal's credentials (401) or its permissions (403), or another network
 * failure (DNS, reset, no route).
 *
 * @public
 */
export type ApiUnreachableClass = Api.ApiUnreachableClass;

/**
 * A cluster whose Kubernetes API cannot be read: critical at row level, its
 * layers keep their last known verdicts, and this says why, once.
 *
 * @public
 */
export type ClusterUnreachable = Api.ClusterUnreachable;

/**
 * The runbooks that apply while a cluster's API cannot be reached, in the
 * order to follow them.
 *
 * @public
 */
export const API_UNREACHABLE_RUNBOOKS: readonly string[] = [
  'kubernetes-api-unreachable',
  'api-vip-failover',
  'control-plane-down',
];

/** How an error class reads in a sentence. @public */
export function describeUnreachableClass(
  errorClass: ApiUnreachableClass,
): string {
  switch (errorClass) {
    case 'refused':
      return 'connection refused';
    case 'timeout':
      return 'no answer in time';
    case 'tls':
      return 'TLS handshake failed';
    case 'unauthorized':
      return 'credentials rejected (401)';
    case 'forbidden':
      return 'access denied (403)';
    default:
      return 'network failure';
  }
}

/**
 * The worst verdict of a list; an empty list is unknown.
 *
 * @public
 */
export function worstVerdict(verdicts: HealthVerdict[]): HealthVerdict {
  if (verdicts.length === 0) {
    return 'unknown';
  }
  return verdicts.reduce((worst, v) =>
    HEALTH_VERDICTS.indexOf(v) > HEALTH_VERDICTS.indexOf(worst) ? v : worst,
  );
}

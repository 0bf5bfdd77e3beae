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

import { LayerId } from './layers';
import type { CheckRemediation } from './remediation';

/**
 * A layer's health on one cluster. `unknown` means the portal could not look,
 * and always comes with the reason.
 *
 * @public
 */
export type HealthVerdict = 'ok' | 'warning' | 'critical' | 'unknown';

/** Verdicts from best to worst; a layer takes the worst of its checks. @public */
export const HEALTH_VERDICTS: readonly HealthVerdict[] = [
  'ok',
  'unknown',
  'warning',
  'critical',
];

/** The fact a check looked at. @public */
export interface HealthEvidence {
  /** The object looked at, e.g. `Node/worker-2` or `Certificate/payments/api-tls`. */
  object: string;
  field: string;
  value: string;
  /** ISO 8601 time the value was observed. */
  observedAt: string;
}

/** @public */
export interface HealthCheckResult {
  id: string;
  title: string;
  verdict: HealthVerdict;
  message: string;
  evidence: HealthEvidence[];
  /** Runbook id from the platform guide that applies when the check fails. */
  runbook?: string;
  /** The step of the platform guide's 50-step build-out this check verifies. */
  buildOutStep?: number;
  /**
   * Set on a failing check in the API's answers: the runbook step its
   * failure calls for on this cluster's provisioner, names filled in.
   */
  remediation?: CheckRemediation;
}

/** @public */
export interface LayerHealth {
  cluster: string;
  layer: LayerId;
  verdict: HealthVerdict;
  checks: HealthCheckResult[];
  observedAt: string;
  /** Why the verdict is `unknown`, when it is. */
  reason?: string;
  /** True when the data is older than the staleness limit: not to be trusted as ok. */
  stale?: boolean;
  /**
   * True when the cluster's Kubernetes API cannot be reached and this is the
   * layer's last known verdict, as of `observedAt`; the cause is told once,
   * by the cluster's `unreachable`.
   */
  lastKnown?: boolean;
  /** ISO 8601 time the layer turned to its current verdict, when known. */
  since?: string;
}

/**
 * Why a cluster's Kubernetes API could not be read: the connection was
 * refused, did not answer in time, failed its TLS handshake, the API refused
 * the portal's credentials (401) or its permissions (403), or another network
 * failure (DNS, reset, no route).
 *
 * @public
 */
export type ApiUnreachableClass =
  | 'refused'
  | 'timeout'
  | 'tls'
  | 'unauthorized'
  | 'forbidden'
  | 'network';

/**
 * A cluster whose Kubernetes API cannot be read: critical at row level, its
 * layers keep their last known verdicts, and this says why, once.
 *
 * @public
 */
export interface ClusterUnreachable {
  /** The API endpoint the portal calls (the cluster's configured URL). */
  endpoint: string;
  errorClass: ApiUnreachableClass;
  /** The error of the latest attempt, naming what to check. */
  message: string;
  /** ISO 8601 time of the first failed refresh in a row. */
  since: string;
  /** ISO 8601 time of the latest failed refresh. */
  lastAttemptAt: string;
  /**
   * Runbooks for the API endpoint, the HAProxy/Keepalived VIP and the control
   * plane: none of their steps needs the API to answer.
   */
  runbooks: string[];
}

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

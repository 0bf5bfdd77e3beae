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

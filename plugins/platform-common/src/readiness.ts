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

import { HealthEvidence } from './health';
import { LayerId } from './layers';

/**
 * Where a build-out step stands on a cluster. `attested` and
 * `awaiting-attestation` belong to steps no API can verify: a person's word
 * is shown as such and never counts as `passed`.
 *
 * @public
 */
export type ReadinessStepStatus =
  | 'passed'
  | 'warning'
  | 'failed'
  | 'unknown'
  | 'attested'
  | 'awaiting-attestation';

/**
 * A phase is `passing` when every automatic step passed (attestations may
 * still be missing), `complete` when its attestation steps are attested too,
 * `failing` when an automatic step failed, `incomplete` otherwise.
 *
 * @public
 */
export type ReadinessPhaseStatus =
  | 'complete'
  | 'passing'
  | 'incomplete'
  | 'failing';

/** @public */
export interface BuildOutAttestation {
  cluster: string;
  step: number;
  /** The user entity ref of who attested, from their credentials. */
  attestedBy: string;
  /** ISO 8601. */
  attestedAt: string;
  note?: string;
}

/**
 * One source of a step's verdict: a health check or a build-out probe.
 *
 * @public
 */
export interface ReadinessCheck {
  id: string;
  title: string;
  source: 'health-check' | 'build-out-probe';
  status: 'passed' | 'warning' | 'failed' | 'unknown';
  message: string;
  evidence: HealthEvidence[];
}

/** @public */
export interface ReadinessStep {
  number: number;
  phase: number;
  action: string;
  guideVerification: string;
  layer: LayerId;
  verification: 'automatic' | 'attestation';
  status: ReadinessStepStatus;
  message: string;
  checks: ReadinessCheck[];
  /** The latest attestation, for steps verified by a person. */
  attestation?: BuildOutAttestation;
}

/** @public */
export interface ReadinessScore {
  /** Automatic steps that passed, as a share of all steps, 0-100. */
  percent: number;
  passed: number;
  attested: number;
  total: number;
}

/** @public */
export interface ReadinessPhase {
  number: number;
  title: string;
  status: ReadinessPhaseStatus;
  score: ReadinessScore;
  /**
   * Set when this phase passes while an earlier one fails: the build-out
   * went out of order, the number is the earliest failing phase.
   */
  passesBeforeFailingPhase?: number;
  steps: ReadinessStep[];
}

/** @public */
export interface ClusterReadinessResponse {
  cluster: string;
  score: ReadinessScore;
  /** The first phase that is neither passing nor complete. */
  stuckPhase?: number;
  outOfOrder: boolean;
  observedAt: string;
  phases: ReadinessPhase[];
}

/** @public */
export interface ClusterReadinessSummary {
  cluster: string;
  score: ReadinessScore;
  stuckPhase?: number;
  outOfOrder: boolean;
  phases: Array<{
    number: number;
    status: ReadinessPhaseStatus;
    score: ReadinessScore;
    passesBeforeFailingPhase?: number;
  }>;
  /** Set when the cluster could not be assessed. */
  error?: string;
}

/** @public */
export interface FleetReadinessResponse {
  clusters: ClusterReadinessSummary[];
}

/** @public */
export interface AttestationRequest {
  note?: string;
}

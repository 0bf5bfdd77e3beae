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
 * Where a build-out step stands on a cluster. `attested` and
 * `awaiting-attestation` belong to steps no API can verify: a person's word
 * is shown as such and never counts as `passed`.
 *
 * @public
 */
export type ReadinessStepStatus = Api.ReadinessStepStatus;

/**
 * A phase is `passing` when every automatic step passed (attestations may
 * still be missing), `complete` when its attestation steps are attested too,
 * `failing` when an automatic step failed, `incomplete` otherwise.
 *
 * @public
 */
export type ReadinessPhaseStatus = Api.ReadinessPhaseStatus;

/** A person's word that a build-out step is done (`Attestation` in the API). @public */
export type BuildOutAttestation = Api.Attestation;

/**
 * One source of a step's verdict: a health check or a build-out probe.
 *
 * @public
 */
export type ReadinessCheck = Api.ReadinessCheck;

/** @public */
export type ReadinessStep = Api.ReadinessStep;

/** @public */
export type ReadinessScore = Api.ReadinessScore;

/** @public */
export type ReadinessPhase = Api.ReadinessPhase;

/** GET /api/platform/readiness/:cluster @public */
export type ClusterReadinessResponse = Api.ClusterReadiness;

/** @public */
export type ClusterReadinessSummary = Api.ClusterReadinessSummary;

/** GET /api/platform/readiness @public */
export type FleetReadinessResponse = Api.FleetReadiness;

/** @public */
export interface AttestationRequest {
  note?: string;
}

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
  BUILD_OUT_PHASES,
  BUILD_OUT_STEPS,
  BuildOutAttestation,
  ClusterReadinessResponse,
  ReadinessPhaseStatus,
  ReadinessStep,
} from '@platform-portal/plugin-platform-common';

export const OBSERVED_AT = '2026-11-26T10:00:00.000Z';

/**
 * A cluster's readiness as the backend answers it: every automatic step
 * passed except `failed`, every attestation step awaiting except `attested`.
 */
export function readinessFixture(
  cluster: string,
  options: { failed?: number[]; attested?: BuildOutAttestation[] } = {},
): ClusterReadinessResponse {
  const steps: ReadinessStep[] = BUILD_OUT_STEPS.map(s => {
    const attestation = options.attested?.find(a => a.step === s.number);
    if (s.verification === 'attestation') {
      return {
        ...s,
        checks: [],
        status: attestation ? 'attested' : 'awaiting-attestation',
        message: attestation
          ? `Attested by ${attestation.attestedBy} at ${attestation.attestedAt}`
          : `No API can verify "${s.guideVerification}"; a person attests it`,
        ...(attestation ? { attestation } : {}),
      };
    }
    const failed = options.failed?.includes(s.number);
    return {
      ...s,
      status: failed ? 'failed' : 'passed',
      message: failed ? `step ${s.number} is broken` : 'All good',
      checks: [
        {
          id: `build-out.step-${s.number}`,
          title: `Check of step ${s.number}`,
          source: 'build-out-probe',
          status: failed ? 'failed' : 'passed',
          message: failed ? `step ${s.number} is broken` : 'All good',
          evidence: [
            {
              object: `Thing/step-${s.number}`,
              field: 'status',
              value: failed ? 'broken' : 'fine',
              observedAt: OBSERVED_AT,
            },
          ],
        },
      ],
    };
  });
  let firstFailing: number | undefined;
  const phases = BUILD_OUT_PHASES.map(p => {
    const own = steps.filter(s => s.phase === p.number);
    const failing = own.some(s => s.status === 'failed');
    const status: ReadinessPhaseStatus = failing ? 'failing' : 'passing';
    const flagged = !failing && firstFailing !== undefined;
    if (failing && firstFailing === undefined) firstFailing = p.number;
    const passed = own.filter(s => s.status === 'passed').length;
    return {
      number: p.number,
      title: p.title,
      status,
      score: {
        percent: Math.round((100 * passed) / own.length),
        passed,
        attested: own.filter(s => s.status === 'attested').length,
        total: own.length,
      },
      ...(flagged ? { passesBeforeFailingPhase: firstFailing } : {}),
      steps: own,
    };
  });
  const passed = steps.filter(s => s.status === 'passed').length;
  return {
    cluster,
    score: {
      percent: Math.round((100 * passed) / 50),
      passed,
      attested: steps.filter(s => s.status === 'attested').length,
      total: 50,
    },
    ...(firstFailing ? { stuckPhase: firstFailing } : {}),
    outOfOrder: phases.some(p => p.passesBeforeFailingPhase !== undefined),
    observedAt: OBSERVED_AT,
    phases,
  };
}

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
  HealthVerdict,
  ReadinessCheck,
  ReadinessPhase,
  ReadinessPhaseStatus,
  ReadinessScore,
  ReadinessStep,
  worstVerdict,
} from '@platform-portal/plugin-platform-common';

/** A verdict on a build-out step from a health check or a probe. */
export interface StepVerdict {
  step: number;
  id: string;
  title: string;
  source: ReadinessCheck['source'];
  verdict: HealthVerdict;
  message: string;
  evidence: ReadinessCheck['evidence'];
}

const STATUS_OF: Record<HealthVerdict, ReadinessCheck['status']> = {
  ok: 'passed',
  warning: 'warning',
  critical: 'failed',
  unknown: 'unknown',
};

function scoreOf(steps: ReadinessStep[]): ReadinessScore {
  const passed = steps.filter(s => s.status === 'passed').length;
  return {
    percent: steps.length ? Math.round((100 * passed) / steps.length) : 0,
    passed,
    attested: steps.filter(s => s.status === 'attested').length,
    total: steps.length,
  };
}

function stepOf(
  definition: (typeof BUILD_OUT_STEPS)[number],
  verdicts: StepVerdict[],
  attestation: BuildOutAttestation | undefined,
): ReadinessStep {
  const checks: ReadinessCheck[] = verdicts.map(v => ({
    id: v.id,
    title: v.title,
    source: v.source,
    status: STATUS_OF[v.verdict],
    message: v.message,
    evidence: v.evidence,
  }));
  const base = { ...definition, checks };
  if (definition.verification === 'attestation') {
    // A person's word is shown as theirs; what checks see is evidence only.
    return attestation
      ? {
          ...base,
          status: 'attested',
          message: `Attested by ${attestation.attestedBy} at ${attestation.attestedAt}`,
          attestation,
        }
      : {
          ...base,
          status: 'awaiting-attestation',
          message: `No API can verify "${definition.guideVerification}"; a person attests it`,
        };
  }
  if (checks.length === 0) {
    return {
      ...base,
      status: 'unknown',
      message: 'No check verifies this step on this cluster',
    };
  }
  const verdict = worstVerdict(verdicts.map(v => v.verdict));
  const failing = verdicts.filter(v => v.verdict === verdict);
  return {
    ...base,
    status: STATUS_OF[verdict],
    message:
      verdict === 'ok'
        ? verdicts.map(v => v.message).join('; ')
        : failing.map(v => v.message).join('; '),
  };
}

function phaseStatus(steps: ReadinessStep[]): ReadinessPhaseStatus {
  const automatic = steps.filter(s => s.verification === 'automatic');
  if (automatic.some(s => s.status === 'failed')) {
    return 'failing';
  }
  if (automatic.every(s => s.status === 'passed')) {
    return steps.every(
      s => s.verification === 'automatic' || s.status === 'attested',
    )
      ? 'complete'
      : 'passing';
  }
  return 'incomplete';
}

/**
 * Folds the verdicts on each step and the attestations into the guide's 11
 * phases: scores count only automatic steps that passed; a phase passing
 * while an earlier one fails is flagged, since the build-out went out of order.
 */
export function assessReadiness(input: {
  cluster: string;
  verdicts: StepVerdict[];
  attestations: BuildOutAttestation[];
  observedAt: string;
}): ClusterReadinessResponse {
  const steps = BUILD_OUT_STEPS.map(definition =>
    stepOf(
      definition,
      input.verdicts.filter(v => v.step === definition.number),
      input.attestations.find(
        a => a.cluster === input.cluster && a.step === definition.number,
      ),
    ),
  );
  let firstFailing: number | undefined;
  const phases: ReadinessPhase[] = BUILD_OUT_PHASES.map(phase => {
    const phaseSteps = steps.filter(s => s.phase === phase.number);
    const status = phaseStatus(phaseSteps);
    const passes = status === 'passing' || status === 'complete';
    const result: ReadinessPhase = {
      number: phase.number,
      title: phase.title,
      status,
      score: scoreOf(phaseSteps),
      ...(passes && firstFailing !== undefined
        ? { passesBeforeFailingPhase: firstFailing }
        : {}),
      steps: phaseSteps,
    };
    if (status === 'failing' && firstFailing === undefined) {
      firstFailing = phase.number;
    }
    return result;
  });
  const stuck = phases.find(
    p => p.status === 'failing' || p.status === 'incomplete',
  );
  return {
    cluster: input.cluster,
    score: scoreOf(steps),
    ...(stuck ? { stuckPhase: stuck.number } : {}),
    outOfOrder: phases.some(p => p.passesBeforeFailingPhase !== undefined),
    observedAt: input.observedAt,
    phases,
  };
}

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

import { BUILD_OUT_STEPS } from '@platform-portal/plugin-platform-common';
import { assessReadiness, StepVerdict } from './assessReadiness';

const AT = '2026-11-26T12:00:00.000Z';

/** Every automatic step verified ok, then the given steps overridden. */
function verdicts(overrides: Record<number, StepVerdict['verdict']> = {}) {
  return BUILD_OUT_STEPS.filter(s => s.verification === 'automatic').map(
    (s): StepVerdict => ({
      step: s.number,
      id: `probe.${s.number}`,
      title: s.action,
      source: 'build-out-probe',
      verdict: overrides[s.number] ?? 'ok',
      message: `step ${s.number}: ${overrides[s.number] ?? 'ok'}`,
      evidence: [],
    }),
  );
}

describe('assessReadiness', () => {
  it('passes every phase when every automatic step passes, leaving attestation steps awaiting a person', () => {
    const readiness = assessReadiness({
      cluster: 'c1',
      verdicts: verdicts(),
      attestations: [],
      observedAt: AT,
    });
    expect(readiness.phases.map(p => p.status)).toEqual([
      'passing',
      'passing',
      'passing',
      'complete',
      'complete',
      'complete',
      'complete',
      'passing',
      'complete',
      'complete',
      'complete',
    ]);
    expect(readiness.score).toEqual({
      percent: 90,
      passed: 45,
      attested: 0,
      total: 50,
    });
    expect(readiness.stuckPhase).toBeUndefined();
    expect(readiness.outOfOrder).toBe(false);
    expect(readiness.phases[1].steps[0]).toMatchObject({
      number: 6,
      status: 'awaiting-attestation',
    });
  });

  it('shows an attestation as attested by whom and when, never as passed', () => {
    const readiness = assessReadiness({
      cluster: 'c1',
      verdicts: verdicts(),
      attestations: [
        {
          cluster: 'c1',
          step: 6,
          attestedBy: 'user:default/alice',
          attestedAt: AT,
        },
        {
          cluster: 'other',
          step: 3,
          attestedBy: 'user:default/bob',
          attestedAt: AT,
        },
      ],
      observedAt: AT,
    });
    const bootstrap = readiness.phases[1];
    expect(bootstrap.steps[0]).toMatchObject({
      status: 'attested',
      message: `Attested by user:default/alice at ${AT}`,
      attestation: { attestedBy: 'user:default/alice' },
    });
    expect(bootstrap.status).toBe('complete');
    expect(bootstrap.score).toEqual({
      percent: 83,
      passed: 5,
      attested: 1,
      total: 6,
    });
    expect(readiness.score.passed).toBe(45);
    expect(readiness.phases[0].steps[2].status).toBe('awaiting-attestation');
  });

  it('flags later phases that pass while an earlier one fails, and names the phase the cluster is stuck in', () => {
    const readiness = assessReadiness({
      cluster: 'c1',
      verdicts: verdicts({ 9: 'critical', 19: 'warning' }),
      attestations: [],
      observedAt: AT,
    });
    const byNumber = new Map(readiness.phases.map(p => [p.number, p]));
    expect(byNumber.get(2)!.status).toBe('failing');
    expect(byNumber.get(2)!.steps.find(s => s.number === 9)).toMatchObject({
      status: 'failed',
      message: 'step 9: critical',
    });
    expect(byNumber.get(1)!.passesBeforeFailingPhase).toBeUndefined();
    expect(byNumber.get(3)!.passesBeforeFailingPhase).toBe(2);
    expect(byNumber.get(4)!.status).toBe('incomplete');
    expect(byNumber.get(4)!.passesBeforeFailingPhase).toBeUndefined();
    expect(readiness.stuckPhase).toBe(2);
    expect(readiness.outOfOrder).toBe(true);
  });

  it('takes the worst verdict of a step’s checks, and calls a step nothing verifies unknown', () => {
    const all = verdicts().filter(v => v.step !== 10);
    all.push({
      ...all[0],
      id: 'health.one',
      verdict: 'warning',
      message: 'pressure',
    });
    const readiness = assessReadiness({
      cluster: 'c1',
      verdicts: all,
      attestations: [],
      observedAt: AT,
    });
    const steps = readiness.phases.flatMap(p => p.steps);
    expect(steps[0]).toMatchObject({ status: 'warning', message: 'pressure' });
    expect(steps[0].checks).toHaveLength(2);
    expect(steps.find(s => s.number === 10)).toMatchObject({
      status: 'unknown',
      checks: [],
    });
    expect(readiness.stuckPhase).toBe(1);
  });
});

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

import { findingsOf } from './findings';
import { autoscalerFor, rolloutOf } from './rollouts';

const deployment = (status: object, generation = 2) => ({
  metadata: { name: 'payments-api', generation },
  spec: { replicas: 3, template: { spec: { containers: [{ image: 'x:1' }] } } },
  status,
});

describe('rollout findings', () => {
  it("says a rollout past its progress deadline is stuck, with the controller's words", () => {
    const stuck = rolloutOf(
      'Deployment',
      deployment({
        observedGeneration: 2,
        replicas: 4,
        updatedReplicas: 1,
        readyReplicas: 3,
        availableReplicas: 3,
        conditions: [
          {
            type: 'Progressing',
            status: 'False',
            reason: 'ProgressDeadlineExceeded',
            message: 'ReplicaSet "payments-api-7d9" has timed out progressing.',
          },
        ],
      }),
    );
    expect(stuck).toMatchObject({ state: 'stuck', updated: 1, desired: 3 });
    const [finding] = findingsOf([], [stuck], []);
    expect(finding).toMatchObject({
      kind: 'rollout-stuck',
      severity: 'error',
      object: 'Deployment/payments-api',
    });
    expect(finding.cause).toContain('has timed out progressing');
    expect(finding.cause).toContain('1 of 3 replicas updated');
  });

  it('tells progressing and degraded rollouts from complete ones', () => {
    const base = {
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    };
    expect(
      rolloutOf('Deployment', deployment({ ...base, observedGeneration: 1 }))
        .state,
    ).toBe('progressing');
    expect(
      rolloutOf(
        'Deployment',
        deployment({ ...base, observedGeneration: 2, readyReplicas: 1 }),
      ).state,
    ).toBe('degraded');
    expect(
      rolloutOf('Deployment', deployment({ ...base, observedGeneration: 2 }))
        .state,
    ).toBe('complete');
  });

  it('warns of an autoscaler at its maximum', () => {
    const hpa = autoscalerFor('Deployment', 'payments-api', [
      {
        metadata: { name: 'payments-api' },
        spec: {
          scaleTargetRef: { kind: 'Deployment', name: 'payments-api' },
          minReplicas: 2,
          maxReplicas: 6,
        },
        status: { currentReplicas: 6, desiredReplicas: 9 },
      },
    ]);
    const rollout = rolloutOf(
      'Deployment',
      deployment({
        observedGeneration: 2,
        replicas: 6,
        updatedReplicas: 3,
        readyReplicas: 3,
        availableReplicas: 3,
      }),
      hpa,
    );
    const finding = findingsOf([], [rollout], []).find(
      f => f.kind === 'hpa-at-max',
    );
    expect(finding).toMatchObject({
      severity: 'warning',
      object: 'HorizontalPodAutoscaler/payments-api',
    });
    expect(finding!.cause).toContain(
      'runs 6 replicas of Deployment/payments-api, its maximum, and would run 9',
    );
  });
});

describe('probe findings', () => {
  it('turns Unhealthy events into one finding per pod, liveness and readiness told apart', () => {
    const findings = findingsOf(
      [],
      [],
      [
        {
          type: 'Warning',
          reason: 'Unhealthy',
          message:
            'Liveness probe failed: HTTP probe failed with statuscode: 500',
          object: 'Pod/a',
          count: 7,
        },
        {
          type: 'Warning',
          reason: 'Unhealthy',
          message: 'Liveness probe failed: older',
          object: 'Pod/a',
          count: 1,
        },
        {
          type: 'Warning',
          reason: 'Unhealthy',
          message: 'Readiness probe failed: connection refused',
          object: 'Pod/b',
          count: 1,
        },
        {
          type: 'Normal',
          reason: 'Pulled',
          message: 'pulled',
          object: 'Pod/b',
          count: 1,
        },
      ],
    );
    expect(findings.map(f => [f.kind, f.object])).toEqual([
      ['probe-failing', 'Pod/a'],
      ['probe-failing', 'Pod/b'],
    ]);
    expect(findings[0].cause).toBe(
      'Liveness probe failed: HTTP probe failed with statuscode: 500 (7 times)',
    );
    expect(findings[0].nextStep).toContain('restarts the container');
    expect(findings[1].nextStep).toContain('gets no traffic');
  });
});

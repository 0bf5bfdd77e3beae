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
  HealthCheckResult,
  LayerHealth,
  LayerId,
} from '@platform-portal/plugin-platform-common';
import { groupFindingsByCause } from './groupFindingsByCause';

const AT = '2026-12-07T10:00:00.000Z';

function check(
  id: string,
  verdict: HealthCheckResult['verdict'],
  facts: Array<[string, string, string]>,
): HealthCheckResult {
  return {
    id,
    title: id,
    verdict,
    message: `${id} is ${verdict}`,
    evidence: facts.map(([object, field, value]) => ({
      object,
      field,
      value,
      observedAt: AT,
    })),
  };
}

function layer(
  id: LayerId,
  checks: HealthCheckResult[],
  extra: Partial<LayerHealth> = {},
): LayerHealth {
  return {
    cluster: 'c1',
    layer: id,
    verdict: checks.some(c => c.verdict === 'critical') ? 'critical' : 'ok',
    checks,
    observedAt: AT,
    ...extra,
  };
}

const notReadyWorker2 = check('hardware.workers-ready', 'critical', [
  ['Node/worker-2', 'status.conditions[Ready]', 'False (KubeletNotReady)'],
  [
    'Node/worker-2',
    'status.conditions[Ready].lastTransitionTime',
    '2026-12-07T09:00:00Z',
  ],
  ['Node/worker-2', 'status.addresses[InternalIP]', '10.0.0.12'],
]);

describe('groupFindingsByCause', () => {
  it('puts the failing findings whose evidence names the node or its address under it', () => {
    const causes = groupFindingsByCause([
      layer('hardware', [notReadyWorker2]),
      layer('networking', [
        check('networking.cilium-agents', 'critical', [
          ['DaemonSet/kube-system/cilium', 'ready/desired', '2/3'],
          ['Pod/kube-system/cilium-x', 'spec.nodeName', 'worker-2'],
        ]),
      ]),
      layer('observability', [
        check('observability.scrape-targets', 'warning', [
          ['up{job="kubelet",instance="10.0.0.12:10250"}', 'value', '0'],
        ]),
      ]),
    ]);
    expect(causes).toHaveLength(1);
    expect(causes[0]).toMatchObject({
      kind: 'node-not-ready',
      object: 'Node/worker-2',
      verdict: 'critical',
      since: '2026-12-07T09:00:00Z',
      finding: { layer: 'hardware', checkId: 'hardware.workers-ready' },
    });
    expect(causes[0].consequences.map(c => c.checkId)).toEqual([
      'networking.cilium-agents',
      'observability.scrape-targets',
    ]);
    // Only the evidence that ties the finding to the node is carried.
    expect(causes[0].consequences[0].evidence).toEqual([
      expect.objectContaining({ object: 'Pod/kube-system/cilium-x' }),
    ]);
  });

  it('leaves out OK checks, other nodes with a longer name and unrelated findings', () => {
    const causes = groupFindingsByCause([
      layer('hardware', [notReadyWorker2]),
      layer('storage', [
        check('storage.longhorn-managers', 'ok', [
          ['Pod/longhorn-system/m-1', 'spec.nodeName', 'worker-2'],
        ]),
        check('storage.longhorn-volumes', 'warning', [
          ['Volume/longhorn-system/pvc-1', 'node', 'worker-20'],
        ]),
      ]),
      layer('internal-lb', [
        check('internal-lb.address-allocation', 'warning', [
          ['IPAddressPool/metallb-system/default', 'used/total', '1/1'],
        ]),
      ]),
    ]);
    // A NotReady node that explains nothing else is an ordinary finding.
    expect(causes).toEqual([]);
  });

  it('groups every layer showing its last known verdict under an unreachable API', () => {
    const causes = groupFindingsByCause(
      [
        layer('hardware', [notReadyWorker2], { lastKnown: true }),
        layer('storage', [], { lastKnown: true, verdict: 'ok' }),
        layer('artifacts', [], { verdict: 'ok' }),
      ],
      {
        endpoint: 'https://10.0.0.1:6443',
        errorClass: 'refused',
        message: 'connection refused',
        since: '2026-12-07T09:30:00Z',
        lastAttemptAt: AT,
        runbooks: [],
      },
    );
    // The last known node finding is not re-grouped: the API is the cause now.
    expect(causes).toHaveLength(1);
    expect(causes[0]).toMatchObject({
      kind: 'api-unreachable',
      object: 'https://10.0.0.1:6443',
      since: '2026-12-07T09:30:00Z',
      verdict: 'critical',
    });
    expect(causes[0].consequences.map(c => c.layer)).toEqual([
      'hardware',
      'storage',
    ]);
  });

  it('orders causes worst first, then the longest lasting', () => {
    const node = (
      name: string,
      verdict: 'warning' | 'critical',
      since: string,
    ) =>
      check(`hardware.${name}`, verdict, [
        [`Node/${name}`, 'status.conditions[Ready]', 'Unknown'],
        [`Node/${name}`, 'status.conditions[Ready].lastTransitionTime', since],
      ]);
    const pod = (name: string) =>
      check(`networking.${name}`, 'critical', [
        [`Pod/kube-system/cilium-${name}`, 'spec.nodeName', name],
      ]);
    const causes = groupFindingsByCause([
      layer('hardware', [
        node('w-a', 'warning', '2026-12-01T00:00:00Z'),
        node('w-b', 'critical', '2026-12-06T00:00:00Z'),
        node('w-c', 'critical', '2026-12-05T00:00:00Z'),
      ]),
      layer('networking', [pod('w-a'), pod('w-b'), pod('w-c')]),
    ]);
    expect(causes.map(c => c.object)).toEqual([
      'Node/w-c',
      'Node/w-b',
      'Node/w-a',
    ]);
  });
});

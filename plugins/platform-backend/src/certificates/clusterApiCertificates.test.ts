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

import { KubeObject } from '../health/checks/support';
import {
  controlPlaneMachineCertificates,
  rolloutBeforeDays,
} from './clusterApiCertificates';

const NOW = new Date('2026-12-01T00:00:00Z');
const CLUSTER_LABEL = 'cluster.x-k8s.io/cluster-name';

function machine(
  name: string,
  options: { cluster?: string; owner?: string; expires?: string },
): KubeObject {
  return {
    kind: 'Machine',
    metadata: {
      name,
      namespace: 'clusters',
      labels: { [CLUSTER_LABEL]: options.cluster ?? 'c1' },
      ownerReferences: options.owner
        ? [{ kind: options.owner, name: 'c1-cp', controller: true }]
        : [],
    } as KubeObject['metadata'],
    status: options.expires ? { certificatesExpiryDate: options.expires } : {},
  };
}

function controlPlane(spec: unknown): KubeObject {
  return {
    kind: 'KubeadmControlPlane',
    metadata: {
      name: 'c1-cp',
      namespace: 'clusters',
      labels: { [CLUSTER_LABEL]: 'c1' },
    },
    spec,
  };
}

describe('controlPlaneMachineCertificates', () => {
  const machines = [
    machine('c1-cp-a', {
      owner: 'KubeadmControlPlane',
      expires: '2026-12-10T12:00:00Z',
    }),
    machine('c1-cp-b', {
      owner: 'KubeadmControlPlane',
      expires: '2027-11-01T00:00:00Z',
    }),
    // A MachineSet's machine, one still provisioning, and another cluster's.
    machine('c1-md-a', {
      owner: 'MachineSet',
      expires: '2026-12-02T00:00:00Z',
    }),
    machine('c1-cp-c', { owner: 'KubeadmControlPlane' }),
    machine('c2-cp-a', {
      cluster: 'c2',
      owner: 'KubeadmControlPlane',
      expires: '2026-12-02T00:00:00Z',
    }),
  ];

  it('lists only the KubeadmControlPlane machines of the cluster that report an expiry, with a finding under 14 days when no rollout is set', () => {
    const rows = controlPlaneMachineCertificates(
      'c1',
      'mgmt',
      { machines, controlPlanes: [controlPlane({ replicas: 3 })] },
      NOW,
    );
    expect(rows.map(r => [r.name, r.daysLeft, r.renewing])).toEqual([
      ['c1-cp-a', 9, false],
      ['c1-cp-b', 335, false],
    ]);
    expect(rows[0].finding?.message).toContain(
      'KubeadmControlPlane clusters/c1-cp sets no rollout before expiry',
    );
    expect(rows[0].finding?.runbook[1]).toContain(
      'clusterctl alpha rollout restart kubeadmcontrolplane/c1-cp -n clusters',
    );
    expect(rows[1].finding).toBeUndefined();
  });

  it.each([
    [
      'v1beta2 spec.rollout.before',
      { rollout: { before: { certificatesExpiryDays: 21 } } },
    ],
    [
      'v1beta1 spec.rolloutBefore',
      { rolloutBefore: { certificatesExpiryDays: 30 } },
    ],
  ])(
    'counts a machine as renewing when the KubeadmControlPlane sets %s',
    (_, spec) => {
      const [soon] = controlPlaneMachineCertificates(
        'c1',
        'mgmt',
        { machines, controlPlanes: [controlPlane(spec)] },
        NOW,
      );
      expect(soon).toMatchObject({
        name: 'c1-cp-a',
        renewing: true,
        rolloutBeforeDays: rolloutBeforeDays(controlPlane(spec)),
      });
      expect(soon.rolloutBeforeDays).toBeGreaterThanOrEqual(21);
      expect(soon.finding).toBeUndefined();
    },
  );
});

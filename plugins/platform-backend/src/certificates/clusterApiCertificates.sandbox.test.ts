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

import { ConfigReader } from '@backstage/config';
import {
  kubeFetch,
  KubeFetchInit,
  Sandbox,
} from '@platform-portal/platform-sandbox';
import { UpstreamClients } from '../clients/UpstreamClients';
import { UpstreamPolicies } from '../clients/resilience/UpstreamPolicies';
import {
  PlatformConfig,
  readPlatformConfig,
} from '../config/readPlatformConfig';
import { certificateNotices } from '../notifications/ownerNotices';
import { sandboxControl } from '../__testUtils__/sandboxControl';
import { sandboxPlatformConfig } from '../__testUtils__/sandboxPlatformConfig';
import { startUpstreamSandbox } from '../__testUtils__/startUpstreamSandbox';
import { FleetCertificateService } from './FleetCertificateService';

jest.setTimeout(60_000);

const DAY = 24 * 3600 * 1000;
const MACHINES = '/apis/cluster.x-k8s.io/v1beta2/machines';

/** Control-plane certificates of the sandbox's Cluster API clusters, read from the management cluster's Machines. */
describe('Cluster API control-plane certificates on the sandbox', () => {
  let sandbox: Sandbox;
  let config: PlatformConfig;
  let service: FleetCertificateService;

  const onManagement = async (path: string, init: KubeFetchInit = {}) => {
    const res = await kubeFetch(sandbox, 'mgmt', path, {
      ...init,
      headers: {
        Authorization: `Bearer ${sandbox.credentials.kubernetes.mgmt.admin}`,
        'Content-Type': 'application/merge-patch+json',
      },
      signal: AbortSignal.timeout(10_000),
    });
    expect(res.status).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    config = readPlatformConfig(
      new ConfigReader(sandboxPlatformConfig(sandbox)),
    );
    service = new FleetCertificateService(
      new UpstreamClients(config, new UpstreamPolicies()),
      config.clusters,
    );
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  it('lists a control-plane Machine 9 days from expiry first, with the finding that its KubeadmControlPlane will not roll it, and stops calling it one once rollout.before is set', async () => {
    const machines: Array<{ metadata: any }> = (await onManagement(MACHINES))
      .items;
    const staging = machines.filter(
      m => m.metadata.labels['cluster.x-k8s.io/cluster-name'] === 'staging-1',
    );
    const controlPlane = staging.filter(
      m => 'cluster.x-k8s.io/control-plane' in m.metadata.labels,
    );
    const workers = staging.filter(m => !controlPlane.includes(m));
    expect(controlPlane.length).toBeGreaterThan(0);
    expect(workers.length).toBeGreaterThan(0);
    const target = controlPlane[0].metadata;
    // Upstream's override: the Machine controller copies it to status.certificatesExpiryDate.
    await onManagement(
      `/apis/cluster.x-k8s.io/v1beta2/namespaces/${target.namespace}/machines/${target.name}`,
      {
        method: 'PATCH',
        body: JSON.stringify({
          metadata: {
            annotations: {
              'machine.cluster.x-k8s.io/certificates-expiry': new Date(
                Date.now() + 9 * DAY + 3600_000,
              ).toISOString(),
            },
          },
        }),
      },
    );
    await sandboxControl(sandbox, 'POST', '/time/advance', { ms: 1_000 });

    const listed = await service.list();
    const machineRows = listed.certificates.filter(
      c => c.source === 'cluster-api-machine' && c.cluster === 'staging-1',
    );
    // Control-plane machines only: workers carry no certificatesExpiryDate.
    expect(machineRows.map(c => c.name).sort()).toEqual(
      controlPlane.map(m => m.metadata.name).sort(),
    );
    const soon = machineRows.find(c => c.name === target.name)!;
    expect(soon).toMatchObject({
      daysLeft: 9,
      renewing: false,
      managementCluster: 'mgmt',
      controlPlane: `${target.namespace}/staging-1-control-plane`,
    });
    expect(soon.rolloutBeforeDays).toBeUndefined();
    expect(soon.finding?.message).toMatch(
      /expire in 9 days .* sets no rollout before expiry/,
    );
    expect(soon.finding?.runbook.join('\n')).toMatch(
      /rollout\.before\.certificatesExpiryDays[\s\S]*kubeadm certs renew does not apply/,
    );
    for (const other of machineRows.filter(c => c !== soon)) {
      expect(other.daysLeft).toBeGreaterThan(300);
      expect(other.finding).toBeUndefined();
    }
    // Sorted with the other sources: nothing with more days left comes before it.
    const position = listed.certificates.indexOf(soon);
    expect(
      listed.certificates
        .slice(0, position)
        .every(c => (c.daysLeft ?? -Infinity) <= 9),
    ).toBe(true);
    expect(
      listed.certificates
        .slice(position + 1)
        .some(c => c.source !== soon.source),
    ).toBe(true);
    // The owners hear of it as of any certificate that will not renew.
    expect(
      certificateNotices(listed.certificates).filter(n =>
        n.title.includes(target.name),
      ),
    ).toEqual([
      expect.objectContaining({
        cluster: 'staging-1',
        layer: 'provisioning',
        title: `Control-plane certificates of Machine ${target.name} on staging-1 expire in 9 days`,
      }),
    ]);

    await onManagement(
      `/apis/controlplane.cluster.x-k8s.io/v1beta2/namespaces/${target.namespace}/kubeadmcontrolplanes/staging-1-control-plane`,
      {
        method: 'PATCH',
        body: JSON.stringify({
          spec: { rollout: { before: { certificatesExpiryDays: 21 } } },
        }),
      },
    );
    const after = (await service.list()).certificates.find(
      c => c.source === 'cluster-api-machine' && c.name === target.name,
    )!;
    expect(after).toMatchObject({
      daysLeft: 9,
      renewing: true,
      rolloutBeforeDays: 21,
    });
    expect(after.finding).toBeUndefined();
    expect(
      certificateNotices([after]).filter(n => n.title.includes(target.name)),
    ).toEqual([]);
  });
});

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

import { mockServices } from '@backstage/backend-test-utils';
import {
  defaultFleet,
  FAULT_CLASSES,
  FaultClass,
  Sandbox,
  startSandbox,
  kubeFetch,
} from '@platform-portal/platform-sandbox';
import {
  CatalogConnection,
  sandboxAccess,
} from '../__testUtils__/catalogConnection';
import { PlatformClusterEntityProvider } from './PlatformClusterEntityProvider';

describe('PlatformClusterEntityProvider', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({
      fleet: defaultFleet(),
      port: 0,
      controlPort: 0,
      realTimeTicks: false,
    });
  });

  afterEach(() => sandbox.control.resetBehaviour());

  afterAll(async () => {
    await sandbox?.stop();
  });

  /** Config lists the management cluster and the static ones; workload clusters are discovered. */
  async function connected(
    timeoutMs = 5000,
    caOf?: (cluster: string) => string,
  ) {
    const provider = new PlatformClusterEntityProvider({
      access: sandboxAccess(sandbox, caOf),
      logger: mockServices.logger.mock(),
      // Passes alone: the watch has its own tests.
      watch: false,
      ingestion: {
        pageSize: 2,
        concurrency: 2,
        timeoutMs,
        passBudgetMs: 60_000,
      },
      links: {
        grafanaUrl: `${sandbox.url}/grafana`,
        argocdUrl: `${sandbox.url}/argocd/{cluster}`,
      },
    });
    const connection = new CatalogConnection();
    await provider.connect(connection);
    return { provider, connection };
  }

  it('ingests static and Cluster API clusters as kubernetes-cluster resources owned by the platform team', async () => {
    const { provider, connection } = await connected();
    await provider.refresh();

    expect(connection.names()).toEqual([
      'edge-rke2-1',
      'mgmt',
      'onprem-kubeadm-1',
      'prod-eu-1',
      'prod-eu-2',
      'staging-1',
    ]);
    for (const entity of connection.entities.values()) {
      expect(entity).toMatchObject({
        kind: 'Resource',
        spec: {
          type: 'kubernetes-cluster',
          owner: 'group:default/platform-team',
        },
      });
    }
    const staging = connection.entity('staging-1')!;
    expect(staging.metadata.annotations).toMatchObject({
      'platform-portal.io/cluster-provisioner': 'cluster-api',
      'platform-portal.io/kubernetes-version': 'v1.32.8',
      'platform-portal.io/control-plane-count': '1',
      'platform-portal.io/worker-count': '2',
      'platform-portal.io/cluster-phase': 'Provisioned',
      'platform-portal.io/management-cluster': 'mgmt',
    });
    expect(staging.spec?.dependsOn).toEqual(['resource:default/mgmt']);
    expect(staging.metadata.links?.map(l => l.url)).toEqual([
      `${sandbox.url}/grafana/dashboards?tag=platform`,
      `${sandbox.url}/argocd/staging-1/applications`,
    ]);
    expect(
      connection.entity('onprem-kubeadm-1')!.metadata.annotations,
    ).toMatchObject({
      'platform-portal.io/cluster-provisioner': 'kubeadm',
      'platform-portal.io/kubernetes-version': 'v1.31.12',
      'platform-portal.io/control-plane-count': '3',
      'platform-portal.io/worker-count': '3',
    });
    expect(JSON.stringify([...connection.entities.values()])).not.toContain(
      sandbox.credentials.kubernetes.mgmt.reader,
    );
  });

  it('applies each page of Cluster API clusters and of static clusters as a delta, then one full mutation closing the first pass', async () => {
    const { provider, connection } = await connected();
    await provider.refresh();
    expect(
      connection.mutations.map(m =>
        m.type === 'delta' ? m.added.length : `full ${m.entities.length}`,
      ),
    ).toEqual([2, 1, 2, 1, 'full 6']);
  });

  it('applies nothing on a re-run with nothing changed', async () => {
    const { provider, connection } = await connected();
    await provider.refresh();
    const applied = connection.mutations.length;
    const summary = await provider.refresh();
    expect(connection.mutations).toHaveLength(applied);
    expect(summary).toEqual({
      clusters: 6,
      written: 0,
      removed: 0,
      batches: 0,
    });
  });

  it("fails the pass naming the management cluster's caData when it is configured with another cluster's CA", async () => {
    const { provider, connection } = await connected(5000, name =>
      sandbox.caData(name === 'mgmt' ? 'prod-eu-1' : name),
    );
    await expect(provider.refresh()).rejects.toThrow(
      /Cluster API objects of cluster mgmt could not be read \(check platform\.clusters\[0\]\.kubernetes\.caData, the PEM of the CA that signed the API server's certificate\): request failed: unable to verify the first certificate/,
    );
    expect(connection.mutations).toEqual([]);
  });

  it.each(Object.keys(FAULT_CLASSES) as FaultClass[])(
    "fails the pass naming the management cluster's config key and leaves the catalog as it was: %s",
    async fault => {
      const { provider, connection } = await connected(1000);
      await provider.refresh();
      const before = JSON.stringify([...connection.entities]);
      const applied = connection.mutations.length;
      sandbox.control.setBehaviour(
        { upstream: 'kubernetes', cluster: 'mgmt' },
        FAULT_CLASSES[fault],
      );
      await expect(provider.refresh()).rejects.toThrow(
        /Cluster API objects of cluster mgmt could not be read \(check platform\.clusters\[0\]\.kubernetes\)/,
      );
      expect(connection.mutations).toHaveLength(applied);
      expect(JSON.stringify([...connection.entities])).toBe(before);
      await expect(provider.refresh()).rejects.not.toThrow(
        sandbox.credentials.kubernetes.mgmt.reader,
      );
    },
  );

  it('removes a cluster whose Cluster API object is deleted from the management cluster', async () => {
    const { provider, connection } = await connected();
    await provider.refresh();
    const path = `/apis/cluster.x-k8s.io/v1beta2/namespaces/clusters/clusters/staging-1`;
    const admin = {
      Authorization: `Bearer ${sandbox.credentials.kubernetes.mgmt.admin}`,
    };
    expect(
      (
        await kubeFetch(sandbox, 'mgmt', path, {
          method: 'DELETE',
          headers: admin,
        })
      ).ok,
    ).toBe(true);
    // The Cluster API controller removes its finalizer once the machines are gone.
    const released = await kubeFetch(sandbox, 'mgmt', path, {
      method: 'PATCH',
      headers: { ...admin, 'Content-Type': 'application/merge-patch+json' },
      body: JSON.stringify({ metadata: { finalizers: null } }),
    });
    expect(released.ok).toBe(true);
    expect(
      (await kubeFetch(sandbox, 'mgmt', path, { headers: admin })).status,
    ).toBe(404);
    const applied = connection.mutations.length;
    expect(await provider.refresh()).toMatchObject({ written: 0, removed: 1 });
    expect(connection.mutations.slice(applied)).toEqual([
      {
        type: 'delta',
        added: [],
        removed: [
          {
            entityRef: 'resource:default/staging-1',
            locationKey: 'platform-clusters:PlatformClusterEntityProvider',
          },
        ],
      },
    ]);
    expect(connection.names()).not.toContain('staging-1');
    expect(connection.names()).toContain('prod-eu-2');
  });
});

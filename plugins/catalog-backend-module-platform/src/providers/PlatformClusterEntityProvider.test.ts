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

import { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import {
  DeferredEntity,
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  defaultFleet,
  Sandbox,
  startSandbox,
} from '@platform-portal/platform-sandbox';
import { ConfigClusterAccessService } from '@platform-portal/plugin-platform-node';
import { PlatformClusterEntityProvider } from './PlatformClusterEntityProvider';

/** A catalog connection that keeps what a full mutation would leave in the catalog. */
class RecordingConnection implements EntityProviderConnection {
  entities: Entity[] = [];
  fullMutations = 0;

  async applyMutation(mutation: EntityProviderMutation): Promise<void> {
    if (mutation.type !== 'full') {
      throw new Error('expected a full mutation');
    }
    this.fullMutations += 1;
    this.entities = mutation.entities.map((e: DeferredEntity) => e.entity);
  }

  async refresh(): Promise<void> {}
}

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

  afterAll(async () => {
    await sandbox?.stop();
  });

  /** Config lists the management cluster and the static ones; workload clusters are discovered. */
  function provider() {
    const configured = sandbox.fleetSpec.clusters.filter(
      c => c.provisioner !== 'cluster-api',
    );
    const access = new ConfigClusterAccessService(
      new Map(
        configured.map(c => [
          c.name,
          {
            name: c.name,
            provisioner: c.provisioner,
            environment: c.environment,
            region: c.region,
            management: c.environment === 'management',
            url: sandbox.kubernetesUrl(c.name),
            token: sandbox.credentials.kubernetes[c.name].reader,
            skipTLSVerify: false,
          },
        ]),
      ),
    );
    return new PlatformClusterEntityProvider({
      access,
      logger: mockServices.logger.mock(),
      timeoutMs: 5000,
      links: {
        grafanaUrl: `${sandbox.url}/grafana`,
        argocdUrl: `${sandbox.url}/argocd/{cluster}`,
      },
    });
  }

  it('ingests static and Cluster API clusters as kubernetes-cluster resources owned by the platform team', async () => {
    const connection = new RecordingConnection();
    const p = provider();
    await p.connect(connection);
    await p.refresh();

    expect(connection.entities.map(e => e.metadata.name)).toEqual([
      'edge-rke2-1',
      'mgmt',
      'onprem-kubeadm-1',
      'prod-eu-1',
      'prod-eu-2',
      'staging-1',
    ]);
    for (const entity of connection.entities) {
      expect(entity).toMatchObject({
        kind: 'Resource',
        spec: {
          type: 'kubernetes-cluster',
          owner: 'group:default/platform-team',
        },
      });
    }
    const staging = connection.entities.find(
      e => e.metadata.name === 'staging-1',
    )!;
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
    const onprem = connection.entities.find(
      e => e.metadata.name === 'onprem-kubeadm-1',
    )!;
    expect(onprem.metadata.annotations).toMatchObject({
      'platform-portal.io/cluster-provisioner': 'kubeadm',
      'platform-portal.io/kubernetes-version': 'v1.32.8',
      'platform-portal.io/control-plane-count': '3',
      'platform-portal.io/worker-count': '3',
    });
    expect(JSON.stringify(connection.entities)).not.toContain(
      sandbox.credentials.kubernetes.mgmt.reader,
    );
  });

  it('produces the same entities when nothing changed', async () => {
    const connection = new RecordingConnection();
    const p = provider();
    await p.connect(connection);
    await p.refresh();
    const first = JSON.stringify(connection.entities);
    await p.refresh();
    expect(JSON.stringify(connection.entities)).toBe(first);
  });

  it('drops a cluster whose Cluster API object is deleted from the management cluster', async () => {
    const connection = new RecordingConnection();
    const p = provider();
    await p.connect(connection);
    const url = `${sandbox.kubernetesUrl(
      'mgmt',
    )}/apis/cluster.x-k8s.io/v1beta2/namespaces/clusters/clusters/staging-1`;
    const admin = {
      Authorization: `Bearer ${sandbox.credentials.kubernetes.mgmt.admin}`,
    };
    expect((await fetch(url, { method: 'DELETE', headers: admin })).ok).toBe(
      true,
    );
    // The Cluster API controller removes its finalizer once the machines are gone.
    const released = await fetch(url, {
      method: 'PATCH',
      headers: { ...admin, 'Content-Type': 'application/merge-patch+json' },
      body: JSON.stringify({ metadata: { finalizers: null } }),
    });
    expect(released.ok).toBe(true);
    expect((await fetch(url, { headers: admin })).status).toBe(404);
    await p.refresh();
    expect(connection.entities.map(e => e.metadata.name)).not.toContain(
      'staging-1',
    );
    expect(connection.entities.map(e => e.metadata.name)).toContain(
      'prod-eu-2',
    );
  });

  it('leaves the catalog untouched when a management cluster cannot be read', async () => {
    const access = new ConfigClusterAccessService(
      new Map([
        [
          'mgmt',
          {
            name: 'mgmt',
            provisioner: 'kubeadm' as const,
            management: true,
            url: 'http://127.0.0.1:1/k8s/mgmt',
            token: 'unused',
            skipTLSVerify: true,
          },
        ],
      ]),
    );
    const p = new PlatformClusterEntityProvider({
      access,
      logger: mockServices.logger.mock(),
      timeoutMs: 2000,
    });
    const connection = new RecordingConnection();
    await p.connect(connection);
    await expect(p.refresh()).rejects.toThrow();
    expect(connection.fullMutations).toBe(0);
  });
});

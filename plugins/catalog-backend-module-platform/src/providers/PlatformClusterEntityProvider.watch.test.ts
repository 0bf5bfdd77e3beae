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
  Sandbox,
  startSandbox,
  kubeFetch,
} from '@platform-portal/platform-sandbox';
import {
  CatalogConnection,
  sandboxAccess,
} from '../__testUtils__/catalogConnection';
import { PlatformClusterEntityProvider } from './PlatformClusterEntityProvider';

/** Waits for what a watch delivers; the test's own timeout bounds the wait. */
async function eventually(condition: () => boolean): Promise<void> {
  while (!condition()) {
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

describe('PlatformClusterEntityProvider watching Cluster API Clusters', () => {
  let sandbox: Sandbox;
  let provider: PlatformClusterEntityProvider;
  let connection: CatalogConnection;

  beforeEach(async () => {
    sandbox = await startSandbox({
      fleet: defaultFleet(),
      port: 0,
      controlPort: 0,
      realTimeTicks: false,
      bookmarkIntervalMs: 100,
    });
    provider = new PlatformClusterEntityProvider({
      access: sandboxAccess(sandbox),
      logger: mockServices.logger.mock(),
      ingestion: {
        pageSize: 2,
        concurrency: 2,
        timeoutMs: 5000,
        passBudgetMs: 60_000,
      },
      // Short watches and retries, so reconnects happen within a test.
      watch: { watchSeconds: 1, backoff: { initialMs: 50, maxMs: 200 } },
    });
    connection = new CatalogConnection();
    await provider.connect(connection);
    await provider.refresh();
  });

  afterEach(async () => {
    await provider?.stop();
    await sandbox?.stop();
  });

  const requests = (verb: 'list' | 'watch') =>
    sandbox.control.readCounters().byCluster.mgmt?.[`kubernetes:${verb}`] ?? 0;

  const clusterPath = (name: string) =>
    `/apis/cluster.x-k8s.io/v1beta2/namespaces/clusters/clusters/${name}`;

  const admin = () => ({
    Authorization: `Bearer ${sandbox.credentials.kubernetes.mgmt.admin}`,
  });

  async function relabel(name: string, labels: Record<string, string>) {
    const res = await kubeFetch(sandbox, 'mgmt', clusterPath(name), {
      method: 'PATCH',
      headers: { ...admin(), 'Content-Type': 'application/merge-patch+json' },
      body: JSON.stringify({ metadata: { labels } }),
    });
    expect(res.ok).toBe(true);
  }

  const regionOf = (name: string) =>
    connection.entity(name)?.metadata.labels?.['platform-portal.io/region'];

  it('applies a changed and a deleted Cluster as deltas, with no pass in between', async () => {
    const lists = requests('list');
    await relabel('prod-eu-1', { region: 'dc-9' });
    await eventually(() => regionOf('prod-eu-1') === 'dc-9');
    expect(connection.mutations.at(-1)).toMatchObject({
      type: 'delta',
      added: [{ entity: { metadata: { name: 'prod-eu-1' } } }],
      removed: [],
    });

    expect(
      (
        await kubeFetch(sandbox, 'mgmt', clusterPath('staging-1'), {
          method: 'DELETE',
          headers: admin(),
        })
      ).ok,
    ).toBe(true);
    // The Cluster API controller removes its finalizer once the machines are gone.
    await kubeFetch(sandbox, 'mgmt', clusterPath('staging-1'), {
      method: 'PATCH',
      headers: { ...admin(), 'Content-Type': 'application/merge-patch+json' },
      body: JSON.stringify({ metadata: { finalizers: null } }),
    });
    await eventually(() => !connection.names().includes('staging-1'));
    expect(connection.names()).toContain('prod-eu-2');
    expect(requests('list')).toBe(lists);
  });

  it('resumes a cut-off watch from its resourceVersion without listing again', async () => {
    const [lists, watches] = [requests('list'), requests('watch')];
    sandbox.control.setBehaviour(
      { upstream: 'kubernetes', cluster: 'mgmt' },
      { dropWatches: true },
    );
    await relabel('prod-eu-2', { region: 'dc-8' });
    await eventually(() => regionOf('prod-eu-2') === 'dc-8');
    await eventually(() => requests('watch') > watches + 1);
    expect(requests('list')).toBe(lists);
  });

  it('lists anew when its resourceVersion is gone (410) and catches up', async () => {
    const lists = requests('list');
    sandbox.control.setBehaviour(
      { upstream: 'kubernetes', cluster: 'mgmt' },
      { gone: true },
    );
    await relabel('staging-1', { region: 'dc-7' });
    // The next watch request is refused with 410; the relist is refused too, then retried.
    await eventually(() => requests('list') > lists);
    sandbox.control.resetBehaviour();
    await eventually(() => regionOf('staging-1') === 'dc-7');
    expect(connection.names()).toHaveLength(6);
  });
});

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
  generateFleet,
  Sandbox,
  startSandbox,
  kubeFetch,
} from '@platform-portal/platform-sandbox';
import {
  CatalogConnection,
  sandboxAccess,
} from '../__testUtils__/catalogConnection';
import { PlatformClusterEntityProvider } from './PlatformClusterEntityProvider';

/** A fleet of 40 Cluster API clusters read 10 to a page. */
describe('PlatformClusterEntityProvider on a generated fleet', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await startSandbox({
      fleet: generateFleet({ clusters: 41, seed: 11 }),
      port: 0,
      controlPort: 0,
      realTimeTicks: false,
    });
  });

  afterEach(async () => {
    await sandbox?.stop();
  });

  async function connected() {
    const provider = new PlatformClusterEntityProvider({
      access: sandboxAccess(sandbox),
      logger: mockServices.logger.mock(),
      // Passes alone: the watch has its own tests.
      watch: false,
      ingestion: {
        pageSize: 10,
        concurrency: 4,
        timeoutMs: 5000,
        passBudgetMs: 60_000,
      },
    });
    const connection = new CatalogConnection();
    await provider.connect(connection);
    return { provider, connection };
  }

  const listsOfMgmt = () =>
    sandbox.control.readCounters().byCluster.mgmt?.['kubernetes:list'] ?? 0;

  it('applies each page as it arrives: the first batch before the last page is read', async () => {
    const { provider, connection } = await connected();
    const listsAtBatch: number[] = [];
    connection.onMutation = async () => {
      listsAtBatch.push(listsOfMgmt());
    };
    const summary = await provider.refresh();

    expect(summary).toEqual({
      clusters: 41,
      written: 41,
      removed: 0,
      batches: 5,
    });
    expect(
      connection.mutations.map(m =>
        m.type === 'delta' ? m.added.length : `full ${m.entities.length}`,
      ),
    ).toEqual([10, 10, 10, 10, 1, 'full 41']);
    // Four Cluster pages, each joined kind in one page, then mgmt's nodes.
    expect(listsOfMgmt()).toBe(7);
    expect(listsAtBatch[0]).toBe(3);
    expect(listsAtBatch.slice(0, 4)).toEqual([3, 4, 5, 6]);
    expect(connection.names()).toHaveLength(41);
  });

  it('lists anew when the continue token expired (410) and applies what changed meanwhile', async () => {
    const { provider, connection } = await connected();
    let first = true;
    let patched = '';
    connection.onMutation = async mutation => {
      if (!first || mutation.type !== 'delta') return;
      first = false;
      patched = mutation.added[0].entity.metadata.name;
      const res = await kubeFetch(
        sandbox,
        'mgmt',
        `/apis/cluster.x-k8s.io/v1beta2/namespaces/clusters/clusters/${patched}`,
        {
          method: 'PATCH',
          headers: {
            Authorization: `Bearer ${sandbox.credentials.kubernetes.mgmt.admin}`,
            'Content-Type': 'application/merge-patch+json',
          },
          body: JSON.stringify({ metadata: { labels: { environment: 'qa' } } }),
        },
      );
      expect(res.ok).toBe(true);
      // Past the etcd compaction window: the snapshot being paged is gone.
      sandbox.clock.advance(6 * 60_000);
    };
    const summary = await provider.refresh();

    expect(summary).toMatchObject({ clusters: 41, removed: 0 });
    // The second list starts over: its first page again, then the rest.
    expect(
      connection.mutations.map(m =>
        m.type === 'delta' ? m.added.length : 'full',
      ),
    ).toEqual([10, 1, 10, 10, 10, 1, 'full']);
    expect(
      connection.entity(patched)?.metadata.labels?.[
        'platform-portal.io/environment'
      ],
    ).toBe('qa');
    expect(connection.names()).toHaveLength(41);
  });

  it('sends only what changed on the next pass', async () => {
    const { provider, connection } = await connected();
    await provider.refresh();
    const applied = connection.mutations.length;
    const name = connection.names().find(n => n !== 'mgmt')!;
    const res = await kubeFetch(
      sandbox,
      'mgmt',
      `/apis/cluster.x-k8s.io/v1beta2/namespaces/clusters/clusters/${name}`,
      {
        method: 'PATCH',
        headers: {
          Authorization: `Bearer ${sandbox.credentials.kubernetes.mgmt.admin}`,
          'Content-Type': 'application/merge-patch+json',
        },
        body: JSON.stringify({ metadata: { labels: { region: 'dc-9' } } }),
      },
    );
    expect(res.ok).toBe(true);

    expect(await provider.refresh()).toEqual({
      clusters: 41,
      written: 1,
      removed: 0,
      batches: 1,
    });
    const sent = connection.mutations.slice(applied);
    expect(sent).toHaveLength(1);
    expect(
      sent[0].type === 'delta' && sent[0].added[0].entity.metadata,
    ).toMatchObject({
      name,
      labels: { 'platform-portal.io/region': 'dc-9' },
    });
  });
});

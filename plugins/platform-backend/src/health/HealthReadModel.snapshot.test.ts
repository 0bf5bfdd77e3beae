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
import { LayerHealth } from '@platform-portal/plugin-platform-common';
import { HealthStore } from '../store/HealthStore';
import { platformTestDatabases } from '../__testUtils__/testDatabases';
import { HealthReadModel } from './HealthReadModel';

const databases = platformTestDatabases();
jest.setTimeout(60_000);

const CLUSTERS = [
  {
    name: 'c1',
    provisioner: 'kubeadm' as const,
    management: false,
    kubernetes: { url: 'http://c1' },
  },
];

function storage(
  verdict: LayerHealth['verdict'],
  observedAt: string,
): LayerHealth {
  return { cluster: 'c1', layer: 'storage', verdict, observedAt, checks: [] };
}

function storageOf(body: Buffer) {
  const fleet = JSON.parse(body.toString('utf8'));
  return fleet.clusters[0].layers.find(
    (l: { layer: string }) => l.layer === 'storage',
  );
}

describe.each(databases.eachSupportedId())(
  'HealthReadModel.fleetSnapshot on %s',
  databaseId => {
    it('keeps one snapshot until any replica writes, then serves the new state under a new tag', async () => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({ knex });
      const mine = await HealthStore.create(database);
      const otherReplica = await HealthStore.create(database);
      await mine.saveCluster('c1', [storage('ok', '2026-11-26T10:00:00.000Z')]);
      const model = new HealthReadModel({
        store: mine,
        clusters: CLUSTERS,
        staleAfterSeconds: 300,
        now: () => new Date('2026-11-26T10:01:00Z'),
      });

      const first = await model.fleetSnapshot();
      expect(storageOf(first.body)).toMatchObject({ verdict: 'ok' });
      expect(await model.fleetSnapshot()).toBe(first);

      await otherReplica.saveCluster('c1', [
        storage('critical', '2026-11-26T10:00:30.000Z'),
      ]);
      const second = await model.fleetSnapshot();
      expect(second.etag).not.toBe(first.etag);
      expect(storageOf(second.body)).toMatchObject({ verdict: 'critical' });
    });

    it('keeps its snapshot when a replica’s result is older than the one stored', async () => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({ knex });
      const mine = await HealthStore.create(database);
      const otherReplica = await HealthStore.create(database);
      await mine.saveCluster(
        'c1',
        [storage('critical', '2026-11-26T10:00:30.000Z')],
        undefined,
        '2026-11-26T10:00:20.000Z',
      );
      const model = new HealthReadModel({
        store: mine,
        clusters: CLUSTERS,
        staleAfterSeconds: 300,
        now: () => new Date('2026-11-26T10:01:00Z'),
      });
      const first = await model.fleetSnapshot();

      // Its evaluation began before the stored one's, and ended after it.
      await otherReplica.saveCluster(
        'c1',
        [storage('ok', '2026-11-26T10:00:40.000Z')],
        undefined,
        '2026-11-26T10:00:00.000Z',
      );

      expect(await model.fleetSnapshot()).toBe(first);
      expect(storageOf(first.body)).toMatchObject({ verdict: 'critical' });
    });

    it('rebuilds once a layer has grown stale, without any write', async () => {
      const knex = await databases.init(databaseId);
      const store = await HealthStore.create(mockServices.database({ knex }));
      await store.saveCluster('c1', [
        storage('ok', '2026-11-26T10:00:00.000Z'),
      ]);
      let now = '2026-11-26T10:04:00Z';
      const model = new HealthReadModel({
        store,
        clusters: CLUSTERS,
        staleAfterSeconds: 300,
        now: () => new Date(now),
      });
      expect(storageOf((await model.fleetSnapshot()).body)).toMatchObject({
        verdict: 'ok',
        stale: false,
      });
      now = '2026-11-26T10:06:00Z';
      expect(storageOf((await model.fleetSnapshot()).body)).toMatchObject({
        verdict: 'unknown',
        stale: true,
      });
    });

    it('serves the last good state marked stale while the database is down', async () => {
      const knex = await databases.init(databaseId);
      const store = await HealthStore.create(mockServices.database({ knex }));
      await store.saveCluster('c1', [
        storage('warning', '2026-11-26T10:00:00.000Z'),
      ]);
      let down = false;
      const flaky = Object.create(store) as HealthStore;
      flaky.version = () =>
        down
          ? Promise.reject(new Error('connection refused'))
          : store.version();
      flaky.listLayers = (...args) =>
        down
          ? Promise.reject(new Error('connection refused'))
          : store.listLayers(...args);
      const model = new HealthReadModel({
        store: flaky,
        clusters: CLUSTERS,
        staleAfterSeconds: 300,
        now: () => new Date('2026-11-26T10:01:00Z'),
        logger: mockServices.logger.mock(),
      });
      const good = await model.fleetSnapshot();
      expect(storageOf(good.body)).toMatchObject({ verdict: 'warning' });

      down = true;
      const degraded = storageOf((await model.fleetSnapshot()).body);
      expect(degraded).toMatchObject({ verdict: 'warning', stale: true });
      expect(degraded.reason).toContain('cannot be reached');

      down = false;
      expect(storageOf((await model.fleetSnapshot()).body)).toMatchObject({
        verdict: 'warning',
        stale: false,
      });
    });
  },
);

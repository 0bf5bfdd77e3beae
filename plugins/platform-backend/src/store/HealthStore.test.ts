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
import { HealthReadModel } from '../health/HealthReadModel';
import { platformTestDatabases } from '../__testUtils__/testDatabases';
import { HealthStore } from './HealthStore';

const databases = platformTestDatabases();
jest.setTimeout(60_000);

function layer(
  verdict: LayerHealth['verdict'],
  observedAt: string,
): LayerHealth {
  return {
    cluster: 'c1',
    layer: 'storage',
    verdict,
    observedAt,
    checks: [
      {
        id: 'storage.longhorn-volumes',
        title: 'Longhorn volumes are healthy',
        verdict,
        message: verdict === 'ok' ? 'healthy' : 'pvc-a degraded',
        evidence: [],
      },
    ],
  };
}

describe.each(databases.eachSupportedId())('HealthStore on %s', databaseId => {
  async function createStore(historyDays = 90) {
    const knex = await databases.init(databaseId);
    return HealthStore.create(mockServices.database({ knex }), { historyDays });
  }

  it('records an API outage from its first refresh, keeps the class a circuit hides, and forgets it once the API answers', async () => {
    const store = await createStore();
    await store.saveCluster('c1', [
      layer('critical', '2026-11-26T10:00:00.000Z'),
    ]);
    const outage = {
      endpoint: 'https://api.c1.example:6443',
      message: 'Kubernetes API of cluster c1 could not be reached',
    };
    await store.saveCluster('c1', [], {
      ...outage,
      errorClass: 'refused',
      observedAt: '2026-11-26T10:01:00.000Z',
    });
    const versionDuring = await store.version();
    await store.saveCluster('c1', [], {
      endpoint: outage.endpoint,
      errorClass: 'circuit-open',
      message: 'circuit open',
      observedAt: '2026-11-26T10:02:00.000Z',
    });
    expect(await store.version()).not.toBe(versionDuring);
    expect(await store.listUnreachable()).toEqual([
      {
        cluster: 'c1',
        ...outage,
        errorClass: 'refused',
        since: '2026-11-26T10:01:00.000Z',
        lastAttemptAt: '2026-11-26T10:02:00.000Z',
      },
    ]);
    // The last known verdict stays, with its time.
    expect(await store.listLayers('c1')).toMatchObject([
      { verdict: 'critical', observedAt: '2026-11-26T10:00:00.000Z' },
    ]);

    await store.saveCluster('c1', [layer('ok', '2026-11-26T10:03:00.000Z')]);
    expect(await store.listUnreachable()).toEqual([]);
  });

  it('keeps the latest verdict per layer and records only changes, newest first', async () => {
    const store = await createStore();
    await store.saveCluster('c1', [layer('ok', '2026-11-26T10:00:00.000Z')]);
    await store.saveCluster('c1', [layer('ok', '2026-11-26T10:01:00.000Z')]);
    await store.saveCluster('c1', [
      layer('warning', '2026-11-26T10:02:00.000Z'),
    ]);

    const [latest] = await store.listLayers('c1');
    expect(latest).toMatchObject({
      verdict: 'warning',
      observedAt: '2026-11-26T10:02:00.000Z',
    });
    expect(latest.checks[0].message).toBe('pvc-a degraded');

    const history = await store.history('c1', 10);
    expect(history.map(h => [h.from, h.to])).toEqual([
      ['ok', 'warning'],
      [undefined, 'ok'],
    ]);
    // The warning has lasted since its change, not since the latest read.
    expect(await store.verdictSince('c1')).toEqual(
      new Map([['c1\u0000storage', '2026-11-26T10:02:00.000Z']]),
    );
    expect(await store.verdictSince('other')).toEqual(new Map());
    expect(history[0].message).toBe('pvc-a degraded');
    expect(await store.history('other', 10)).toEqual([]);
  });

  it('keeps a result whose evaluation began later over one that began earlier but finished later', async () => {
    const store = await createStore();
    // A refresh began reading at 10:00:00 and will finish last, at 10:00:40.
    const refreshStart = '2026-11-26T10:00:00.000Z';
    // A change-driven evaluation began at 10:00:20 and stored first.
    const changeStart = '2026-11-26T10:00:20.000Z';
    await store.saveCluster('c1', [layer('ok', '2026-11-26T09:59:00.000Z')]);
    expect(
      await store.saveCluster(
        'c1',
        [layer('critical', '2026-11-26T10:00:21.000Z')],
        undefined,
        changeStart,
      ),
    ).toMatchObject([{ from: 'ok', to: 'critical' }]);
    const versionBefore = await store.version();

    const stale = await store.saveCluster(
      'c1',
      [layer('ok', '2026-11-26T10:00:40.000Z')],
      {
        endpoint: 'https://api.c1.example:6443',
        errorClass: 'timeout',
        message: 'Kubernetes API of cluster c1 did not answer',
        observedAt: '2026-11-26T10:00:40.000Z',
      },
      refreshStart,
    );

    // Nothing written, nothing to announce, the served view unchanged.
    expect(stale).toEqual([]);
    expect(await store.listLayers('c1')).toMatchObject([
      { verdict: 'critical', observedAt: '2026-11-26T10:00:21.000Z' },
    ]);
    expect(await store.listUnreachable()).toEqual([]);
    expect(await store.version()).toBe(versionBefore);
    expect((await store.history('c1', 10)).map(h => h.to)).toEqual([
      'critical',
      'ok',
    ]);

    // An evaluation that began after the stored one replaces it.
    expect(
      await store.saveCluster(
        'c1',
        [layer('ok', '2026-11-26T10:01:01.000Z')],
        undefined,
        '2026-11-26T10:01:00.000Z',
      ),
    ).toMatchObject([{ from: 'critical', to: 'ok' }]);
    expect(await store.listLayers('c1')).toMatchObject([
      { verdict: 'ok', observedAt: '2026-11-26T10:01:01.000Z' },
    ]);
  });

  it('decides between two replicas writing at once by when their evaluations began', async () => {
    const knex = await databases.init(databaseId);
    const first = await HealthStore.create(mockServices.database({ knex }));
    const second = new HealthStore(knex, 90);
    const older = '2026-11-26T10:00:00.000Z';
    const newer = '2026-11-26T10:00:05.000Z';
    // Whichever commits first, the later start is what stays.
    const results = await Promise.all([
      first.saveCluster(
        'c1',
        [layer('ok', '2026-11-26T10:00:30.000Z')],
        undefined,
        older,
      ),
      second.saveCluster(
        'c1',
        [layer('critical', '2026-11-26T10:00:10.000Z')],
        undefined,
        newer,
      ),
    ]);
    expect(await first.listLayers('c1')).toMatchObject([
      { verdict: 'critical' },
    ]);
    // Whichever order they ran in, the stale result announced no lasting change.
    const lastAnnounced = results
      .flat()
      .filter(c => c.to === 'ok' && c.from === 'critical');
    expect(lastAnnounced).toEqual([]);
  });

  it('removes history older than the retention', async () => {
    const store = await createStore(1);
    await store.saveCluster('c1', [layer('ok', '2026-11-20T10:00:00.000Z')]);
    await store.saveCluster('c1', [
      layer('warning', '2026-11-26T09:00:00.000Z'),
    ]);
    await store.saveCluster('c1', [
      layer('critical', '2026-11-26T10:00:00.000Z'),
    ]);
    const history = await store.history('c1', 10);
    expect(history.map(h => h.to)).toEqual(['critical', 'warning']);
  });

  it('serves data older than the staleness limit as unknown, saying when it was seen', async () => {
    const store = await createStore();
    await store.saveCluster('c1', [layer('ok', '2026-11-26T10:00:00.000Z')]);
    const model = (now: string) =>
      new HealthReadModel({
        store,
        clusters: [
          {
            name: 'c1',
            provisioner: 'kubeadm',
            management: false,
            kubernetes: { url: 'http://c1' },
          },
        ],
        staleAfterSeconds: 300,
        now: () => new Date(now),
      });

    const fresh = await model('2026-11-26T10:04:00Z').layer('c1', 'storage');
    expect(fresh).toMatchObject({ verdict: 'ok', stale: false });

    const stale = await model('2026-11-26T10:06:00Z').layer('c1', 'storage');
    expect(stale).toMatchObject({ verdict: 'unknown', stale: true });
    expect(stale.reason).toContain('last observed 2026-11-26T10:00:00.000Z');
    expect(stale.reason).toContain('verdict then: ok');

    const never = await model('2026-11-26T10:04:00Z').layer('c1', 'gitops');
    expect(never).toMatchObject({ verdict: 'unknown', stale: true });
    expect(never.reason).toContain('Not observed yet');
  });

  it('serves the last good state marked stale while the database is unreachable, and recovers by itself', async () => {
    const store = await createStore();
    await store.saveCluster('c1', [
      layer('warning', '2026-11-26T10:00:00.000Z'),
    ]);
    let databaseDown = false;
    const unreachable = () =>
      Promise.reject(new Error('connect ECONNREFUSED 10.0.0.5:5432'));
    const flakyStore = Object.assign(Object.create(store), {
      listLayers: (cluster?: string) =>
        databaseDown ? unreachable() : store.listLayers(cluster),
      history: (cluster: string, limit: number) =>
        databaseDown ? unreachable() : store.history(cluster, limit),
    }) as HealthStore;
    const model = new HealthReadModel({
      store: flakyStore,
      clusters: [
        {
          name: 'c1',
          provisioner: 'kubeadm',
          management: false,
          kubernetes: { url: 'http://c1' },
        },
      ],
      staleAfterSeconds: 300,
      now: () => new Date('2026-11-26T10:01:00Z'),
    });

    const before = await model.fleet();
    expect(
      before.clusters[0].layers.find(l => l.layer === 'storage'),
    ).toMatchObject({ verdict: 'warning', stale: false });

    databaseDown = true;
    const during = await model.fleet();
    const storage = during.clusters[0].layers.find(l => l.layer === 'storage');
    expect(storage).toMatchObject({ verdict: 'warning', stale: true });
    expect(storage?.reason).toContain('database cannot be reached');
    expect(storage?.reason).not.toContain('10.0.0.5');
    const layerDuring = await model.layer('c1', 'storage');
    expect(layerDuring).toMatchObject({ verdict: 'warning', stale: true });
    await expect(model.history('c1', 10)).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
    });

    databaseDown = false;
    await store.saveCluster('c1', [layer('ok', '2026-11-26T10:00:30.000Z')]);
    const after = await model.layer('c1', 'storage');
    expect(after).toMatchObject({ verdict: 'ok', stale: false });
  });

  it('answers 503 without internals when the database is unreachable before any good read', async () => {
    const store = await createStore();
    const flakyStore = Object.assign(Object.create(store), {
      listLayers: () =>
        Promise.reject(new Error('connect ECONNREFUSED 10.0.0.5:5432')),
    }) as HealthStore;
    const model = new HealthReadModel({
      store: flakyStore,
      clusters: [],
      staleAfterSeconds: 300,
    });
    const failure = model.fleet();
    await expect(failure).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
    });
    await expect(model.fleet()).rejects.not.toThrow(/10\.0\.0\.5/);
  });
});

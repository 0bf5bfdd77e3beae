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
import { ConfigReader } from '@backstage/config';
import {
  HealthStateChange,
  LayerHealth,
} from '@platform-portal/plugin-platform-common';
import { Sandbox } from '@platform-portal/platform-sandbox';
import { UpstreamClients } from '../clients/UpstreamClients';
import { UpstreamPolicies } from '../clients/resilience/UpstreamPolicies';
import { readPlatformConfig } from '../config/readPlatformConfig';
import { HealthStore } from '../store/HealthStore';
import { sandboxControl } from '../__testUtils__/sandboxControl';
import { sandboxPlatformConfig } from '../__testUtils__/sandboxPlatformConfig';
import { startUpstreamSandbox } from '../__testUtils__/startUpstreamSandbox';
import { platformTestDatabases } from '../__testUtils__/testDatabases';
import { builtInChecks } from './checks';
import { ClusterEvaluation, HealthEngine } from './HealthEngine';
import { healthRecorder } from './healthRecorder';

jest.setTimeout(60_000);

const CLUSTER = 'prod-eu-1';
const LONGHORN_VOLUME = 'longhorn.io/v1beta2/Volume';

describe('a refresh that read the fleet before a fault', () => {
  const databases = platformTestDatabases();
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  afterEach(async () => {
    await sandboxControl(sandbox, 'DELETE', `/faults?cluster=${CLUSTER}`);
    await sandboxControl(sandbox, 'DELETE', '/behaviour');
  });

  it('does not overwrite the critical verdict a later evaluation stored, nor announce it', async () => {
    const config = readPlatformConfig(
      new ConfigReader(sandboxPlatformConfig(sandbox)),
    );
    const cluster = config.clusters.find(c => c.name === CLUSTER)!;
    const clients = new UpstreamClients(config, new UpstreamPolicies());
    // Tells the test once the refresh has its Longhorn volumes in hand.
    let volumesRead: (() => void) | undefined;
    const kubernetes = clients.kubernetes.bind(clients);
    const engine = new HealthEngine({
      clients: {
        kubernetes: (name: string) => {
          const client = kubernetes(name)!;
          return {
            list: async (apiVersion: string, kind: string, signal?: any) => {
              const list = await client.list(apiVersion, kind, signal);
              if (`${apiVersion}/${kind}` === LONGHORN_VOLUME) volumesRead?.();
              return list;
            },
          };
        },
      } as unknown as UpstreamClients,
      clusters: [cluster],
      checks: () => builtInChecks(clients),
      settings: config.health,
      logger: mockServices.logger.mock(),
    });
    const store = await HealthStore.create(
      mockServices.database({ knex: await databases.init('SQLITE_3') }),
    );
    const announced: HealthStateChange[] = [];
    const record = healthRecorder({
      store,
      logger: mockServices.logger.mock(),
      onChanged: async (_cluster, changes) => {
        announced.push(...changes);
      },
    });
    const storeResult = async (evaluation: ClusterEvaluation) =>
      record(
        CLUSTER,
        evaluation.readable ?? evaluation.layers,
        evaluation.unreachable,
        evaluation.startedAt,
      );
    const storage = (layers: LayerHealth[]) =>
      layers.find(l => l.layer === 'storage')?.verdict;
    const storedStorage = async () => storage(await store.listLayers(CLUSTER));

    await storeResult(await engine.evaluateClusterReachability(cluster));
    expect(await storedStorage()).toBe('ok');

    // The scheduled refresh reads Kubernetes, then waits on a slow Argo CD.
    await sandboxControl(sandbox, 'POST', '/behaviour', {
      upstream: 'argocd',
      cluster: CLUSTER,
      latencyMs: 5_000,
    });
    const refreshReadVolumes = new Promise<void>(r => {
      volumesRead = r;
    });
    let refreshDone = false;
    const refresh = engine.evaluateClusterReachability(cluster).then(e => {
      refreshDone = true;
      return e;
    });
    await refreshReadVolumes;

    await sandboxControl(sandbox, 'POST', '/faults', {
      cluster: CLUSTER,
      id: 'longhorn-volume-faulted',
    });
    // The change-driven evaluation of the storage layer alone.
    await storeResult(
      await engine.evaluateClusterReachability(
        cluster,
        undefined,
        undefined,
        new Set(['storage']),
      ),
    );
    expect(await storedStorage()).toBe('critical');
    expect(refreshDone).toBe(false);

    const stale = await refresh;
    // The refresh still saw the volumes as they were before the fault.
    expect(storage(stale.layers)).toBe('ok');
    await storeResult(stale);

    expect(await storedStorage()).toBe('critical');
    expect(
      announced.filter(c => c.layer === 'storage').map(c => [c.from, c.to]),
    ).toEqual([
      [undefined, 'ok'],
      ['ok', 'critical'],
    ]);
    // Layers only the refresh read are newer than what was stored of them.
    expect(
      (await store.listLayers(CLUSTER)).find(l => l.layer === 'gitops')
        ?.observedAt,
    ).toBe(stale.layers.find(l => l.layer === 'gitops')?.observedAt);
  });

  it('dates a cluster read through a shared management reader from that reader’s first read', async () => {
    const config = readPlatformConfig(
      new ConfigReader(sandboxPlatformConfig(sandbox)),
    );
    const workload = config.clusters.find(c => c.name === CLUSTER)!;
    const management = config.clusters.find(
      c => c.name === workload.managementCluster,
    )!;
    const clients = new UpstreamClients(config, new UpstreamPolicies());
    const engine = new HealthEngine({
      clients,
      clusters: [management, workload],
      checks: () => builtInChecks(clients),
      // One cluster at a time: the workload cluster begins once the management one is stored.
      settings: { ...config.health, concurrency: 1 },
      logger: mockServices.logger.mock(),
    });
    const handed: Array<{ cluster: string; startedAt: string; at: string }> =
      [];
    await engine.evaluateFleet(undefined, async (name, _l, _u, startedAt) => {
      handed.push({ cluster: name, startedAt, at: new Date().toISOString() });
    });

    expect(handed.map(h => h.cluster)).toEqual([management.name, CLUSTER]);
    const [first, second] = handed;
    // The management cluster's lists the workload cluster was judged on
    // were read during the first evaluation, before it was handed over.
    expect(second.startedAt < first.at).toBe(true);
    expect(second.startedAt >= first.startedAt).toBe(true);
  });
});

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

import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { HealthCheckResult } from '@platform-portal/plugin-platform-common';
import {
  gatewayApiSource,
  grantReaderCrdGroups,
  installCrds,
  kubeFetch,
  loadCrds,
  mirrorIntoRealCluster,
  realKubeControllersForSuite,
  RealKubeControllers,
  Sandbox,
  STACK_CRD_SOURCES,
  standInCrds,
  startRealKubeControllers,
} from '@platform-portal/platform-sandbox';
import request from 'supertest';
import { platformPlugin } from '../plugin';
import { captureScheduler } from '../__testUtils__/captureScheduler';
import {
  RealKubeApiServer,
  realKubeBinariesForSuite,
  startRealKubeApiServer,
} from '../__testUtils__/realKubeApiServer';
import { sandboxPlatformConfig } from '../__testUtils__/sandboxPlatformConfig';
import { startUpstreamSandbox } from '../__testUtils__/startUpstreamSandbox';

jest.setTimeout(600_000);

/*
 * `make start` with real clusters runs kube-controller-manager and kwok
 * beside each copy of a sandbox cluster, with kwok's stages narrowed to keep
 * the scenario. After they have run a while, the scenario's states are still
 * there (the NotReady node, the crash-looping pods, now with more restarts,
 * the Pending pod) and the portal's health verdicts on the real clusters
 * are the sandbox's.
 */

/** staging-1 holds the NotReady node and the crash-looping pods, prod-eu-2 the unschedulable one. */
const CLUSTERS = ['staging-1', 'prod-eu-2'];
const FAULT = 'sandbox.platform-portal.io/fault';
/** The one check whose message the copy changes, its verdict kept (see below). */
const POOLS = 'internal-lb.address-allocation';

const SUITE = 'a scenario kept by real controllers';
const binaries = realKubeBinariesForSuite(SUITE);
const controllerBinaries = binaries && realKubeControllersForSuite(SUITE);

type Obj = Record<string, any>;

(controllerBinaries ? describe : describe.skip)(SUITE, () => {
  let sandbox: Sandbox;
  const kubes: Record<string, RealKubeApiServer> = {};
  const controllers: RealKubeControllers[] = [];
  let copiedAt = 0;

  async function copy(cluster: string) {
    const kube = await startRealKubeApiServer(binaries!, { name: cluster });
    kubes[cluster] = kube;
    const upstream = loadCrds([
      gatewayApiSource('standard'),
      ...STACK_CRD_SOURCES,
    ]);
    const crds = [...upstream, ...standInCrds(upstream)];
    await installCrds(kube, crds);
    await grantReaderCrdGroups(kube, crds);
    const report = await mirrorIntoRealCluster(
      {
        url: sandbox.kubernetesUrl(cluster),
        caData: sandbox.caData(cluster),
        adminToken: sandbox.credentials.kubernetes[cluster].admin,
      },
      kube,
    );
    expect(report.refused).toEqual([]);
    // As the make-start launcher: after the copy, so kwok finds every status.
    controllers.push(
      await startRealKubeControllers(kube, controllerBinaries!, {
        scenario: true,
      }),
    );
  }

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    await Promise.all(CLUSTERS.map(copy));
    copiedAt = Date.now();
  });

  afterAll(async () => {
    await Promise.all(controllers.map(c => c.stop()));
    await Promise.all(Object.values(kubes).map(k => k.stop()));
    await sandbox?.stop();
  });

  async function sandboxList(cluster: string, path: string): Promise<Obj[]> {
    const res = await kubeFetch(sandbox, cluster, path, {
      headers: {
        Authorization: `Bearer ${sandbox.credentials.kubernetes[cluster].admin}`,
      },
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: Obj[] }).items;
  }

  async function realList(cluster: string, path: string): Promise<Obj[]> {
    const res = await kubes[cluster].request('GET', path);
    expect(res.status).toBe(200);
    return res.body.items;
  }

  const key = (o: Obj) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  const ready = (node: Obj) =>
    node.status?.conditions?.find((c: Obj) => c.type === 'Ready')?.status;
  const heartbeat = (node: Obj) =>
    Date.parse(
      node.status?.conditions?.find((c: Obj) => c.type === 'Ready')
        ?.lastHeartbeatTime ?? '',
    );

  async function until(what: string, done: () => Promise<boolean>) {
    const deadline = Date.now() + 180_000;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error(`${what}: not within 180 s`);
      await new Promise(r => setTimeout(r, 3_000));
    }
  }

  it('keeps the NotReady node, the crash-looping pods and the Pending pod while kwok and the controller manager run', async () => {
    const crashing = (await sandboxList('staging-1', '/api/v1/pods')).filter(
      p => p.metadata.annotations?.[FAULT] === 'crashloop',
    );
    expect(crashing.length).toBeGreaterThan(0);
    const restarts = (pod: Obj) =>
      Math.min(...pod.status.containerStatuses.map((c: Obj) => c.restartCount));
    // kwok runs: Ready nodes beat, and every crash-looping pod restarts again.
    await until(
      'a heartbeat and a restart of every crash-looping pod',
      async () => {
        const nodes = await realList('staging-1', '/api/v1/nodes');
        const pods = new Map(
          (await realList('staging-1', '/api/v1/pods')).map(p => [key(p), p]),
        );
        return (
          nodes.some(n => ready(n) === 'True' && heartbeat(n) >= copiedAt) &&
          crashing.every(p => restarts(pods.get(key(p))!) > restarts(p))
        );
      },
    );

    for (const cluster of CLUSTERS) {
      const simulatedNodes = await sandboxList(cluster, '/api/v1/nodes');
      const realNodes = await realList(cluster, '/api/v1/nodes');
      expect(
        Object.fromEntries(realNodes.map(n => [n.metadata.name, ready(n)])),
      ).toEqual(
        Object.fromEntries(
          simulatedNodes.map(n => [n.metadata.name, ready(n)]),
        ),
      );
      // No pod evicted, none added, each in the sandbox's phase and on its node.
      const place = (p: Obj) => `${p.status?.phase} on ${p.spec.nodeName}`;
      const simulatedPods = await sandboxList(cluster, '/api/v1/pods');
      const realPods = await realList(cluster, '/api/v1/pods');
      expect(Object.fromEntries(realPods.map(p => [key(p), place(p)]))).toEqual(
        Object.fromEntries(simulatedPods.map(p => [key(p), place(p)])),
      );
    }
    const stagingNodes = await realList('staging-1', '/api/v1/nodes');
    expect(
      ready(stagingNodes.find(n => n.metadata.name === 'staging-1-md-0-2')!),
    ).not.toBe('True');
    const stagingPods = await realList('staging-1', '/api/v1/pods');
    for (const pod of crashing) {
      const real = stagingPods.find(p => key(p) === key(pod))!;
      expect(real.status.containerStatuses[0].state.waiting.reason).toBe(
        'CrashLoopBackOff',
      );
    }
    const pending = (await realList('prod-eu-2', '/api/v1/pods')).filter(
      p => p.metadata.annotations?.[FAULT] === 'unschedulable',
    );
    expect(pending.length).toBe(1);
    expect(pending[0].status.phase).toBe('Pending');
    expect(pending[0].spec.nodeName).toBeUndefined();
  });

  /** One refresh of a cluster's health: id -> verdict and message. */
  async function checksOf(
    config: object,
    cluster: string,
  ): Promise<Record<string, string>> {
    const capture = captureScheduler();
    const backend = await startTestBackend({
      features: [
        platformPlugin,
        capture.module,
        mockServices.rootConfig.factory({ data: config as any }),
      ],
    });
    try {
      await capture.refreshHealth();
      const res = await request(backend.server).get(
        `/api/platform/health/${cluster}`,
      );
      expect(res.status).toBe(200);
      const checks: HealthCheckResult[] = res.body.layers.flatMap(
        (l: { checks: HealthCheckResult[] }) => l.checks,
      );
      // Ages are read against the clock: the copy is a little older.
      return Object.fromEntries(
        checks.map(c => [
          c.id,
          `${c.verdict}: ${c.message.replace(/\d+(s|m|h|d)\b/g, '<age>')}`,
        ]),
      );
    } finally {
      await backend.stop();
    }
  }

  it('gives the portal the sandbox verdicts on the real clusters', async () => {
    const config = structuredClone(sandboxPlatformConfig(sandbox)) as any;
    for (const cluster of CLUSTERS) {
      config.platform.clusters.find(
        (c: { name: string }) => c.name === cluster,
      ).kubernetes = {
        url: kubes[cluster].url,
        caData: kubes[cluster].caData,
        token: kubes[cluster].readerToken,
      };
    }
    for (const cluster of CLUSTERS) {
      const simulated = await checksOf(sandboxPlatformConfig(sandbox), cluster);
      const real = await checksOf(config, cluster);
      expect(Object.keys(real).length).toBeGreaterThan(30);
      expect(real['hardware.workers-ready']).toBe(
        simulated['hardware.workers-ready'],
      );
      // Same verdict and Services, but the pool the sandbox calls exhausted is
      // not on the copy (stand-in MetalLB objects, which none of these
      // controllers touch): left to the MetalLB controllers' change.
      const { [POOLS]: realPools, ...realRest } = real;
      const { [POOLS]: simulatedPools, ...simulatedRest } = simulated;
      expect(realPools.split(';')[0]).toBe(simulatedPools.split(';')[0]);
      expect(realRest).toEqual(simulatedRest);
    }
  });
});

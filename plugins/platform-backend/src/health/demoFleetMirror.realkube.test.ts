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

import {
  gatewayApiSource,
  grantReaderCrdGroups,
  installCrds,
  loadCrds,
  mirrorIntoRealCluster,
  Sandbox,
  STACK_CRD_SOURCES,
  standInCrds,
} from '@platform-portal/platform-sandbox';
import {
  realKubeBinariesForSuite,
  startRealKubeApiServer,
} from '../__testUtils__/realKubeApiServer';
import { startUpstreamSandbox } from '../__testUtils__/startUpstreamSandbox';

jest.setTimeout(600_000);

/*
 * Every object of every demo cluster is one a real API server accepts: each
 * cluster is copied, as `make start` copies it, into a fresh control plane
 * of its own (the copies share names, and a real server validates an update
 * against the object before it), and the copy must come back without a
 * single refusal.
 */

const SUITE = 'the demo fleet copied onto real API servers';
const binaries = realKubeBinariesForSuite(SUITE);

/** Control planes started at once: two keep the machine's two cores busy without queueing. */
const AT_ONCE = 2;

(binaries ? describe : describe.skip)(SUITE, () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  async function mirrorOne(cluster: string) {
    const kube = await startRealKubeApiServer(binaries!, { name: cluster });
    try {
      const upstream = loadCrds([
        gatewayApiSource('standard'),
        ...STACK_CRD_SOURCES,
      ]);
      const crds = [...upstream, ...standInCrds(upstream)];
      await installCrds(kube, crds);
      await grantReaderCrdGroups(kube, crds);
      return await mirrorIntoRealCluster(
        {
          url: sandbox.kubernetesUrl(cluster),
          caData: sandbox.caData(cluster),
          adminToken: sandbox.credentials.kubernetes[cluster].admin,
        },
        kube,
      );
    } finally {
      await kube.stop();
    }
  }

  it('copies every object of every demo cluster without a refusal', async () => {
    const clusters = sandbox.fleetSpec.clusters.map(c => c.name);
    expect(clusters.length).toBe(6);
    const reports: Record<string, { applied: number; refused: string[] }> = {};
    for (let i = 0; i < clusters.length; i += AT_ONCE) {
      const batch = clusters.slice(i, i + AT_ONCE);
      const done = await Promise.all(batch.map(mirrorOne));
      batch.forEach((cluster, j) => {
        reports[cluster] = done[j];
      });
    }
    for (const cluster of clusters) {
      // Nodes, pods, workloads, the stack's custom objects: a copy, not a sample.
      expect(reports[cluster].applied).toBeGreaterThan(150);
    }
    expect(
      Object.entries(reports).flatMap(([cluster, report]) =>
        report.refused.map(refusal => `${cluster}: ${refusal}`),
      ),
    ).toEqual([]);
  });
});

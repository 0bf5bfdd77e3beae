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
  loadCrds,
  mirrorIntoRealCluster,
  grantReaderCrdGroups,
  installCrds,
  Sandbox,
  STACK_CRD_SOURCES,
  standInCrds,
} from '@platform-portal/platform-sandbox';
import request from 'supertest';
import { platformPlugin } from '../plugin';
import { captureScheduler } from '../__testUtils__/captureScheduler';
import {
  RealKubeApiServer,
  realKubeBinariesForSuite,
  realKubeForSuite,
} from '../__testUtils__/realKubeApiServer';
import { sandboxPlatformConfig } from '../__testUtils__/sandboxPlatformConfig';
import { serviceAccountToken } from '../__testUtils__/mirrorSandboxCluster';
import { startUpstreamSandbox } from '../__testUtils__/startUpstreamSandbox';

jest.setTimeout(180_000);

/** A workload cluster with an OutOfSync Application among its faults. */
const CLUSTER = 'prod-eu-2';

const SUITE = 'health of a sandbox cluster copied onto a real kube-apiserver';
const binaries = realKubeBinariesForSuite(SUITE);

(binaries ? describe : describe.skip)(SUITE, () => {
  let kube: RealKubeApiServer;
  let sandbox: Sandbox;

  beforeAll(async () => {
    [kube, sandbox] = await Promise.all([
      realKubeForSuite('health', binaries!),
      startUpstreamSandbox(),
    ]);
    // As the launcher seeds a real cluster for PLATFORM_REAL_CLUSTERS.
    const upstream = loadCrds([
      gatewayApiSource('standard'),
      ...STACK_CRD_SOURCES,
    ]);
    const crds = [...upstream, ...standInCrds(upstream)];
    await installCrds(kube, crds);
    await grantReaderCrdGroups(kube, crds);
    await mirrorIntoRealCluster(
      {
        url: sandbox.kubernetesUrl(CLUSTER),
        caData: sandbox.caData(CLUSTER),
        adminToken: sandbox.credentials.kubernetes[CLUSTER].admin,
      },
      kube,
    );
  });

  afterAll(async () => {
    await kube?.stop();
    await sandbox?.stop();
  });

  /** The real cluster's Kubernetes API for CLUSTER, everything else on the sandbox. */
  function onRealCluster(token: string) {
    const config = structuredClone(sandboxPlatformConfig(sandbox)) as any;
    config.platform.clusters.find(
      (c: { name: string }) => c.name === CLUSTER,
    ).kubernetes = { url: kube.url, caData: kube.caData, token };
    return config;
  }

  /** A reader whose RBAC lists every kind the checks read but DaemonSets. */
  async function tokenWithoutDaemonSets(): Promise<string> {
    const name = 'reader-without-daemonsets';
    const create = async (path: string, body: object) => {
      const res = await kube.request('POST', path, body);
      expect([201, 409]).toContain(res.status);
    };
    await create('/api/v1/namespaces/default/serviceaccounts', {
      metadata: { name },
    });
    const rbac = '/apis/rbac.authorization.k8s.io/v1';
    await create(`${rbac}/clusterroles`, {
      metadata: { name },
      rules: [
        {
          apiGroups: ['', 'apps'],
          resources: ['nodes', 'pods', 'deployments'],
          verbs: ['get', 'list', 'watch'],
        },
      ],
    });
    await create(`${rbac}/clusterrolebindings`, {
      metadata: { name },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name,
      },
      subjects: [{ kind: 'ServiceAccount', name, namespace: 'default' }],
    });
    return serviceAccountToken(kube, 'default', name);
  }

  /** One refresh of the cluster's health: id -> verdict and message. */
  async function checksOf(config: object): Promise<Record<string, string>> {
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
        `/api/platform/health/${CLUSTER}`,
      );
      expect(res.status).toBe(200);
      const checks: HealthCheckResult[] = res.body.layers.flatMap(
        (l: { checks: HealthCheckResult[] }) => l.checks,
      );
      // Ages are read against the clock: two refreshes may round differently.
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

  it('gives every check the verdict the sandbox gives, with the Kubernetes side on the real server', async () => {
    const simulated = await checksOf(sandboxPlatformConfig(sandbox));
    const real = await checksOf(onRealCluster(kube.readerToken));

    expect(Object.keys(real).length).toBeGreaterThan(30);
    // Built-in kinds listed from the real server (items without kind) are found.
    expect(real['networking.cilium-agents']).not.toContain('missing');
    // Argo CD keeps an Application's status in the object, not a subresource.
    expect(real['gitops.applications']).toContain(
      'Application/argocd/orders-service OutOfSync',
    );
    expect(real).toEqual(simulated);
  });

  it('reports a kind the reader may not list as unknown with the 403, never as missing', async () => {
    const checks = await checksOf(
      onRealCluster(await tokenWithoutDaemonSets()),
    );
    expect(checks['networking.cilium-agents']).toMatch(/^unknown: /);
    expect(checks['networking.cilium-agents']).toMatch(/403|forbidden/i);
    expect(checks['networking.cilium-agents']).toContain('daemonsets');
    expect(checks['networking.cilium-agents']).not.toContain('missing');
  });
});

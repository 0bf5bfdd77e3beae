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
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Sandbox, kubeFetch } from '@platform-portal/platform-sandbox';
import { AddressInfo } from 'node:net';
// The upgrade template's action, as the scaffolder runs it.
import {
  PlatformUpgradeReadiness,
  upgradeClusterAction,
} from '@platform-portal/plugin-scaffolder-backend-module-platform/alpha';
import {
  actionSetup,
  contextFor,
  revisionOf,
  userOf,
  whileTicking,
} from '@platform-portal/plugin-scaffolder-backend-module-platform/testUtils';
import platformPlugin from '@platform-portal/plugin-platform-backend';
import {
  captureScheduler,
  sandboxControl,
  sandboxPlatformConfig,
  startUpstreamSandbox,
} from '@platform-portal/plugin-platform-backend/testUtils';

jest.setTimeout(60_000);

const CLUSTER = 'staging-1';
const VERSION = 'v1.33.4';

describe('platform:cluster:upgrade asks the upgrade planner first', () => {
  let sandbox: Sandbox;
  let stopBackend: () => Promise<void>;
  let setup: ReturnType<typeof actionSetup>;
  const capture = captureScheduler();
  const platformUser = userOf('alice', ['platform-team']);

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    const config = sandboxPlatformConfig(sandbox);
    const backend = await startTestBackend({
      features: [
        platformPlugin,
        mockServices.rootConfig.factory({
          data: {
            ...config,
            platform: {
              ...config.platform,
              clients: { timeoutMs: 15_000, maxRetries: 1 },
            },
          },
        }),
        capture.module,
      ],
    });
    stopBackend = () => backend.stop();
    const { port } = backend.server.address() as AddressInfo;
    // The scaffolder's own service credentials, as the module passes them.
    const upgrades = new PlatformUpgradeReadiness({
      discovery: {
        getBaseUrl: async () => `http://localhost:${port}/api/platform`,
      },
      auth: {
        getOwnServiceCredentials: async () =>
          mockCredentials.service('plugin:scaffolder'),
        getPluginRequestToken: async () => ({
          token: mockCredentials.service.token({
            onBehalfOf: mockCredentials.service('plugin:scaffolder'),
            targetPluginId: 'platform',
          }),
        }),
      },
    });
    setup = { ...actionSetup(sandbox, { waitTimeoutSeconds: 30 }), upgrades };
  });

  afterAll(async () => {
    await stopBackend?.();
    await sandbox?.stop();
  });

  const kcp = () =>
    sandbox.fleet
      .cluster('mgmt')!
      .store.get(
        'kubeadmcontrolplanes.controlplane.cluster.x-k8s.io',
        'clusters',
        `${CLUSTER}-control-plane`,
      )!;

  it('refuses, dry run and real, naming each blocker, and writes nothing', async () => {
    const before = revisionOf(sandbox, 'mgmt');
    for (const isDryRun of [true, false]) {
      const { ctx } = contextFor(
        { cluster: CLUSTER, version: VERSION },
        { user: platformUser, isDryRun },
      );
      const refusal = upgradeClusterAction(setup).handler(ctx);
      await expect(refusal).rejects.toThrow(
        `${CLUSTER} cannot be upgraded to ${VERSION} while 2 blockers remain`,
      );
      await expect(refusal).rejects.toThrow(
        'PodDisruptionBudget payments/payments-api allows no disruption',
      );
      await expect(refusal).rejects.toThrow(
        'Node staging-1-md-0-2 is not Ready',
      );
    }
    expect(revisionOf(sandbox, 'mgmt')).toBe(before);
  });

  it('proceeds once the blockers are cleared', async () => {
    // The node comes back, and the payments team lifts its budget for the upgrade window.
    await sandboxControl(
      sandbox,
      'DELETE',
      `/faults?cluster=${CLUSTER}&id=node-not-ready`,
    );
    const removed = await kubeFetch(
      sandbox,
      CLUSTER,
      `/apis/policy/v1/namespaces/payments/poddisruptionbudgets/payments-api`,
      {
        method: 'DELETE',
        headers: {
          Authorization: `Bearer ${sandbox.credentials.kubernetes[CLUSTER].admin}`,
        },
      },
    );
    expect(removed.status).toBe(200);
    const nodeReady = () =>
      (
        sandbox.fleet
          .cluster(CLUSTER)!
          .store.get('nodes', undefined, 'staging-1-md-0-2')!.status as any
      ).conditions.find((c: any) => c.type === 'Ready').status;
    for (let minute = 0; minute < 10 && nodeReady() !== 'True'; minute++) {
      await sandboxControl(sandbox, 'POST', '/time/advance', { ms: 60_000 });
    }
    expect(nodeReady()).toBe('True');

    const dry = contextFor(
      { cluster: CLUSTER, version: VERSION },
      { user: platformUser, isDryRun: true },
    );
    await upgradeClusterAction(setup).handler(dry.ctx);
    expect(dry.logs).toContain(
      `Would set KubeadmControlPlane ${CLUSTER}-control-plane to ${VERSION}`,
    );

    const real = contextFor(
      { cluster: CLUSTER, version: VERSION },
      { user: platformUser },
    );
    await whileTicking(
      sandbox,
      upgradeClusterAction(setup).handler(real.ctx),
      30_000,
    );
    expect((kcp().status as any).version).toBe(VERSION);
    expect(real.outputs).toEqual({
      cluster: CLUSTER,
      previousVersion: 'v1.32.8',
      version: VERSION,
    });
  });
});

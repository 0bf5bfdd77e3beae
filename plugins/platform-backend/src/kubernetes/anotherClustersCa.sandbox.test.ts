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
import { bufferFromFileOrString } from '@kubernetes/client-node';
import { Sandbox } from '@platform-portal/platform-sandbox';
import { ClusterHealthResponse } from '@platform-portal/plugin-platform-common';
import { request as httpsRequest } from 'node:https';
import request from 'supertest';
import { platformPlugin } from '../plugin';
import { readPlatformConfig } from '../config/readPlatformConfig';
import { captureScheduler } from '../__testUtils__/captureScheduler';
import { sandboxPlatformConfig } from '../__testUtils__/sandboxPlatformConfig';
import { startUpstreamSandbox } from '../__testUtils__/startUpstreamSandbox';
import { platformClustersSupplier } from './platformClustersSupplier';

jest.setTimeout(120_000);

/** Configured with the CA of WRONG_CA, which did not sign its API server's certificate. */
const MISCONFIGURED = 'prod-eu-1';
const WRONG_CA = 'prod-eu-2';

/**
 * Every simulated cluster has a CA of its own, as real clusters do: a
 * cluster configured with another cluster's CA must be refused, and the
 * error must name the key to fix.
 */
describe("a cluster configured with another cluster's CA", () => {
  let sandbox: Sandbox;
  let config: ReturnType<typeof sandboxPlatformConfig>;
  let index: number;

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    const base = sandboxPlatformConfig(sandbox);
    index = base.platform.clusters.findIndex(
      (c: { name: string }) => c.name === MISCONFIGURED,
    );
    const wrong = sandbox.caData(WRONG_CA);
    config = {
      ...base,
      kubernetes: {
        ...base.kubernetes,
        clusterLocatorMethods: base.kubernetes.clusterLocatorMethods.map(
          (method: { clusters: Array<{ name: string }> }) => ({
            ...method,
            clusters: method.clusters.map(c =>
              c.name === MISCONFIGURED
                ? { ...c, caData: Buffer.from(wrong).toString('base64') }
                : c,
            ),
          }),
        ),
      },
      platform: {
        ...base.platform,
        clients: { timeoutMs: 5000, maxRetries: 0 },
        clusters: base.platform.clusters.map(
          (c: { name: string; kubernetes: object }) =>
            c.name === MISCONFIGURED
              ? { ...c, kubernetes: { ...c.kubernetes, caData: wrong } }
              : c,
        ),
      },
    };
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  it('is unreachable (TLS) in the health engine, naming platform.clusters[i].kubernetes.caData, while the others are read', async () => {
    const capture = captureScheduler();
    const backend = await startTestBackend({
      features: [
        platformPlugin,
        capture.module,
        mockServices.rootConfig.factory({ data: config }),
      ],
    });
    try {
      await capture.refreshHealth();
      const health = async (name: string): Promise<ClusterHealthResponse> => {
        const res = await request(backend.server).get(
          `/api/platform/health/${name}`,
        );
        expect(res.status).toBe(200);
        return res.body;
      };
      const refused = await health(MISCONFIGURED);
      expect(refused.unreachable).toMatchObject({ errorClass: 'tls' });
      expect(refused.unreachable!.message).toContain(
        `platform.clusters[${index}].kubernetes.caData`,
      );
      const trusted = await health(WRONG_CA);
      expect(trusted.unreachable).toBeUndefined();
      expect(
        trusted.layers.some(l => l.checks.some(c => c.verdict !== 'unknown')),
      ).toBe(true);
    } finally {
      await backend.stop();
    }
  });

  it("hands the official Kubernetes plugin that CA, so its connection is refused as the API server's certificate does not verify", async () => {
    const clusters = await platformClustersSupplier(
      readPlatformConfig(mockServices.rootConfig({ data: config })).clusters,
    ).getClusters({ credentials: undefined as any });
    // As @backstage/plugin-kubernetes-backend's KubernetesConnection builds its agent.
    const connect = (name: string) => {
      const details = clusters.find(c => c.name === name)!;
      return new Promise<number>((resolve, reject) => {
        const req = httpsRequest(
          `${details.url}/api/v1/namespaces`,
          {
            ca: bufferFromFileOrString(undefined, details.caData) ?? undefined,
            rejectUnauthorized: !details.skipTLSVerify,
            headers: {
              Authorization: `Bearer ${details.authMetadata.serviceAccountToken}`,
            },
            timeout: 10_000,
          },
          res => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('timeout', () => req.destroy(new Error('timed out')));
        req.on('error', reject);
        req.end();
      });
    };
    await expect(connect(MISCONFIGURED)).rejects.toMatchObject({
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
    expect(await connect(WRONG_CA)).toBe(200);
  });
});

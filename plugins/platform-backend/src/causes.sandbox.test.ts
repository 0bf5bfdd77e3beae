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
import { Sandbox } from '@platform-portal/platform-sandbox';
import { ClusterHealthResponse } from '@platform-portal/plugin-platform-common';
import request from 'supertest';
import { platformPlugin } from './plugin';
import { captureScheduler } from './__testUtils__/captureScheduler';
import { sandboxPlatformConfig } from './__testUtils__/sandboxPlatformConfig';
import { sandboxControl } from './__testUtils__/sandboxControl';
import { startUpstreamSandbox } from './__testUtils__/startUpstreamSandbox';
import { platformTestDatabases } from './__testUtils__/testDatabases';

jest.setTimeout(60_000);

describe('findings grouped under the cause they share', () => {
  const databases = platformTestDatabases();
  let sandbox: Sandbox;
  let server: any;
  const { module: schedulerCapture, refreshHealth } = captureScheduler();
  let stopBackend: () => Promise<void>;

  const health = async (cluster: string): Promise<ClusterHealthResponse> => {
    const res = await request(server).get(`/api/platform/health/${cluster}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    const base = sandboxPlatformConfig(sandbox);
    const knex = await databases.init('SQLITE_3');
    const backend = await startTestBackend({
      features: [
        platformPlugin,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            ...base,
            platform: {
              ...base.platform,
              clients: { timeoutMs: 4000, maxRetries: 0 },
            },
          },
        }),
        schedulerCapture,
      ],
    });
    server = backend.server;
    stopBackend = () => backend.stop();
    await refreshHealth();
  });

  afterAll(async () => {
    await stopBackend?.();
    await sandbox?.stop();
  });

  it('shows staging-1’s NotReady node as one cause of the DaemonSet findings on it, layers still critical', async () => {
    const staging = await health('staging-1');
    const nodeCauses = (staging.causes ?? []).filter(
      c => c.kind === 'node-not-ready',
    );
    expect(nodeCauses).toHaveLength(1);
    const [cause] = nodeCauses;
    expect(cause.object).toBe('Node/staging-1-md-0-2');
    expect(cause.finding).toEqual({
      layer: 'hardware',
      checkId: 'hardware.workers-ready',
    });
    expect(Date.parse(cause.since!)).not.toBeNaN();
    const byLayer = new Map(cause.consequences.map(c => [c.layer, c]));
    for (const layer of ['networking', 'internal-lb', 'storage'] as const) {
      const consequence = byLayer.get(layer);
      expect(consequence?.verdict).toBe('critical');
      // Tied by a pod scheduled on the node, named in the evidence.
      expect(consequence!.evidence[0]).toMatchObject({
        field: 'spec.nodeName',
        value: 'staging-1-md-0-2',
      });
      expect(staging.layers.find(l => l.layer === layer)!.verdict).toBe(
        'critical',
      );
    }
    // The exhausted MetalLB pool has nothing to do with the node.
    expect(cause.consequences.map(c => c.checkId)).not.toContain(
      'internal-lb.address-allocation',
    );
    // A healthy cluster has no cause to show.
    expect((await health('prod-eu-1')).causes ?? []).toEqual(
      expect.not.arrayContaining([
        expect.objectContaining({ kind: 'node-not-ready' }),
      ]),
    );
  });

  it('groups every layer that reads an unreachable API under that one cause', async () => {
    const down = 'onprem-kubeadm-1';
    await sandboxControl(sandbox, 'POST', '/behaviour', {
      upstream: 'kubernetes',
      cluster: down,
      refuse: true,
    });
    try {
      await refreshHealth();
      const cluster = await health(down);
      expect(cluster.causes?.[0]).toMatchObject({
        kind: 'api-unreachable',
        object: cluster.unreachable!.endpoint,
        since: cluster.unreachable!.since,
        verdict: 'critical',
      });
      const lastKnown = cluster.layers
        .filter(l => l.lastKnown)
        .map(l => l.layer);
      expect(lastKnown.length).toBeGreaterThan(5);
      expect(cluster.causes![0].consequences.map(c => c.layer)).toEqual(
        lastKnown,
      );
    } finally {
      await sandboxControl(sandbox, 'POST', '/behaviour', {
        upstream: 'kubernetes',
        cluster: down,
        refuse: false,
      });
    }
  });
});

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
import {
  API_UNREACHABLE_RUNBOOKS,
  ClusterHealthResponse,
  ClustersResponse,
  FleetHealthResponse,
  getRunbook,
} from '@platform-portal/plugin-platform-common';
import request from 'supertest';
import { platformPlugin } from './plugin';
import { captureScheduler } from './__testUtils__/captureScheduler';
import { sandboxPlatformConfig } from './__testUtils__/sandboxPlatformConfig';
import { sandboxControl } from './__testUtils__/sandboxControl';
import { startUpstreamSandbox } from './__testUtils__/startUpstreamSandbox';
import { platformTestDatabases } from './__testUtils__/testDatabases';

jest.setTimeout(120_000);

const DOWN = 'onprem-kubeadm-1';

describe('a cluster whose Kubernetes API refuses connections', () => {
  const databases = platformTestDatabases();
  let sandbox: Sandbox;
  let server: any;
  const { module: schedulerCapture, refreshHealth } = captureScheduler();
  let stopBackend: () => Promise<void>;
  let before: FleetHealthResponse;
  let beforeLayers: ClusterHealthResponse;
  let endpoint: string;

  const fleet = async (): Promise<FleetHealthResponse> => {
    const res = await request(server).get('/api/platform/health');
    expect(res.status).toBe(200);
    return res.body;
  };
  const cluster = async (): Promise<ClusterHealthResponse> => {
    const res = await request(server).get(`/api/platform/health/${DOWN}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const rowOf = (health: FleetHealthResponse) =>
    health.clusters.find(c => c.cluster === DOWN)!;

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    const base = sandboxPlatformConfig(sandbox);
    endpoint = base.platform.clusters.find(
      (c: { name: string }) => c.name === DOWN,
    ).kubernetes.url;
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
    before = await fleet();
    beforeLayers = await cluster();
    await sandboxControl(sandbox, 'POST', '/behaviour', {
      upstream: 'kubernetes',
      cluster: DOWN,
      refuse: true,
    });
    await refreshHealth();
  });

  afterAll(async () => {
    await stopBackend?.();
    await sandbox?.stop();
  });

  it('is critical at row level and counts in the fleet’s critical clusters', async () => {
    expect(rowOf(before).unreachable).toBeUndefined();
    const after = await fleet();
    const row = rowOf(after);
    expect(row.verdict).toBe('critical');
    expect(after.unreachableClusters).toBe(1);
    const criticalBefore = before.clusters.filter(
      c => c.verdict === 'critical',
    ).length;
    expect(after.clusterCounts!.critical).toBe(
      criticalBefore + (rowOf(before).verdict === 'critical' ? 0 : 1),
    );
    expect(after.clusterCounts!.critical).toBe(
      after.clusters.filter(c => c.verdict === 'critical').length,
    );
    const clusters: ClustersResponse = (
      await request(server).get('/api/platform/clusters')
    ).body;
    expect(clusters.clusters.find(c => c.name === DOWN)!.verdict).toBe(
      'critical',
    );
  });

  it('keeps the last known verdicts with their time, greyed as last known, and the fleet’s cell counts with them', async () => {
    const after = await fleet();
    const row = rowOf(after);
    const lastKnown = row.layers.filter(l => l.lastKnown);
    // Every layer read through the Kubernetes API; Keepalived and the other
    // upstreams still answer for theirs.
    expect(lastKnown.length).toBeGreaterThanOrEqual(8);
    for (const layer of lastKnown) {
      const was = rowOf(before).layers.find(l => l.layer === layer.layer)!;
      expect(layer).toMatchObject({
        verdict: was.verdict,
        observedAt: was.observedAt,
        stale: true,
      });
      // How long the verdict has lasted still counts from its change.
      expect(layer.since).toBe(was.since);
      expect(Date.parse(layer.since!)).toBeLessThanOrEqual(
        Date.parse(layer.observedAt),
      );
    }
    expect(row.layers.some(l => l.verdict === 'unknown' && !l.lastKnown)).toBe(
      false,
    );
    expect(after.counts.critical).toBe(before.counts.critical);

    const detail = await cluster();
    for (const layer of detail.layers.filter(l => l.lastKnown)) {
      const was = beforeLayers.layers.find(l => l.layer === layer.layer)!;
      expect(layer.verdict).toBe(was.verdict);
      // The same checks, without the runbook steps they had: those assume
      // the API answers.
      expect(layer.checks.some(c => c.remediation)).toBe(false);
      expect(layer.checks).toEqual(
        was.checks.map(({ remediation: _, ...check }) => check),
      );
    }
  });

  it('says why once: the endpoint, since when, the error class', async () => {
    const detail = await cluster();
    const outage = detail.unreachable!;
    expect(outage.endpoint).toBe(endpoint);
    expect(outage.errorClass).toBe('refused');
    expect(outage.message).toMatch(
      new RegExp(`Kubernetes API of cluster ${DOWN} could not be reached`),
    );
    expect(Date.parse(outage.since)).toBeGreaterThan(
      Date.parse(beforeLayers.layers[0].observedAt),
    );
    // No layer repeats the message.
    for (const layer of detail.layers) {
      expect(layer.reason ?? '').not.toContain('could not be reached');
    }

    // A second refresh keeps the start of the outage.
    await refreshHealth();
    const again = (await cluster()).unreachable!;
    expect(again.since).toBe(outage.since);
    expect(Date.parse(again.lastAttemptAt)).toBeGreaterThan(
      Date.parse(outage.lastAttemptAt),
    );
  });

  it('points to the API endpoint, VIP and control-plane runbooks, none of which needs the API', async () => {
    const { unreachable } = await cluster();
    expect(unreachable!.runbooks).toEqual([...API_UNREACHABLE_RUNBOOKS]);
    expect(unreachable!.runbooks).not.toContain('cilium-network-policy-drops');
    for (const id of unreachable!.runbooks) {
      const commands = getRunbook(id)!.steps.flatMap(s => s.commands);
      expect(commands.join('\n')).not.toMatch(/\bkubectl\b/);
    }
  });

  it('once the API answers again, the outage is over and the layers are read afresh', async () => {
    await sandboxControl(sandbox, 'DELETE', '/behaviour');
    await refreshHealth();
    const detail = await cluster();
    expect(detail.unreachable).toBeUndefined();
    expect(detail.layers.filter(l => l.lastKnown)).toEqual([]);
    expect((await fleet()).unreachableClusters).toBe(0);
  });
});

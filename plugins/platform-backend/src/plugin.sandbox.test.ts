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
  coreServices,
  createBackendModule,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import {
  createUpstreamSimulators,
  defaultFleet,
  Sandbox,
  startSandbox,
} from '@platform-portal/platform-sandbox';
import {
  ClusterHealthResponse,
  FleetHealthResponse,
  LayerHealth,
} from '@platform-portal/plugin-platform-common';
import { platformHealthChecksExtensionPoint } from '@platform-portal/plugin-platform-node';
import request from 'supertest';
import { HEALTH_REFRESH_TASK_ID } from './health/scheduleHealthRefresh';
import { platformPlugin } from './plugin';
import { sandboxPlatformConfig } from './__testUtils__/sandboxPlatformConfig';
import { sandboxControl } from './__testUtils__/sandboxControl';
import { platformTestDatabases } from './__testUtils__/testDatabases';

const RANK = { ok: 0, unknown: 1, warning: 2, critical: 3 } as const;

const databases = platformTestDatabases();

describe.each(databases.eachSupportedId())(
  'platform health against the sandbox fleet on %s',
  databaseId => {
    let sandbox: Sandbox;
    let server: any;
    let scheduler: SchedulerService | undefined;
    let stopBackend: () => Promise<void>;
    const actions = actionsRegistryServiceMock();

    const refresh = () => scheduler!.triggerTask(HEALTH_REFRESH_TASK_ID);
    const layerOf = async (
      cluster: string,
      layer: string,
    ): Promise<LayerHealth> =>
      (await request(server).get(`/api/platform/health/${cluster}/${layer}`))
        .body;

    beforeAll(async () => {
      sandbox = await startSandbox({
        fleet: defaultFleet(),
        port: 0,
        controlPort: 0,
        upstreams: createUpstreamSimulators,
        realTimeTicks: false,
      });
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          platformPlugin,
          mockServices.database.factory({ knex }),
          createServiceFactory({
            service: actionsRegistryServiceRef,
            deps: {},
            factory: () => actions,
          }),
          mockServices.rootConfig.factory({
            data: sandboxPlatformConfig(sandbox),
          }),
          createBackendModule({
            pluginId: 'platform',
            moduleId: 'test-hooks',
            register(env) {
              env.registerInit({
                deps: {
                  scheduler: coreServices.scheduler,
                  checks: platformHealthChecksExtensionPoint,
                },
                async init(deps) {
                  scheduler = deps.scheduler;
                  deps.checks.addHealthChecks({
                    id: 'identity.team-sso-client',
                    layer: 'identity',
                    title: 'The team SSO client is registered in Dex',
                    async run({ kubernetes }) {
                      const { items, observedAt } = await kubernetes.list(
                        'apps/v1',
                        'Deployment',
                      );
                      const dex = items.find(d => d.metadata?.name === 'dex');
                      return {
                        verdict: dex ? 'ok' : 'critical',
                        message: dex ? 'Dex runs' : 'Dex is missing',
                        evidence: [
                          {
                            object: 'Deployment/dex/dex',
                            field: 'metadata.name',
                            value: dex ? 'dex' : 'not found',
                            observedAt,
                          },
                        ],
                      };
                    },
                  });
                },
              });
            },
          }),
        ],
      });
      server = backend.server;
      stopBackend = () => backend.stop();
    });

    afterAll(async () => {
      await stopBackend?.();
      await sandbox?.stop();
    });

    it('lists every cluster with all 13 layers, observed and not stale', async () => {
      const res = await request(server).get('/api/platform/health');
      expect(res.status).toBe(200);
      const body: FleetHealthResponse = res.body;
      expect(body.layers).toHaveLength(13);
      expect(body.clusters.map(c => c.cluster).sort()).toEqual(
        sandbox.fleetSpec.clusters.map(c => c.name).sort(),
      );
      for (const cluster of body.clusters) {
        expect(cluster.layers.map(l => l.layer)).toEqual(body.layers);
        for (const layer of cluster.layers) {
          expect(layer.stale).toBe(false);
          expect(Date.parse(layer.observedAt)).toBeGreaterThan(0);
        }
      }
    });

    it('runs checks other teams add through the extension point', async () => {
      const identity = await layerOf('prod-eu-1', 'identity');
      expect(
        identity.checks.find(c => c.id === 'identity.team-sso-client'),
      ).toMatchObject({
        verdict: 'ok',
        evidence: [expect.objectContaining({ object: 'Deployment/dex/dex' })],
      });
    });

    it('answers the read-only health action with the failing checks and their runbooks', async () => {
      expect(actions.actions.get('test:get-platform-health')).toBeDefined();
      const { output } = await actions.invoke({
        id: 'test:get-platform-health',
        input: { cluster: 'prod-eu-2', layer: 'storage' },
        credentials: mockCredentials.user(),
      });
      expect(output).toEqual({
        clusters: [
          expect.objectContaining({
            cluster: 'prod-eu-2',
            layers: [
              expect.objectContaining({
                layer: 'storage',
                // The degraded volume, and the volume no backup job covers.
                verdict: 'critical',
                problems: [
                  expect.objectContaining({
                    check: 'storage.longhorn-backup-coverage',
                    runbook: 'longhorn-backup-missing',
                  }),
                  expect.objectContaining({
                    check: 'storage.longhorn-backup-age',
                    verdict: 'critical',
                    runbook: 'longhorn-backup-missing',
                  }),
                  expect.objectContaining({
                    check: 'storage.longhorn-volumes',
                    runbook: 'longhorn-volume-degraded',
                  }),
                ],
              }),
            ],
          }),
        ],
      });
      const fleet = await actions.invoke({
        id: 'test:get-platform-health',
        input: {},
        credentials: mockCredentials.user(),
      });
      expect((fleet.output as { clusters: unknown[] }).clusters).toHaveLength(
        6,
      );
    });

    it('serves a cluster with its live nodes and its Cluster API status', async () => {
      const res = await request(server).get('/api/platform/clusters/staging-1');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        name: 'staging-1',
        provisioner: 'cluster-api',
        managementCluster: 'mgmt',
        kubernetesVersions: ['v1.32.8'],
        clusterApi: {
          phase: 'Provisioned',
          version: 'v1.32.8',
          controlPlane: { desired: 1, ready: 1 },
          workers: { desired: 2 },
        },
      });
      expect(res.body.nodes).toHaveLength(3);
      expect(
        res.body.nodes.find(
          (n: { name: string }) => n.name === 'staging-1-md-0-2',
        ),
      ).toMatchObject({
        ready: false,
        roles: ['worker'],
        capacity: { cpu: '4' },
      });
      const list = await request(server).get('/api/platform/clusters');
      expect(list.body.clusters).toHaveLength(6);
    });

    it('sees the healthy cluster as ok on every layer', async () => {
      const body: ClusterHealthResponse = (
        await request(server).get('/api/platform/health/prod-eu-1')
      ).body;
      const notOk = body.layers
        .filter(l => l.verdict !== 'ok')
        .map(
          l =>
            `${l.layer}: ${l.verdict} ${
              l.reason ??
              l.checks
                .filter(c => c.verdict !== 'ok')
                .map(c => c.message)
                .join('; ')
            }`,
        );
      expect(notOk).toEqual([]);
    });

    it.each([
      [
        'prod-eu-2',
        'storage',
        'warning',
        'storage.longhorn-volumes',
        'pvc-orders-db',
      ],
      [
        'prod-eu-2',
        'security',
        'warning',
        'security.certificates',
        'payments-api-tls',
      ],
      [
        'prod-eu-2',
        'gitops',
        'warning',
        'gitops.applications',
        'orders-service',
      ],
      [
        'staging-1',
        'internal-lb',
        'warning',
        'internal-lb.address-allocation',
        'default-pool',
      ],
      [
        'staging-1',
        'hardware',
        'critical',
        'hardware.workers-ready',
        'staging-1-md-0-2',
      ],
      [
        'staging-1',
        'ingress',
        'warning',
        'ingress.httproutes',
        'storefront-web',
      ],
      [
        'onprem-kubeadm-1',
        'networking',
        'critical',
        'networking.cilium-agents',
        'cilium',
      ],
      [
        'onprem-kubeadm-1',
        'external-lb',
        'critical',
        'external-lb.haproxy-servers',
        'onprem-kubeadm-1-cp-3',
      ],
      [
        'onprem-kubeadm-1',
        'observability',
        'warning',
        'observability.scrape-targets',
        'node-exporter',
      ],
      [
        'edge-rke2-1',
        'external-lb',
        'critical',
        'external-lb.keepalived-master',
        'MASTER',
      ],
      ['edge-rke2-1', 'cicd', 'warning', 'cicd.runners', 'offline'],
      [
        'edge-rke2-1',
        'gitops',
        'critical',
        'gitops.applications',
        'storefront-web',
      ],
    ])(
      '%s shows its fault in %s as at least %s, with evidence from %s',
      async (cluster, layer, atLeast, checkId, evidenceText) => {
        const health = await layerOf(cluster, layer);
        expect(RANK[health.verdict]).toBeGreaterThanOrEqual(
          RANK[atLeast as 'warning' | 'critical'],
        );
        const check = health.checks.find(c => c.id === checkId)!;
        expect(check.verdict).not.toBe('ok');
        expect(JSON.stringify(check.evidence)).toContain(evidenceText);
        for (const e of check.evidence) {
          expect(Date.parse(e.observedAt)).toBeGreaterThan(0);
        }
      },
    );

    it('shows every other documented fault in its own layer once injected, and clears them', async () => {
      const faults: Array<[string, string]> = [
        ['node-memory-pressure', 'hardware'],
        ['control-plane-degraded', 'provisioning'],
        ['gateway-not-programmed', 'ingress'],
        ['longhorn-volume-faulted', 'storage'],
        ['clusterissuer-not-ready', 'security'],
        ['unexpected-cluster-admin', 'identity'],
        ['argocd-sync-failed', 'gitops'],
        ['loki-not-ready', 'observability'],
        ['keepalived-fault', 'external-lb'],
        ['nexus-not-writable', 'artifacts'],
      ];
      for (const [id] of faults) {
        await sandboxControl(sandbox, 'POST', '/faults', {
          cluster: 'prod-eu-1',
          id,
        });
      }
      try {
        await refresh();
        const seen = await Promise.all(
          faults.map(async ([id, layer]) => {
            const health = await layerOf('prod-eu-1', layer);
            const failing = health.checks.filter(c => c.verdict !== 'ok');
            return {
              id,
              layer,
              verdict: health.verdict,
              withEvidence: failing.some(c => c.evidence.length > 0),
            };
          }),
        );
        expect(seen).toEqual(
          faults.map(([id, layer]) => ({
            id,
            layer,
            verdict: expect.stringMatching(/^(warning|critical)$/),
            withEvidence: true,
          })),
        );
      } finally {
        await sandboxControl(sandbox, 'DELETE', '/faults?cluster=prod-eu-1');
      }
      await refresh();
      const after: ClusterHealthResponse = (
        await request(server).get('/api/platform/health/prod-eu-1')
      ).body;
      expect(
        after.layers.filter(l => l.verdict !== 'ok').map(l => l.layer),
      ).toEqual([]);
    }, 30_000);

    it('turns a fault injected through the control API critical after a refresh, and ok again once cleared', async () => {
      expect((await layerOf('prod-eu-1', 'identity')).verdict).toBe('ok');

      await sandboxControl(sandbox, 'POST', '/faults', {
        cluster: 'prod-eu-1',
        id: 'dex-down',
      });
      await refresh();
      const broken = await layerOf('prod-eu-1', 'identity');
      expect(broken.verdict).toBe('critical');
      expect(JSON.stringify(broken.checks)).toContain('Deployment/dex/dex');

      await sandboxControl(
        sandbox,
        'DELETE',
        '/faults?cluster=prod-eu-1&id=dex-down',
      );
      await refresh();
      expect((await layerOf('prod-eu-1', 'identity')).verdict).toBe('ok');

      const history = (
        await request(server).get(
          '/api/platform/health/prod-eu-1/history?limit=50',
        )
      ).body;
      const identity = history.changes
        .filter((c: { layer: string }) => c.layer === 'identity')
        .map((c: { to: string }) => c.to);
      expect(identity.slice(0, 3)).toEqual(['ok', 'critical', 'ok']);
    });

    it('makes a hanging cluster critical with the reason once, its layers last known, storing the other clusters without waiting for it', async () => {
      const observedAt = async (cluster: string) =>
        (await layerOf(cluster, 'storage')).observedAt;
      const before = {
        prod: await observedAt('prod-eu-1'),
        staging: await observedAt('staging-1'),
      };
      await sandboxControl(sandbox, 'POST', '/behaviour', {
        cluster: 'staging-1',
        hang: true,
      });
      let refreshed = false;
      const running = refresh().finally(() => {
        refreshed = true;
      });
      try {
        while ((await observedAt('prod-eu-1')) === before.prod) {
          await new Promise(resolve => setTimeout(resolve, 20));
        }
        // prod-eu-1 is stored while staging-1 is still waiting for its deadline.
        expect(refreshed).toBe(false);
        expect(await observedAt('staging-1')).toBe(before.staging);
        await running;
      } finally {
        await sandboxControl(sandbox, 'DELETE', '/behaviour');
      }
      const staging: ClusterHealthResponse = (
        await request(server).get('/api/platform/health/staging-1')
      ).body;
      expect(staging.verdict).toBe('critical');
      expect(staging.unreachable).toMatchObject({ errorClass: 'timeout' });
      expect(staging.unreachable!.message).toContain(
        'Kubernetes API of cluster staging-1 did not answer in time',
      );
      const storage = staging.layers.find(l => l.layer === 'storage')!;
      expect(storage).toMatchObject({
        lastKnown: true,
        observedAt: before.staging,
      });
      const healthy: ClusterHealthResponse = (
        await request(server).get('/api/platform/health/prod-eu-1')
      ).body;
      expect(healthy.verdict).toBe('ok');
    }, 120_000);
  },
);

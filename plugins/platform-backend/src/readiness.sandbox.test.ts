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
import {
  AuthorizeResult,
  DefinitivePolicyDecision,
} from '@backstage/plugin-permission-common';
import { Sandbox } from '@platform-portal/platform-sandbox';
import {
  ClusterReadinessResponse,
  FleetReadinessResponse,
  LayerHealth,
  platformClusterProvisionPermission,
  ReadinessStep,
  SizingResponse,
} from '@platform-portal/plugin-platform-common';
import request from 'supertest';
import { platformPlugin } from './plugin';
import { captureScheduler } from './__testUtils__/captureScheduler';
import { startUpstreamSandbox } from './__testUtils__/startUpstreamSandbox';
import { sandboxPlatformConfig } from './__testUtils__/sandboxPlatformConfig';
import { platformTestDatabases } from './__testUtils__/testDatabases';

jest.setTimeout(120_000);

const databases = platformTestDatabases();

/** Long deadlines: a probe timing out on a busy machine would read as unknown. */
function patientConfig(sandbox: Sandbox) {
  const config = sandboxPlatformConfig(sandbox);
  return {
    ...config,
    platform: {
      ...config.platform,
      clients: { timeoutMs: 15_000, maxRetries: 1 },
    },
  };
}

describe.each(databases.eachSupportedId())(
  'build-out readiness and sizing against the sandbox fleet on %s',
  databaseId => {
    let sandbox: Sandbox;
    let server: any;
    const capture = captureScheduler();
    let stopBackend: () => Promise<void>;
    /** Which permissions the caller holds; everything unless a test says otherwise. */
    let denied: string[] = [];
    const auditEvent = { success: jest.fn(), fail: jest.fn() };
    const auditor = mockServices.auditor.mock({
      createEvent: jest.fn(async () => auditEvent as any),
    });

    const readinessOf = async (
      cluster: string,
    ): Promise<ClusterReadinessResponse> => {
      const res = await request(server).get(
        `/api/platform/readiness/${cluster}`,
      );
      expect(res.status).toBe(200);
      return res.body;
    };
    const stepOf = (readiness: ClusterReadinessResponse, step: number) =>
      readiness.phases
        .flatMap(p => p.steps)
        .find(s => s.number === step) as ReadinessStep;
    const sizingOf = async (cluster: string): Promise<SizingResponse> => {
      const res = await request(server).get(`/api/platform/sizing/${cluster}`);
      expect(res.status).toBe(200);
      return res.body;
    };

    beforeAll(async () => {
      sandbox = await startUpstreamSandbox();
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          platformPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: patientConfig(sandbox),
          }),
          auditor.factory,
          mockServices.permissions.mock({
            authorize: async requests =>
              requests.map(
                (r): DefinitivePolicyDecision => ({
                  result: denied.includes(r.permission.name)
                    ? AuthorizeResult.DENY
                    : AuthorizeResult.ALLOW,
                }),
              ),
          }).factory,
          capture.module,
        ],
      });
      server = backend.server;
      stopBackend = () => backend.stop();
      await capture.refreshHealth();
    });

    afterAll(async () => {
      await stopBackend?.();
      await sandbox?.stop();
    });

    afterEach(() => {
      denied = [];
      jest.clearAllMocks();
    });

    it('verifies the healthy cluster’s steps from its health checks and probes', async () => {
      const readiness = await readinessOf('prod-eu-1');
      expect(readiness.phases).toHaveLength(11);
      const steps = readiness.phases.flatMap(p => p.steps);
      expect(steps).toHaveLength(50);
      const notPassed = steps
        .filter(s => s.verification === 'automatic' && s.status !== 'passed')
        .map(s => `${s.number} ${s.status}: ${s.message}`);
      expect(notPassed).toEqual([]);
      expect(stepOf(readiness, 10).message).toBe(
        'CoreDNS answers at 10.96.0.10',
      );
      expect(stepOf(readiness, 40).checks[0].evidence).toContainEqual(
        expect.objectContaining({
          object: 'ApplicationSet/argocd/platform-apps',
          field: 'status.resources',
          value: '6',
        }),
      );
      expect(stepOf(readiness, 7).checks).toContainEqual(
        expect.objectContaining({
          id: 'provisioning.control-plane-nodes',
          source: 'health-check',
          status: 'passed',
        }),
      );
      expect(stepOf(readiness, 11).checks[0]).toMatchObject({
        id: 'build-out.metrics-server',
        source: 'build-out-probe',
        status: 'passed',
        evidence: expect.arrayContaining([
          expect.objectContaining({ object: 'NodeMetrics/*', value: '8' }),
        ]),
      });
      expect(stepOf(readiness, 6).status).toBe('awaiting-attestation');
      expect(stepOf(readiness, 46).checks[0]).toMatchObject({
        id: 'build-out.dashboards-live',
        status: 'passed',
        evidence: expect.arrayContaining([
          expect.objectContaining({ object: 'Grafana', field: 'dashboards' }),
        ]),
      });
      expect(stepOf(readiness, 50).message).toMatch(
        /delivered registry\.apps\.example\.internal\/.+ day\(s\) ago/,
      );
    });

    it('fails the steps the faulty clusters break, with evidence', async () => {
      const staging = await readinessOf('staging-1');
      expect(stepOf(staging, 8).status).toBe('failed');
      expect(JSON.stringify(stepOf(staging, 8).checks)).toContain(
        'staging-1-md-0-2',
      );
      expect(stepOf(staging, 14).status).toBe('failed');
      expect(stepOf(staging, 14).message).toContain('without an EXTERNAL-IP');
      expect(staging.stuckPhase).toBeLessThanOrEqual(2);

      const onprem = await readinessOf('onprem-kubeadm-1');
      expect(stepOf(onprem, 9).status).toBe('failed');
      expect(stepOf(onprem, 15).status).toBe('failed');
      expect(onprem.phases[1].status).toBe('failing');
    });

    it('flags a later phase passing while an earlier phase fails', async () => {
      const onprem = await readinessOf('onprem-kubeadm-1');
      const storage = onprem.phases.find(p => p.number === 4)!;
      expect(storage.status).toMatch(/^(passing|complete)$/);
      expect(storage.passesBeforeFailingPhase).toBe(2);
      expect(onprem.outOfOrder).toBe(true);

      const fleet: FleetReadinessResponse = (
        await request(server).get('/api/platform/readiness')
      ).body;
      expect(fleet.clusters.map(c => c.cluster).sort()).toEqual(
        sandbox.fleetSpec.clusters.map(c => c.name).sort(),
      );
      const summary = fleet.clusters.find(
        c => c.cluster === 'onprem-kubeadm-1',
      )!;
      expect(summary).toMatchObject({ stuckPhase: 2, outOfOrder: true });
      expect(summary.phases[3]).toMatchObject({ passesBeforeFailingPhase: 2 });
      // A cluster built in order is never flagged.
      const healthy = fleet.clusters.find(c => c.cluster === 'prod-eu-1')!;
      expect(healthy.outOfOrder).toBe(false);
      expect(
        healthy.phases.filter(p => p.passesBeforeFailingPhase !== undefined),
      ).toEqual([]);
    });

    /** The phase a cluster has reached: every phase up to it passes. */
    const reachedPhase = (readiness: ClusterReadinessResponse) =>
      (readiness.stuckPhase ?? readiness.phases.length + 1) - 1;
    const notPassedSteps = (
      readiness: ClusterReadinessResponse,
      phase: number,
    ) =>
      readiness.phases[phase - 1].steps
        .filter(s => s.verification === 'automatic' && s.status !== 'passed')
        .map(s => `${s.number} ${s.status}`);

    it.each([
      ['mgmt', 11, undefined, []],
      ['prod-eu-1', 11, undefined, []],
      // A degraded Longhorn volume (storage, phase 4) and a stuck renewal and an out-of-sync app later.
      ['prod-eu-2', 3, undefined, ['19 warning']],
      // One control plane and two workers fall short of the guide; then a NotReady node and a crashing cilium.
      ['staging-1', 0, 2, ['1 warning']],
      // The crash-looping cilium agent (step 9, phase 2).
      ['onprem-kubeadm-1', 1, 2, ['9 failed']],
      // A single control plane; then keepalived's split brain (step 15, phase 3).
      ['edge-rke2-1', 0, 3, ['1 warning']],
    ] as const)(
      '%s reaches phase %s; first failing phase %s; stopped by steps %j',
      async (cluster, reached, firstFailing, stoppedBy) => {
        const readiness = await readinessOf(cluster);
        expect(reachedPhase(readiness)).toBe(reached);
        expect(readiness.phases.find(p => p.status === 'failing')?.number).toBe(
          firstFailing,
        );
        // The steps of the first phase that does not pass: none past the last phase.
        expect(
          reached < 11 ? notPassedSteps(readiness, reached + 1) : [],
        ).toEqual(stoppedBy);
      },
    );

    it.each(['mgmt', 'prod-eu-1'])(
      '%s passes every phase; the steps a person vouches for still await one',
      async cluster => {
        const readiness = await readinessOf(cluster);
        expect(readiness.stuckPhase).toBeUndefined();
        expect(readiness.phases.map(p => p.status)).not.toContain('incomplete');
        const personal = readiness.phases
          .flatMap(p => p.steps)
          .filter(s => s.verification === 'attestation');
        expect(personal.length).toBeGreaterThan(0);
        expect(new Set(personal.map(s => s.status))).toEqual(
          new Set(['awaiting-attestation']),
        );
        expect(readiness.score.passed).toBe(50 - personal.length);
      },
    );

    it('stores an attestation with the caller and time, shows it as attested and never as passed', async () => {
      const before = await readinessOf('prod-eu-2');
      const res = await request(server)
        .post('/api/platform/readiness/prod-eu-2/steps/6/attestations')
        .set('Authorization', mockCredentials.user.header('user:default/alice'))
        .send({ note: 'Cluster API, decided in the platform RFC' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        cluster: 'prod-eu-2',
        step: 6,
        attestedBy: 'user:default/alice',
        note: 'Cluster API, decided in the platform RFC',
      });
      expect(Date.parse(res.body.attestedAt)).toBeGreaterThan(0);
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'build-out-attestation',
          meta: { cluster: 'prod-eu-2', step: '6' },
        }),
      );
      expect(auditEvent.success).toHaveBeenCalledWith({
        meta: { attestedBy: 'user:default/alice' },
      });

      const after = await readinessOf('prod-eu-2');
      expect(stepOf(after, 6)).toMatchObject({
        status: 'attested',
        attestation: { attestedBy: 'user:default/alice' },
      });
      expect(stepOf(after, 6).message).toContain('user:default/alice');
      expect(after.score.passed).toBe(before.score.passed);
      expect(after.score.attested).toBe(before.score.attested + 1);
      expect(after.phases[1].score.passed).toBe(before.phases[1].score.passed);
      // Another cluster's step 6 is untouched.
      expect(stepOf(await readinessOf('prod-eu-1'), 6).status).toBe(
        'awaiting-attestation',
      );
    });

    it.each([
      ['abc', 'not a number', {}, "'step'"],
      ['51', 'beyond the 50 steps', {}, "'step'"],
      ['7', 'verified automatically', {}, "'step'"],
      ['3', 'a note that is a number', { note: 42 }, "'note'"],
      ['3', 'a note too long', { note: 'x'.repeat(2001) }, "'note'"],
    ])(
      '400 naming the field for step %s (%s), nothing stored',
      async (step, _why, body, field) => {
        const res = await request(server)
          .post(`/api/platform/readiness/prod-eu-1/steps/${step}/attestations`)
          .send(body);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(field);
        const readiness = await readinessOf('prod-eu-1');
        expect(readiness.score.attested).toBe(0);
      },
    );

    it('404 for a cluster that is not configured, 400 for a name that cannot be one', async () => {
      expect(
        (
          await request(server).post(
            '/api/platform/readiness/nowhere/steps/3/attestations',
          )
        ).status,
      ).toBe(404);
      expect(
        (await request(server).get('/api/platform/readiness/Not_A_Name'))
          .status,
      ).toBe(400);
    });

    it('403 to attest without the provision permission, and to read without the health read permission', async () => {
      denied = [platformClusterProvisionPermission.name];
      const attest = await request(server)
        .post('/api/platform/readiness/prod-eu-1/steps/3/attestations')
        .send({});
      expect(attest.status).toBe(403);
      expect(attest.body.error.name).toBe('NotAllowedError');
      expect(auditEvent.fail).toHaveBeenCalled();
      expect(auditEvent.success).not.toHaveBeenCalled();
      expect((await readinessOf('prod-eu-1')).score.attested).toBe(0);

      denied = ['platform.health.read'];
      for (const path of [
        '/api/platform/readiness',
        '/api/platform/readiness/prod-eu-1',
        '/api/platform/sizing/prod-eu-1',
      ]) {
        expect((await request(server).get(path)).status).toBe(403);
      }
    });

    it('403 to attest as a service: an attestation is a person’s word', async () => {
      const res = await request(server)
        .post('/api/platform/readiness/prod-eu-1/steps/3/attestations')
        .set('Authorization', mockCredentials.service.header())
        .send({});
      expect(res.status).toBe(403);
      expect((await readinessOf('prod-eu-1')).score.attested).toBe(0);
    });

    it('sizes the production cluster: 3 control planes in quorum, N+1 workers, nodes at production size', async () => {
      const sizing = await sizingOf('prod-eu-1');
      expect(sizing.profile).toBe('production');
      expect(sizing.nodes).toHaveLength(8);
      const finding = (rule: string) =>
        sizing.findings.find(f => f.rule === rule)!;
      expect(finding('control-plane-quorum')).toMatchObject({
        severity: 'ok',
        numbers: { controlPlaneNodes: 3, failuresTolerated: 1 },
      });
      expect(finding('worker-size')).toMatchObject({
        severity: 'ok',
        numbers: { smallestCpu: 32, largestMemoryGiB: 128 },
      });
      expect(finding('control-plane-size').severity).toBe('ok');
      expect(finding('workers-n-plus-one')).toMatchObject({
        severity: 'ok',
        numbers: { workers: 5 },
      });
      expect(finding('pods-per-node').numbers.maxPods).toBe(110);
      expect(finding('load-balancer-pair')).toMatchObject({
        severity: 'ok',
        numbers: { loadBalancerNodes: 2 },
      });
      const worker = sizing.nodes.find(n => n.role === 'worker')!;
      expect(worker.capacity).toMatchObject({ cpu: 32, pods: 110 });
      expect(worker.requested.pods).toBeGreaterThan(0);
      expect(worker.usage?.memoryUsedPercent).toBeGreaterThan(0);
      expect(worker.usage?.rawDiskGiB).toBe(4096);
    });

    it('carries the sizing findings into the hardware and provisioning layers with their numbers and runbook', async () => {
      const layer = async (cluster: string, id: string): Promise<LayerHealth> =>
        (await request(server).get(`/api/platform/health/${cluster}/${id}`))
          .body;
      const sizing = await sizingOf('prod-eu-1');
      const hardware = await layer('prod-eu-1', 'hardware');
      const nPlusOne = hardware.checks.find(
        c => c.id === 'hardware.sizing-workers-n-plus-one',
      )!;
      const finding = sizing.findings.find(
        f => f.rule === 'workers-n-plus-one',
      )!;
      expect(nPlusOne).toMatchObject({
        verdict: 'ok',
        runbook: 'add-worker-node',
        message: finding.message,
      });
      expect(nPlusOne.evidence).toContainEqual(
        expect.objectContaining({
          object: 'Sizing rule workers-n-plus-one',
          field: 'workers',
          value: '5',
        }),
      );

      // Staging's single control plane is information outside production, not a fault.
      const provisioning = await layer('staging-1', 'provisioning');
      const quorum = provisioning.checks.find(
        c => c.id === 'provisioning.sizing-control-plane-quorum',
      )!;
      expect(quorum.verdict).toBe('ok');
      expect(quorum.evidence).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'severity', value: 'info' }),
          expect.objectContaining({ field: 'controlPlaneNodes', value: '1' }),
          expect.objectContaining({
            field: 'recommendation',
            value: expect.stringContaining('Add 2 control-plane node(s)'),
          }),
        ]),
      );
    });

    it('sizes the small clusters with what to add', async () => {
      const staging = await sizingOf('staging-1');
      expect(staging.profile).toBe('minimum');
      expect(
        staging.findings.find(f => f.rule === 'control-plane-quorum'),
      ).toMatchObject({
        severity: 'info',
        numbers: { controlPlaneNodes: 1, failuresTolerated: 0 },
      });
      expect(
        staging.findings.find(f => f.rule === 'control-plane-quorum')!
          .recommendation,
      ).toContain('Add 2 control-plane node(s)');

      const edge = await sizingOf('edge-rke2-1');
      const cpSize = edge.findings.find(f => f.rule === 'control-plane-size')!;
      expect(cpSize).toMatchObject({
        severity: 'info',
        numbers: { smallestCpu: 2, smallestMemoryGiB: 4 },
      });
      expect(cpSize.recommendation).toContain('production 4+ cores');
    });
  },
);

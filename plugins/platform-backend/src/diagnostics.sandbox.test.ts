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
import {
  AuthorizeResult,
  DefinitivePolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createUpstreamSimulators,
  defaultFleet,
  Sandbox,
  startSandbox,
  kubeFetch,
} from '@platform-portal/platform-sandbox';
import { DiagnosticRun } from '@platform-portal/plugin-platform-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { platformPlugin } from './plugin';
import { sandboxPlatformConfig } from './__testUtils__/sandboxPlatformConfig';

jest.setTimeout(60_000);

describe('runbook diagnostics against the sandbox fleet', () => {
  let sandbox: Sandbox;
  let server: any;
  let stopBackend: () => Promise<void>;
  let denied: string[] = [];
  const auditEvent = { success: jest.fn(), fail: jest.fn() };
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async () => auditEvent as any),
  });

  const diagnose = async (
    cluster: string,
    runbook: string,
    body: object = {},
  ): Promise<DiagnosticRun> => {
    const res = await request(server)
      .post(`/api/platform/diagnostics/${cluster}/${runbook}`)
      .send(body);
    expect(res.status).toBe(200);
    return res.body;
  };
  const remediate = (cluster: string, action: string, body: object) =>
    request(server)
      .post(`/api/platform/diagnostics/${cluster}/remediations/${action}`)
      .send(body);
  const kubeGet = async (cluster: string, path: string) => {
    const token = sandbox.credentials.kubernetes[cluster].admin;
    const res = await kubeFetch(sandbox, cluster, `${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    return res.json();
  };

  beforeAll(async () => {
    sandbox = await startSandbox({
      fleet: defaultFleet(),
      port: 0,
      controlPort: 0,
      upstreams: createUpstreamSimulators,
      realTimeTicks: false,
    });
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
        auditor.factory,
        // The caller (mockCredentials' default user) runs the platform.
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'User',
              metadata: { name: 'mock', namespace: 'default' },
              spec: { memberOf: ['platform-team'] },
              relations: [
                { type: 'memberOf', targetRef: 'group:default/platform-team' },
              ],
            },
          ],
        }),
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
      ],
    });
    server = backend.server;
    stopBackend = () => backend.stop();
  });

  afterAll(async () => {
    await stopBackend?.();
    await sandbox?.stop();
  });

  afterEach(() => {
    denied = [];
    jest.clearAllMocks();
  });

  it.each([
    ['certificate-renewal-stuck', 'certificate-requests'],
    ['longhorn-volume-degraded', 'volumes'],
    ['metallb-ip-not-assigned', 'speakers'],
    ['traefik-not-routing', 'route-backends'],
    ['cilium-network-policy-drops', 'drops'],
    ['observability-component-down', 'targets'],
    ['argocd-sync-failure', 'drift'],
    ['add-worker-node', 'node-agents'],
    ['remove-node', 'machine-deployments'],
  ])(
    'passes %s on the healthy prod-eu-1 through its last step',
    async (runbook, last) => {
      const run = await diagnose('prod-eu-1', runbook);
      expect(run.stoppedAt).toBeUndefined();
      expect(
        run.steps.every(s => s.result !== 'fail' && s.result !== 'error'),
      ).toBe(true);
      expect(run.steps.map(s => s.id)).toContain(last);
      expect(run.verdict).not.toBe('cause-found');
    },
  );

  it('finds the failed issuance of the stuck certificate on prod-eu-2 and stops before the issuer', async () => {
    const run = await diagnose('prod-eu-2', 'certificate-renewal-stuck');
    expect(run.verdict).toBe('cause-found');
    expect(run.stoppedAt).toBe('certificate-requests');
    expect(run.cause).toContain('payments/payments-api-tls');
    expect(run.cause).toContain('rateLimited');
    expect(run.steps.find(s => s.id === 'issuer')?.result).toBe('skipped');
    expect(run.remediations).toContainEqual(
      expect.objectContaining({
        action: 'certificate-reissue',
        request: { namespace: 'payments', name: 'payments-api-tls' },
      }),
    );
  });

  it('names the failed Longhorn replica and its node on prod-eu-2, with the delete command only', async () => {
    const run = await diagnose('prod-eu-2', 'longhorn-volume-degraded');
    expect(run.stoppedAt).toBe('replicas');
    expect(run.cause).toContain('prod-eu-2-md-0-1');
    expect(run.remediations).toEqual([]);
    expect(run.commands[0].command).toMatch(
      /^kubectl -n longhorn-system delete replicas\.longhorn\.io pvc-orders-db-r-/,
    );
  });

  it('finds the exhausted MetalLB pool and the pending Service on staging-1', async () => {
    const run = await diagnose('staging-1', 'metallb-ip-not-assigned');
    expect(run.stoppedAt).toBe('pool');
    expect(run.cause).toContain('exhausted');
    expect(run.cause).toContain('payments/payments-api-public');
  });

  it('finds the HTTPRoute backend that does not exist on staging-1', async () => {
    const run = await diagnose('staging-1', 'traefik-not-routing', {
      namespace: 'storefront',
    });
    expect(run.stoppedAt).toBe('route-backends');
    expect(run.cause).toContain('storefront-web-canary');
    expect(run.steps.find(s => s.id === 'gatewayclass')?.result).toBe('pass');
  });

  it('finds the crash-looping Cilium agent on onprem-kubeadm-1', async () => {
    const run = await diagnose(
      'onprem-kubeadm-1',
      'cilium-network-policy-drops',
    );
    expect(run.stoppedAt).toBe('agents');
    expect(run.cause).toContain('CrashLoopBackOff');
  });

  it('finds the scrape targets that are down on onprem-kubeadm-1', async () => {
    const run = await diagnose(
      'onprem-kubeadm-1',
      'observability-component-down',
    );
    expect(run.stoppedAt).toBe('targets');
    expect(run.cause).toContain('node-exporter');
  });

  it('finds the node that is down on staging-1 and gives the drain and delete commands without running them', async () => {
    const run = await diagnose('staging-1', 'remove-node');
    expect(run.stoppedAt).toBe('nodes');
    expect(run.cause).toContain('staging-1-md-0-2');
    expect(run.commands.map(c => c.command)).toEqual([
      'kubectl cordon staging-1-md-0-2',
      'kubectl drain staging-1-md-0-2 --ignore-daemonsets --delete-emptydir-data',
      'kubectl delete node staging-1-md-0-2',
    ]);
    const node = await kubeGet('staging-1', '/api/v1/nodes/staging-1-md-0-2');
    expect(node.spec?.unschedulable).toBeFalsy();
  });

  it('finds the drifted application on prod-eu-2 and syncs it, once', async () => {
    const run = await diagnose('prod-eu-2', 'argocd-sync-failure');
    expect(run.stoppedAt).toBe('drift');
    expect(run.cause).toContain('orders-service');
    const offer = run.remediations.find(r => r.action === 'argocd-sync')!;
    expect(offer.request).toEqual({
      name: 'orders-service',
      project: 'payments',
    });

    const dryRun = await remediate('prod-eu-2', 'argocd-sync', {
      ...offer.request,
      dryRun: true,
    });
    expect(dryRun.status).toBe(200);
    expect(dryRun.body).toMatchObject({ dryRun: true, changed: true });

    const first = await remediate('prod-eu-2', 'argocd-sync', offer.request);
    expect(first.status).toBe(200);
    expect(first.body.changed).toBe(true);
    expect(auditEvent.success).toHaveBeenCalled();
    // Asking again while the sync runs (or after it finished) starts nothing new.
    const second = await remediate('prod-eu-2', 'argocd-sync', offer.request);
    expect(second.status).toBe(200);
    expect(second.body.changed).toBe(false);
  });

  const CERT_PATH =
    '/apis/cert-manager.io/v1/namespaces/payments/certificates/payments-api-tls';
  const reissue = { namespace: 'payments', name: 'payments-api-tls' };

  it("refuses to re-issue a certificate while Let's Encrypt rate-limits its names, dry or real, saying until when; nothing is written", async () => {
    const run = await diagnose('prod-eu-2', 'certificate-renewal-stuck');
    const offer = run.remediations.find(
      r => r.action === 'certificate-reissue',
    )!;
    expect(offer.description).toMatch(
      /Let's Encrypt refuses new certificates for these names until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC .*cert-manager tries again by itself at/,
    );
    const before = (await kubeGet('prod-eu-2', CERT_PATH)).metadata
      .resourceVersion;
    for (const dryRun of [true, false]) {
      const refused = await remediate('prod-eu-2', 'certificate-reissue', {
        ...reissue,
        dryRun,
      });
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toMatch(
        /^Certificate payments\/payments-api-tls not re-issued: Let's Encrypt refuses new certificates for these names until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/,
      );
    }
    expect(auditEvent.fail).toHaveBeenCalled();
    expect(
      (await kubeGet('prod-eu-2', CERT_PATH)).metadata.resourceVersion,
    ).toBe(before);
  });

  it('re-issues a certificate whose failure was no rate limit, once; the diagnostic run after it shows the outcome', async () => {
    // The last failure as an ACME server error that a retry may cure.
    const cert = await kubeGet('prod-eu-2', CERT_PATH);
    const conditions = cert.status.conditions.map((c: any) =>
      c.type === 'Issuing'
        ? {
            ...c,
            message:
              'The certificate request has failed to complete and will be retried: Failed to finalize Order: 500 urn:ietf:params:acme:error:serverInternal: Error finalizing order',
          }
        : c,
    );
    const patched = await kubeFetch(
      sandbox,
      'prod-eu-2',
      `${CERT_PATH}/status`,
      {
        method: 'PATCH',
        headers: {
          Authorization: `Bearer ${sandbox.credentials.kubernetes['prod-eu-2'].admin}`,
          'Content-Type': 'application/merge-patch+json',
        },
        body: JSON.stringify({ status: { conditions } }),
      },
    );
    expect(patched.status).toBe(200);
    const offered = await diagnose('prod-eu-2', 'certificate-renewal-stuck');
    expect(
      offered.remediations.find(r => r.action === 'certificate-reissue')!
        .description,
    ).not.toMatch(/rate limit/);

    const dryRun = await remediate('prod-eu-2', 'certificate-reissue', {
      ...reissue,
      dryRun: true,
    });
    expect(dryRun.status).toBe(200);
    const untouched = await kubeGet('prod-eu-2', CERT_PATH);
    expect(
      untouched.status.conditions.find((c: any) => c.type === 'Issuing').status,
    ).toBe('False');

    const first = await remediate('prod-eu-2', 'certificate-reissue', reissue);
    expect(first.status).toBe(200);
    expect(first.body.changed).toBe(true);
    expect(
      (await kubeGet('prod-eu-2', CERT_PATH)).status.conditions,
    ).toContainEqual(
      expect.objectContaining({
        type: 'Issuing',
        status: 'True',
        reason: 'ManuallyTriggered',
      }),
    );
    const second = await remediate('prod-eu-2', 'certificate-reissue', reissue);
    expect(second.status).toBe(200);
    expect(second.body.changed).toBe(false);

    // cert-manager's attempt meets the rate limit: one failure more, and the
    // diagnostic says so and why another re-issue would not help.
    sandbox.clock.tick();
    const after = await kubeGet('prod-eu-2', CERT_PATH);
    expect(after.status.failedIssuanceAttempts).toBe(
      cert.status.failedIssuanceAttempts + 1,
    );
    const rerun = await diagnose('prod-eu-2', 'certificate-renewal-stuck');
    expect(rerun.cause).toContain('rateLimited');
    expect(
      rerun.remediations.find(r => r.action === 'certificate-reissue')!
        .description,
    ).toMatch(/a re-issue before then fails the same way/);
  });

  it('scales the staging-1 MachineDeployment on mgmt, and the same request again is a no-op', async () => {
    const run = await diagnose('staging-1', 'add-worker-node');
    expect(run.stoppedAt).toBe('nodes');
    const path =
      '/apis/cluster.x-k8s.io/v1beta1/namespaces/clusters/machinedeployments/staging-1-md-0';
    const before = (await kubeGet('mgmt', path)).spec.replicas;
    const body = {
      namespace: 'clusters',
      name: 'staging-1-md-0',
      replicas: before + 1,
    };

    const dryRun = await remediate('staging-1', 'machinedeployment-scale', {
      ...body,
      dryRun: true,
    });
    expect(dryRun.status).toBe(200);
    expect((await kubeGet('mgmt', path)).spec.replicas).toBe(before);

    const first = await remediate('staging-1', 'machinedeployment-scale', body);
    expect(first.status).toBe(200);
    expect(first.body.changed).toBe(true);
    expect((await kubeGet('mgmt', path)).spec.replicas).toBe(before + 1);
    const second = await remediate(
      'staging-1',
      'machinedeployment-scale',
      body,
    );
    expect(second.body.changed).toBe(false);
    expect((await kubeGet('mgmt', path)).spec.replicas).toBe(before + 1);
  });

  it('403 for a remediation without platform.cluster.provision, audited as failed, nothing written', async () => {
    denied = ['platform.cluster.provision'];
    const res = await remediate('staging-1', 'machinedeployment-scale', {
      namespace: 'clusters',
      name: 'staging-1-md-0',
      replicas: 7,
    });
    expect(res.status).toBe(403);
    expect(auditEvent.fail).toHaveBeenCalled();
    const md = await kubeGet(
      'mgmt',
      '/apis/cluster.x-k8s.io/v1beta1/namespaces/clusters/machinedeployments/staging-1-md-0',
    );
    expect(md.spec.replicas).not.toBe(7);
  });

  it('403 for a diagnostic without platform.health.read', async () => {
    denied = ['platform.health.read'];
    const res = await request(server).post(
      '/api/platform/diagnostics/prod-eu-1/remove-node',
    );
    expect(res.status).toBe(403);
  });

  it('404 for an unknown cluster, runbook or remediation', async () => {
    expect(
      (await request(server).post('/api/platform/diagnostics/nope/remove-node'))
        .status,
    ).toBe(404);
    const runbook = await request(server).post(
      '/api/platform/diagnostics/prod-eu-1/not-a-runbook',
    );
    expect(runbook.status).toBe(404);
    expect(runbook.body.error.message).toContain("No runbook 'not-a-runbook'");
    expect(
      (await remediate('prod-eu-1', 'delete-everything', { name: 'x' })).status,
    ).toBe(404);
  });

  it('400 naming the field for bad input', async () => {
    const bad = await request(server)
      .post('/api/platform/diagnostics/prod-eu-1/traefik-not-routing')
      .send({ namespace: 'Not_A_Namespace' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("'namespace'");
    const replicas = await remediate('staging-1', 'machinedeployment-scale', {
      namespace: 'clusters',
      name: 'staging-1-md-0',
      replicas: -1,
    });
    expect(replicas.status).toBe(400);
    expect(replicas.body.error.message).toContain("'replicas'");
    const production = await remediate('prod-eu-1', 'machinedeployment-scale', {
      namespace: 'clusters',
      name: 'prod-eu-1-md-0',
      replicas: 1,
    });
    expect(production.status).toBe(400);
    const missing = await remediate('prod-eu-2', 'certificate-reissue', {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain("'name'");
  });
});

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
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { FAULT_CLASSES, Sandbox } from '@platform-portal/platform-sandbox';
import request from 'supertest';
import { platformPlugin } from '../plugin';
import { sandboxPlatformConfig } from '../__testUtils__/sandboxPlatformConfig';
import { startUpstreamSandbox } from '../__testUtils__/startUpstreamSandbox';

jest.setTimeout(60_000);

const CLUSTER = 'prod-eu-1';
const GROUPS: Record<string, string> = {
  'user:default/alice': 'group:default/team-payments',
  'user:default/bob': 'group:default/team-storefront',
};

describe('the self-service templates checked before they write', () => {
  let sandbox: Sandbox;
  let server: any;
  let stopBackend: () => Promise<void>;
  const as = (user: string) => mockCredentials.user.header(user);

  /** Each cluster's revision, to list what API requests changed since. */
  const revisions = () =>
    Object.fromEntries(
      sandbox.fleet
        .names()
        .map(name => [
          name,
          sandbox.fleet.cluster(name)!.store.resourceVersion,
        ]),
    );
  const apiWritesSince = (before: Record<string, number>) =>
    sandbox.fleet.names().flatMap(name =>
      sandbox.fleet
        .cluster(name)!
        .store.changesSince(before[name])
        .filter(event => event.by !== undefined)
        .map(
          event =>
            `${name} ${event.type} ${event.resource} ${event.object.metadata.name}`,
        ),
    );
  const dryRunPatches = () =>
    Object.entries(sandbox.control.readCounters().byCluster[CLUSTER] ?? {})
      .filter(([key]) => /patch/i.test(key))
      .reduce((sum, [, count]) => sum + count, 0);

  const route = (overrides: Record<string, unknown> = {}) => ({
    template: 'platform-route-certificate',
    parameters: {
      cluster: `resource:default/${CLUSTER}`,
      owner: 'group:default/team-payments',
      namespace: 'payments',
      name: 'checkout-preview',
      hostname: `checkout-preview.${sandbox.fleetSpec.domain}`,
      path: '/',
      service: 'payments-api',
      port: 8080,
      issuer: 'letsencrypt-staging',
      ...overrides,
    },
  });
  const preview = (body: unknown, user = 'user:default/alice') =>
    request(server)
      .post('/api/platform/self-service/preview')
      .set('Authorization', as(user))
      .send(body as object);

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    const backend = await startTestBackend({
      features: [
        platformPlugin,
        mockServices.rootConfig.factory({
          data: sandboxPlatformConfig(sandbox),
        }),
        catalogServiceMock.factory({ entities: [] }),
        mockServices.userInfo.mock({
          getUserInfo: async credentials => {
            const ref = (credentials.principal as { userEntityRef: string })
              .userEntityRef;
            return {
              userEntityRef: ref,
              ownershipEntityRefs: [ref, ...(GROUPS[ref] ? [GROUPS[ref]] : [])],
            };
          },
        }).factory,
        // The platform policy's rule for team writes: members of the team's Group.
        mockServices.permissions.mock({
          authorize: async (requests, options) => {
            const user = (
              options?.credentials.principal as { userEntityRef?: string }
            ).userEntityRef;
            return requests.map(
              (r): DefinitivePolicyDecision => ({
                result:
                  !('resourceRef' in r) ||
                  !r.resourceRef ||
                  GROUPS[user ?? ''] === r.resourceRef
                    ? AuthorizeResult.ALLOW
                    : AuthorizeResult.DENY,
              }),
            );
          },
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

  afterEach(() => sandbox.control.resetBehaviour());

  it('stops a route to a Service that does not exist, naming the Services there, and writes nothing', async () => {
    const before = revisions();
    const res = await preview(route({ service: 'ghost' }));
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    const [httpRoute, certificate] = res.body.manifests;
    expect(httpRoute).toMatchObject({
      kind: 'HTTPRoute',
      name: 'checkout-preview',
      namespace: 'payments',
      outcome: 'refused',
      message: expect.stringMatching(
        /no Service ghost in namespace payments; Services there: .*payments-api \(8080\)/,
      ),
    });
    expect(certificate).toMatchObject({ kind: 'Certificate' });
    expect(apiWritesSince(before)).toEqual([]);
  });

  it('accepts a route to an existing Service port after the API server dry run of both manifests, and writes nothing', async () => {
    const before = revisions();
    const patchesBefore = dryRunPatches();
    const res = await preview(route());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      template: 'platform-route-certificate',
      cluster: CLUSTER,
      ok: true,
    });
    expect(
      res.body.manifests.map((m: any) => [m.kind, m.outcome, m.namespace]),
    ).toEqual([
      ['HTTPRoute', 'create', 'payments'],
      ['Certificate', 'create', 'payments'],
    ]);
    const [httpRoute, certificate] = res.body.manifests;
    expect(httpRoute.manifest.spec.rules[0].backendRefs[0]).toMatchObject({
      kind: 'Service',
      name: 'payments-api',
      port: 8080,
    });
    expect(httpRoute.manifest.metadata.labels).toMatchObject({
      'platform-portal.io/owner': 'team-payments',
    });
    expect(certificate.manifest.spec).toEqual({
      secretName: 'checkout-preview-tls',
      dnsNames: [`checkout-preview.${sandbox.fleetSpec.domain}`],
      issuerRef: {
        group: 'cert-manager.io',
        kind: 'ClusterIssuer',
        name: 'letsencrypt-staging',
      },
    });
    // Both went to the API server (server-side apply, dryRun=All) ...
    expect(dryRunPatches() - patchesBefore).toBeGreaterThanOrEqual(2);
    // ... and nothing was stored.
    expect(apiWritesSince(before)).toEqual([]);
  });

  it("refuses each manifest with the API server's error when the cluster fails", async () => {
    sandbox.control.setBehaviour(
      { upstream: 'kubernetes', cluster: CLUSTER },
      FAULT_CLASSES['5xx'],
    );
    const res = await preview(route());
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    for (const manifest of res.body.manifests) {
      expect(manifest.outcome).toBe('refused');
      expect(manifest.message).toMatch(/Cluster prod-eu-1: .*503/);
      expect(manifest.message).not.toMatch(/\n\s+at |token/i);
    }
  });

  it('answers 400 naming the parameter for a port out of range, before reading the cluster', async () => {
    const before = dryRunPatches();
    const res = await preview(route({ port: 99999 }));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/port.*1.*65535/);
    expect(dryRunPatches()).toBe(before);
  });

  it('answers 403 for a team the person does not belong to, and sends nothing', async () => {
    const before = dryRunPatches();
    const res = await preview(route(), 'user:default/bob');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('team-payments');
    expect(dryRunPatches()).toBe(before);
  });

  it('previews a new namespace: the Namespace is dry-run, what lives inside it waits for it', async () => {
    const before = revisions();
    const res = await preview({
      template: 'platform-namespace',
      parameters: {
        cluster: CLUSTER,
        owner: 'group:default/team-payments',
        namespace: 'payments-preview',
        size: 'S',
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    const outcomes = res.body.manifests.map(
      (m: any) => `${m.kind} ${m.outcome}`,
    );
    expect(outcomes[0]).toBe('Namespace create');
    expect(outcomes.slice(1)).toEqual(
      expect.arrayContaining([
        'ResourceQuota not-checked',
        'RoleBinding not-checked',
      ]),
    );
    expect(apiWritesSince(before)).toEqual([]);
  });

  it('refuses a volume in a namespace of another team', async () => {
    const res = await preview({
      template: 'platform-volume',
      parameters: {
        cluster: CLUSTER,
        owner: 'group:default/team-payments',
        namespace: 'storefront',
        name: 'data',
        size: '10Gi',
        replicas: 3,
        accessMode: 'ReadWriteOnce',
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.manifests[0]).toMatchObject({
      kind: 'PersistentVolumeClaim',
      outcome: 'refused',
      message: expect.stringContaining('belongs to team-storefront'),
    });
  });

  it('lists the Services of a namespace with their ports, as the person may read them', async () => {
    const res = await request(server)
      .get(`/api/platform/clusters/${CLUSTER}/namespaces/payments/services`)
      .set('Authorization', as('user:default/alice'));
    expect(res.status).toBe(200);
    expect(res.body.services).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'payments-api',
          ports: expect.arrayContaining([
            expect.objectContaining({ port: 8080 }),
          ]),
        }),
      ]),
    );
    const bad = await request(server)
      .get(`/api/platform/clusters/${CLUSTER}/namespaces/Bad_Name/services`)
      .set('Authorization', as('user:default/alice'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("'namespace'");
  });
});

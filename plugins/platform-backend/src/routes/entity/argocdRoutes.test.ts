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
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Sandbox } from '@platform-portal/platform-sandbox';
import { ArgocdApplication } from '@platform-portal/plugin-platform-common';
import request from 'supertest';
import { platformPlugin } from '../../plugin';
import { exampleEntities } from '../../__testUtils__/exampleEntities';
import { sandboxPlatformConfig } from '../../__testUtils__/sandboxPlatformConfig';
import { startUpstreamSandbox } from '../../__testUtils__/startUpstreamSandbox';

jest.setTimeout(120_000);

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
  };
}

const ENTITIES = [
  component('payments-api', {
    'argocd/app-selector': 'app.kubernetes.io/name=payments-api',
  }),
  component('orders-service', { 'argocd/app-name': 'orders-service' }),
  component('docs-site', {}),
  // The organisation, so viewers resolve to their teams.
  ...exampleEntities().filter(e => ['User', 'Group'].includes(e.kind)),
  // The caller of these tests (mockCredentials' default user) is in the owning team.
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'mock', namespace: 'default' },
    spec: { memberOf: ['team-payments'] },
    relations: [{ type: 'memberOf', targetRef: 'group:default/team-payments' }],
  },
];

const BASE = '/api/platform/entity/default/component';

/** Allows everything except the permissions named in `denied`; records what was asked. */
function permissionsFactory(denied: Set<string>, asked: unknown[]) {
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: (): PermissionsService => ({
      async authorize(requests) {
        asked.push(...requests);
        return requests.map(r => ({
          result: denied.has(r.permission.name)
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
        }));
      },
      async authorizeConditional(requests) {
        return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
      },
    }),
  });
}

describe('Argo CD entity routes against the sandbox', () => {
  let sandbox: Sandbox;
  let server: any;
  let stop: () => Promise<void>;
  const denied = new Set<string>();
  const asked: any[] = [];
  const auditEvent = { success: jest.fn(), fail: jest.fn() };
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async () => auditEvent),
  });

  async function start(argocd?: Record<string, string>) {
    const config = sandboxPlatformConfig(sandbox);
    const backend = await startTestBackend({
      features: [
        platformPlugin,
        mockServices.rootConfig.factory({
          data: {
            ...config,
            platform: {
              ...config.platform,
              upstreams: {
                ...config.platform.upstreams,
                argocd: { ...config.platform.upstreams.argocd, ...argocd },
              },
            },
          },
        }),
        catalogServiceMock.factory({ entities: ENTITIES }),
        permissionsFactory(denied, asked),
        auditor.factory,
      ],
    });
    return backend;
  }

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    // One instance down: it must be reported, not fail the answer.
    sandbox.control.setBehaviour(
      { upstream: 'argocd', cluster: 'edge-rke2-1' },
      { refuse: true },
    );
    const backend = await start();
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
    await sandbox?.stop();
  });

  beforeEach(() => {
    denied.clear();
    asked.length = 0;
    jest.clearAllMocks();
  });

  const apps = async (name: string): Promise<ArgocdApplication[]> => {
    const res = await request(server).get(`${BASE}/${name}/argocd`);
    expect(res.status).toBe(200);
    return res.body.applications;
  };

  it("200 with the entity's applications on every instance, an unreachable instance reported beside them", async () => {
    const res = await request(server).get(`${BASE}/payments-api/argocd`);
    expect(res.status).toBe(200);
    expect(res.body.configured).toBe(true);
    expect(res.body.selector).toBe(
      'argocd/app-selector: app.kubernetes.io/name=payments-api',
    );
    const applications: ArgocdApplication[] = res.body.applications;
    expect(applications.map(a => a.instance)).toEqual(
      expect.arrayContaining(['prod-eu-1', 'prod-eu-2', 'staging-1']),
    );
    expect(applications.every(a => a.name === 'payments-api')).toBe(true);
    const prod = applications.find(a => a.instance === 'prod-eu-1')!;
    expect(prod).toMatchObject({
      project: 'payments',
      syncStatus: 'Synced',
      healthStatus: expect.any(String),
      revision: expect.stringMatching(/^[0-9a-f]{40}$/),
      automatedSync: false,
      images: [expect.stringContaining('team-payments/payments-api:')],
    });
    expect(prod.history.length).toBeGreaterThan(1);
    // Newest first.
    expect(prod.history[0].id).toBeGreaterThan(prod.history[1].id);
    expect(prod.resources!.total).toBeGreaterThan(3);
    expect(prod.resources!.byHealth.Healthy).toBeGreaterThan(0);
    expect(prod.resources!.outOfSync).toBe(0);
    expect(
      applications.find(a => a.instance === 'staging-1')!.automatedSync,
    ).toBe(true);
    expect(res.body.instanceErrors).toEqual([
      {
        instance: 'edge-rke2-1',
        message: expect.stringContaining(
          'Argo CD of cluster edge-rke2-1 could not be reached',
        ),
      },
    ]);
    expect(JSON.stringify(res.body)).not.toContain(
      sandbox.credentials.argocdToken,
    );
  });

  it('serves every viewer from the shared cache instead of calling Argo CD again', async () => {
    await request(server).get(`${BASE}/orders-service/argocd`);
    const argoGets = (cluster: string) =>
      sandbox.control.readCounters().byCluster[cluster]?.['argocd:GET'] ?? 0;
    const before = argoGets('prod-eu-1');
    // Viewers who may see the application: platform-team members and a team-payments member.
    for (const user of ['alice', 'bob', 'heidi']) {
      const res = await request(server)
        .get(`${BASE}/orders-service/argocd`)
        .set(
          'Authorization',
          mockCredentials.user.header(`user:default/${user}`),
        );
      expect(res.status).toBe(200);
      expect(res.body.applications.length).toBeGreaterThan(0);
    }
    expect(argoGets('prod-eu-1')).toBe(before);
    const res = await request(server).get(`${BASE}/orders-service/argocd`);
    expect(res.body.selector).toBe('argocd/app-name: orders-service');
  });

  it('200 not configured, naming the annotations to add, for an entity without them', async () => {
    const res = await request(server).get(`${BASE}/docs-site/argocd`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      configured: false,
      annotations: ['argocd/app-selector', 'argocd/app-name'],
    });
  });

  it('starts a sync, audited, checked against the entity, and every viewer sees it running', async () => {
    const res = await request(server).post(
      `${BASE}/payments-api/argocd/prod-eu-2/payments-api/sync`,
    );
    expect(res.status).toBe(200);
    expect(res.body.application.operation.phase).toBe('Running');
    expect(res.body.message).toBe('Sync of payments-api on prod-eu-2 started');
    expect(asked).toContainEqual(
      expect.objectContaining({
        permission: expect.objectContaining({ name: 'platform.argocd.sync' }),
        resourceRef: 'component:default/payments-api',
      }),
    );
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'argocd-sync',
        meta: expect.objectContaining({
          instance: 'prod-eu-2',
          application: 'payments-api',
        }),
      }),
    );
    expect(auditEvent.success).toHaveBeenCalled();
    const prod2 = (await apps('payments-api')).find(
      a => a.instance === 'prod-eu-2',
    )!;
    expect(prod2.operation?.phase).toBe('Running');
    expect(prod2.healthStatus).toBe('Progressing');
  });

  it('starts a rollback to a history entry when automated sync is off', async () => {
    const prod1 = (await apps('payments-api')).find(
      a => a.instance === 'prod-eu-1',
    )!;
    const oldest = prod1.history[prod1.history.length - 1];
    const res = await request(server)
      .post(`${BASE}/payments-api/argocd/prod-eu-1/payments-api/rollback`)
      .send({ id: oldest.id });
    expect(res.status).toBe(200);
    expect(res.body.application.operation).toMatchObject({
      phase: 'Running',
      revision: oldest.revision,
    });
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'argocd-rollback' }),
    );
    expect(auditEvent.success).toHaveBeenCalled();
  });

  it('409 saying so when rollback is asked while automated sync is on', async () => {
    const res = await request(server)
      .post(`${BASE}/payments-api/argocd/staging-1/payments-api/rollback`)
      .send({ id: 0 });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain(
      'Rollback of payments-api on staging-1 is refused while automated sync is on',
    );
    expect(auditEvent.fail).toHaveBeenCalled();
  });

  it.each([
    ['sync', 'platform.argocd.sync', {}],
    ['rollback', 'platform.argocd.rollback', { id: 0 }],
  ])(
    '403 naming the permission for %s without it, nothing started',
    async (operation, permission, body) => {
      denied.add(permission);
      const res = await request(server)
        .post(
          `${BASE}/orders-service/argocd/prod-eu-1/orders-service/${operation}`,
        )
        .send(body);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(`Missing permission ${permission}`);
      expect(auditEvent.fail).toHaveBeenCalled();
      const orders = (await apps('orders-service')).find(
        a => a.instance === 'prod-eu-1',
      )!;
      expect(orders.operation).toBeUndefined();
    },
  );

  it("403 for an application that is not the entity's", async () => {
    const res = await request(server).post(
      `${BASE}/payments-api/argocd/prod-eu-1/traefik/sync`,
    );
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain(
      "traefik on prod-eu-1 is not one of component:default/payments-api's applications",
    );
  });

  it('400 naming the field for a bad history id, instance or app', async () => {
    const badId = await request(server)
      .post(`${BASE}/payments-api/argocd/prod-eu-1/payments-api/rollback`)
      .send({ id: 'latest' });
    expect(badId.status).toBe(400);
    expect(badId.body.error.message).toMatch(/id/);
    const unknownId = await request(server)
      .post(`${BASE}/payments-api/argocd/prod-eu-2/payments-api/rollback`)
      .send({ id: 999 });
    expect(unknownId.status).toBe(400);
    expect(unknownId.body.error.message).toContain("Invalid body field 'id'");
    const badInstance = await request(server).post(
      `${BASE}/payments-api/argocd/Prod_EU/payments-api/sync`,
    );
    expect(badInstance.status).toBe(400);
    expect(badInstance.body.error.message).toContain("'instance'");
    const unknownInstance = await request(server).post(
      `${BASE}/payments-api/argocd/nowhere/payments-api/sync`,
    );
    expect(unknownInstance.status).toBe(404);
  });

  it("403 in plain words when Argo CD's RBAC denies the portal's account", async () => {
    const readonly = await start({
      token: sandbox.credentials.argocdReadOnlyToken,
    });
    try {
      const res = await request(readonly.server).post(
        `${BASE}/orders-service/argocd/prod-eu-1/orders-service/sync`,
      );
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(
        "Argo CD on prod-eu-1 does not let the portal's account sync payments/orders-service",
      );
      expect(res.body.error.message).toContain(
        'permission denied: applications, sync, payments/orders-service',
      );
      expect(res.body.error.message).not.toContain(
        sandbox.credentials.argocdReadOnlyToken,
      );
    } finally {
      await readonly.stop();
    }
  });
});

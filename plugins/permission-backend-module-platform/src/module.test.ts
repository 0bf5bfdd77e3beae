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
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  isResourcePermission,
  Permission,
} from '@backstage/plugin-permission-common';
import {
  platformArgocdRollbackPermission,
  platformArgocdSyncPermission,
  platformClusterProvisionPermission,
  platformHealthReadPermission,
  platformNamespaceWritePermission,
  platformPermissions,
  platformSelfServicePermission,
} from '@platform-portal/plugin-platform-common';
import express from 'express';
import Router from 'express-promise-router';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import path from 'node:path';
import request from 'supertest';
import { permissionModulePlatformPolicy } from './module';
import { oboAuthServiceFactory } from './__testUtils__/oboAuthServiceFactory';

const CATALOG = path.resolve(__dirname, '../../../catalog/all.yaml');
const allPermissions: Permission[] = [
  ...platformPermissions,
  platformNamespaceWritePermission,
];

/**
 * A plugin guarding one route per permission the way the platform routes do,
 * so the 403 a denied user sees is asserted end to end.
 */
const guardedRoutes = createBackendPlugin({
  pluginId: 'guarded',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
      },
      async init({ httpRouter, httpAuth, permissions }) {
        const router = Router();
        router.use(express.json());
        router.post('/:permission', async (req, res) => {
          const permission = allPermissions.find(
            p => p.name === req.params.permission,
          );
          if (!permission) {
            res.status(404).end();
            return;
          }
          const credentials = await httpAuth.credentials(req, {
            allow: ['user'],
          });
          const [decision] = isResourcePermission(permission)
            ? await permissions.authorize(
                [{ permission, resourceRef: String(req.body?.resourceRef) }],
                { credentials },
              )
            : await permissions.authorize([{ permission }], { credentials });
          if (decision.result !== AuthorizeResult.ALLOW) {
            throw new NotAllowedError(`Missing permission ${permission.name}`);
          }
          res.status(204).end();
        });
        httpRouter.use(router);
      },
    });
  },
});

describe('platform permission policy in the backend', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            catalog: {
              rules: [
                {
                  allow: [
                    'Component',
                    'System',
                    'Group',
                    'User',
                    'Location',
                    'Resource',
                  ],
                },
              ],
              locations: [{ type: 'file', target: CATALOG }],
            },
          },
        }),
        oboAuthServiceFactory,
        catalogPlugin,
        permissionPlugin,
        permissionModulePlatformPolicy,
        guardedRoutes,
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    await waitForCatalog();
  }, 60_000);

  afterAll(async () => {
    await stop?.();
  });

  /** The catalog processes the repo's org in the background; wait for it. */
  async function waitForCatalog() {
    for (;;) {
      const res = await request(server)
        .get('/api/catalog/entities/by-query')
        .query({
          filter: 'kind=user,relations.memberOf=group:default/team-payments',
        })
        .set('Authorization', mockCredentials.service.header());
      const components = await request(server)
        .get('/api/catalog/entities/by-query')
        .query({
          filter:
            'kind=component,relations.ownedBy=group:default/team-storefront',
        })
        .set('Authorization', mockCredentials.service.header());
      if (res.body.items?.length === 2 && components.body.items?.length) {
        return;
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  }

  async function decide(
    user: string,
    permission: Permission,
    resourceRef?: string,
  ): Promise<AuthorizeResult> {
    const res = await request(server)
      .post('/api/permission/authorize')
      .set('Authorization', mockCredentials.user.header(user))
      .send({ items: [{ id: '1', permission, resourceRef }] });
    expect(res.status).toBe(200);
    return res.body.items[0].result;
  }

  const guarded = (
    user: string,
    permission: Permission,
    resourceRef?: string,
  ) =>
    request(server)
      .post(`/api/guarded/${permission.name}`)
      .set('Authorization', mockCredentials.user.header(user))
      .send({ resourceRef });

  it('lets everyone signed in read health, open self-service and read the catalog', async () => {
    for (const user of [
      'user:default/heidi',
      'user:default/judy',
      'user:default/alice',
    ]) {
      expect(await decide(user, platformHealthReadPermission)).toBe(
        AuthorizeResult.ALLOW,
      );
      expect(await decide(user, platformSelfServicePermission)).toBe(
        AuthorizeResult.ALLOW,
      );
    }
    const res = await request(server)
      .get('/api/catalog/entities/by-query')
      .query({ filter: 'kind=component' })
      .set('Authorization', mockCredentials.user.header('user:default/judy'));
    expect(res.status).toBe(200);
    expect(res.body.items.map((e: any) => e.metadata.name).sort()).toEqual(
      expect.arrayContaining([
        'orders-service',
        'payments-api',
        'storefront-web',
      ]),
    );
  });

  it('lets only platform-team members provision clusters', async () => {
    expect(
      await decide('user:default/alice', platformClusterProvisionPermission),
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      await decide('user:default/bob', platformClusterProvisionPermission),
    ).toBe(AuthorizeResult.ALLOW);
    for (const user of [
      'user:default/heidi',
      'user:default/carol',
      'user:default/erin',
    ]) {
      expect(await decide(user, platformClusterProvisionPermission)).toBe(
        AuthorizeResult.DENY,
      );
    }
  });

  it('403 naming the permission when a non-platform user provisions a cluster', async () => {
    const denied = await guarded(
      'user:default/heidi',
      platformClusterProvisionPermission,
    );
    expect(denied.status).toBe(403);
    expect(denied.body.error).toEqual({
      name: 'NotAllowedError',
      message: 'Missing permission platform.cluster.provision',
    });
    expect(
      (await guarded('user:default/alice', platformClusterProvisionPermission))
        .status,
    ).toBe(204);
  });

  it("lets a team write its own namespaces and 403s another team's", async () => {
    expect(
      await decide(
        'user:default/heidi',
        platformNamespaceWritePermission,
        'group:default/team-payments',
      ),
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      await decide(
        'user:default/heidi',
        platformNamespaceWritePermission,
        'component:default/payments-api',
      ),
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      await decide(
        'user:default/heidi',
        platformNamespaceWritePermission,
        'group:default/team-storefront',
      ),
    ).toBe(AuthorizeResult.DENY);
    expect(
      await decide(
        'user:default/judy',
        platformNamespaceWritePermission,
        'group:default/team-storefront',
      ),
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      await decide(
        'user:default/alice',
        platformNamespaceWritePermission,
        'group:default/team-storefront',
      ),
    ).toBe(AuthorizeResult.ALLOW);

    const ok = await guarded(
      'user:default/heidi',
      platformNamespaceWritePermission,
      'group:default/team-payments',
    );
    expect(ok.status).toBe(204);
    const denied = await guarded(
      'user:default/heidi',
      platformNamespaceWritePermission,
      'group:default/team-storefront',
    );
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe(
      'Missing permission platform.namespace.write',
    );
  });

  it('lets app teams sync and roll back only the applications they own', async () => {
    for (const permission of [
      platformArgocdSyncPermission,
      platformArgocdRollbackPermission,
    ]) {
      expect(
        await decide(
          'user:default/heidi',
          permission,
          'component:default/payments-api',
        ),
      ).toBe(AuthorizeResult.ALLOW);
      expect(
        await decide(
          'user:default/ivan',
          permission,
          'component:default/orders-service',
        ),
      ).toBe(AuthorizeResult.ALLOW);
      expect(
        await decide(
          'user:default/heidi',
          permission,
          'component:default/storefront-web',
        ),
      ).toBe(AuthorizeResult.DENY);
      expect(
        await decide(
          'user:default/judy',
          permission,
          'component:default/storefront-web',
        ),
      ).toBe(AuthorizeResult.ALLOW);
      expect(
        await decide(
          'user:default/judy',
          permission,
          'component:default/payments-api',
        ),
      ).toBe(AuthorizeResult.DENY);
      expect(
        await decide(
          'user:default/bob',
          permission,
          'component:default/storefront-web',
        ),
      ).toBe(AuthorizeResult.ALLOW);
    }
    const denied = await guarded(
      'user:default/judy',
      platformArgocdRollbackPermission,
      'component:default/payments-api',
    );
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe(
      'Missing permission platform.argocd.rollback',
    );
  });

  // The platform team runs the fleet and is paged for it: during an incident
  // it must be able to sync or roll back any team's application without
  // waiting for that team, as it can in Argo CD itself. App teams stay
  // limited to what they own (previous test).
  it("lets the platform team sync and roll back every team's applications", async () => {
    for (const user of ['user:default/guest', 'user:default/bob']) {
      for (const permission of [
        platformArgocdSyncPermission,
        platformArgocdRollbackPermission,
      ]) {
        for (const component of [
          'component:default/payments-api',
          'component:default/orders-service',
          'component:default/storefront-web',
        ]) {
          expect(await decide(user, permission, component)).toBe(
            AuthorizeResult.ALLOW,
          );
        }
      }
    }
  });

  it("403 when an app team deletes another team's catalog entity", async () => {
    const entity = await request(server)
      .get('/api/catalog/entities/by-name/component/default/storefront-web')
      .set('Authorization', mockCredentials.user.header('user:default/heidi'));
    expect(entity.status).toBe(200);
    const res = await request(server)
      .delete(`/api/catalog/entities/by-uid/${entity.body.metadata.uid}`)
      .set('Authorization', mockCredentials.user.header('user:default/heidi'));
    expect(res.status).toBe(403);
  });

  it('denies a user the catalog does not know everything team-scoped', async () => {
    const stranger = 'user:default/mallory';
    expect(await decide(stranger, platformHealthReadPermission)).toBe(
      AuthorizeResult.ALLOW,
    );
    expect(await decide(stranger, platformClusterProvisionPermission)).toBe(
      AuthorizeResult.DENY,
    );
    expect(
      await decide(
        stranger,
        platformNamespaceWritePermission,
        'group:default/team-payments',
      ),
    ).toBe(AuthorizeResult.DENY);
    expect(
      await decide(
        stranger,
        platformArgocdSyncPermission,
        'component:default/payments-api',
      ),
    ).toBe(AuthorizeResult.DENY);
  });

  it('401 without credentials', async () => {
    const res = await request(server)
      .post(`/api/guarded/${platformHealthReadPermission.name}`)
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });
});

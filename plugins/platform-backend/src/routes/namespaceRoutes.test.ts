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
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  defaultFleet,
  Sandbox,
  startSandbox,
} from '@platform-portal/platform-sandbox';
import request from 'supertest';
import { platformPlugin } from '../plugin';
import { sandboxPlatformConfig } from '../__testUtils__/sandboxPlatformConfig';

jest.setTimeout(60_000);

/** What the portal's policy answers: users write their own groups' namespaces. */
const MEMBERSHIPS: Record<string, string[]> = {
  'user:default/pat': ['group:default/team-payments'],
  'user:default/alice': [
    'group:default/team-payments',
    'group:default/team-storefront',
  ],
};

describe('GET /clusters/:cluster/namespaces', () => {
  let sandbox: Sandbox;
  let server: any;
  let stopBackend: () => Promise<void>;
  const permissions = mockServices.permissions.mock({
    authorize: async (requests, options) => {
      const principal = options?.credentials.principal as {
        userEntityRef?: string;
      };
      const groups = MEMBERSHIPS[principal.userEntityRef ?? ''] ?? [];
      return requests.map(r => ({
        result:
          !('resourceRef' in r) || groups.includes(r.resourceRef!)
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      }));
    },
  });

  beforeAll(async () => {
    sandbox = await startSandbox({
      fleet: defaultFleet(),
      port: 0,
      controlPort: 0,
      realTimeTicks: false,
    });
    const backend = await startTestBackend({
      features: [
        platformPlugin,
        permissions.factory,
        mockServices.rootConfig.factory({
          data: sandboxPlatformConfig(sandbox),
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

  const get = (path: string, user = 'user:default/pat') =>
    request(server)
      .get(`/api/platform${path}`)
      .set('Authorization', mockCredentials.user.header(user));

  it("200 with the namespaces of the user's teams only", async () => {
    const res = await get('/clusters/prod-eu-1/namespaces');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      cluster: 'prod-eu-1',
      namespaces: [{ name: 'payments', team: 'team-payments' }],
    });
    // Asked with the user's own credentials about the owning Group.
    const [asked, options] = permissions.authorize.mock.calls.at(-1)!;
    expect(asked).toEqual(
      expect.arrayContaining([
        {
          permission: expect.objectContaining({
            name: 'platform.namespace.write',
          }),
          resourceRef: 'group:default/team-payments',
        },
        {
          permission: expect.objectContaining({
            name: 'platform.namespace.write',
          }),
          resourceRef: 'group:default/team-storefront',
        },
      ]),
    );
    expect(options).toEqual({
      credentials: expect.objectContaining({
        principal: expect.objectContaining({
          userEntityRef: 'user:default/pat',
        }),
      }),
    });
  });

  it('200 with one team of several when the team is named', async () => {
    const all = await get(
      '/clusters/prod-eu-1/namespaces',
      'user:default/alice',
    );
    expect(all.body.namespaces.map((n: { name: string }) => n.name)).toEqual(
      expect.arrayContaining(['payments', 'storefront']),
    );
    const res = await get(
      '/clusters/prod-eu-1/namespaces?team=team-storefront',
      'user:default/alice',
    );
    expect(res.status).toBe(200);
    expect(res.body.namespaces).toEqual([
      { name: 'storefront', team: 'team-storefront' },
    ]);
  });

  it("403 naming the permission for another team's namespaces", async () => {
    const res = await get(
      '/clusters/prod-eu-1/namespaces?team=team-storefront',
    );
    expect(res.status).toBe(403);
    expect(res.body.error).toEqual({
      name: 'NotAllowedError',
      message:
        'Missing permission platform.namespace.write on group:default/team-storefront',
    });
  });

  it("400 naming the field for a team that cannot be a group's name", async () => {
    const res = await get('/clusters/prod-eu-1/namespaces?team=Team_Payments');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/query parameter 'team'/);
  });

  it('404 for a cluster the platform does not have', async () => {
    const res = await get('/clusters/nowhere-1/namespaces');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      "No cluster named 'nowhere-1' is configured",
    );
  });

  it('401 without credentials', async () => {
    const res = await request(server)
      .get('/api/platform/clusters/prod-eu-1/namespaces')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });
});

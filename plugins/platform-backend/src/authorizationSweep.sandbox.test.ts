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
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { NotAllowedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Sandbox } from '@platform-portal/platform-sandbox';
import {
  ClusterReadinessResponse,
  platformHealthReadPermission,
  platformNamespaceWritePermission,
  platformPermissions,
} from '@platform-portal/plugin-platform-common';
import { Server } from 'node:http';
import request from 'supertest';
import { platformPlugin } from './plugin';
import { spec } from './schema/openapi';
import { exampleEntities } from './__testUtils__/exampleEntities';
import { mountedRoutes } from './__testUtils__/mountedRoutes';
import { callRoute, ROUTES } from './__testUtils__/platformRoutes';
import { sandboxPlatformConfig } from './__testUtils__/sandboxPlatformConfig';
import { signInUserInfo } from './__testUtils__/signInUserInfo';
import { writesIn } from './__testUtils__/sandboxWrites';
import { startUpstreamSandbox } from './__testUtils__/startUpstreamSandbox';

jest.setTimeout(300_000);

const BASE = '/api/platform';
/**
 * The permission each action the plugin registers in the actions registry
 * (what MCP clients call) is gated by. An action without an entry fails the sweep.
 */
const ACTIONS: Record<string, { permission: string; input: object }> = {
  'test:get-platform-health': {
    permission: platformHealthReadPermission.name,
    input: { cluster: 'prod-eu-1' },
  },
};

/** Routes the framework mounts for every plugin (auth cookie, permission metadata, the spec itself), not ours to guard. */
const FRAMEWORK_ROUTE = /^\w+ \/(\.(well-known|backstage)\/|openapi\.json$)/;

/** The spec's operations, as `METHOD /path`. */
function specRoutes(): string[] {
  return Object.entries(spec.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map(method => `${method.toUpperCase()} ${path}`),
  );
}

const toExpressPath = (route: string) => route.replace(/\{(\w+)\}/g, ':$1');

/** The caller signed in but denied: everything is allowed except the names in `denied`. */
function permissionsDenying(denied: Set<string>, asked: string[]) {
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: (): PermissionsService => ({
      async authorize(requests) {
        asked.push(...requests.map(r => r.permission.name));
        return requests.map(r => ({
          result: denied.has(r.permission.name)
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
        }));
      },
      async authorizeConditional(requests) {
        return requests.map(r => ({
          result: denied.has(r.permission.name)
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
        }));
      },
    }),
  });
}

describe('authorization of every platform API route', () => {
  let sandbox: Sandbox;
  let server: Server;
  let stop: () => Promise<void>;
  const denied = new Set<string>();
  const asked: string[] = [];
  const entries = Object.entries(ROUTES);
  const actions = actionsRegistryServiceMock();

  const call = (route: string, authorization: string) =>
    callRoute(server, route, authorization);

  /** Attested build-out steps of the cluster the attestation route is called on. */
  const attestationCount = async () => {
    const res = await request(server)
      .get(`${BASE}/readiness/prod-eu-2`)
      .set('Authorization', mockCredentials.user.header('user:default/alice'));
    return (res.body as ClusterReadinessResponse).phases
      .flatMap(p => p.steps)
      .filter(step => step.attestation).length;
  };

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    const backend = await startTestBackend({
      features: [
        platformPlugin,
        mockServices.rootConfig.factory({
          data: sandboxPlatformConfig(sandbox),
        }),
        catalogServiceMock.factory({ entities: exampleEntities() }),
        signInUserInfo(exampleEntities()),
        permissionsDenying(denied, asked),
        createServiceFactory({
          service: actionsRegistryServiceRef,
          deps: {},
          factory: () => actions,
        }),
      ],
    });
    server = backend.server as unknown as Server;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
    await sandbox?.stop();
  });

  it('has an entry for every route the router mounts and every operation of the spec', () => {
    const mounted = mountedRoutes(server).filter(r => !FRAMEWORK_ROUTE.test(r));
    expect(mounted).toEqual(Object.keys(ROUTES).map(toExpressPath).sort());
    expect(Object.keys(ROUTES)).toEqual(expect.arrayContaining(specRoutes()));
  });

  it('names only permissions the plugin declares', () => {
    const declared = platformPermissions
      .map(p => p.name)
      .concat(platformNamespaceWritePermission.name);
    const named = Object.values(ROUTES).flatMap(r => r.permission ?? []);
    expect(named.filter(p => !declared.includes(p))).toEqual([]);
  });

  describe('writes nothing for callers who may not', () => {
    let before: ReturnType<typeof writesIn>;
    let attestations: number;
    beforeAll(async () => {
      before = writesIn(sandbox);
      attestations = await attestationCount();
    });

    it.each(entries.map(([route]) => route))(
      '401 for %s without credentials',
      async route => {
        const res = await call(route, mockCredentials.none.header());
        expect({ route, status: res.status }).toEqual({ route, status: 401 });
        expect(res.body.error.name).toBe('AuthenticationError');
      },
    );

    it.each(
      entries
        .filter(([, r]) => r.permission !== null)
        .map(([route, r]) => [route, r.permission!] as const),
    )('403 for %s without %s, naming it', async (route, permission) => {
      denied.clear();
      denied.add(permission);
      asked.length = 0;
      try {
        const res = await call(
          route,
          mockCredentials.user.header('user:default/mallory'),
        );
        expect({ route, status: res.status }).toEqual({ route, status: 403 });
        expect(res.body.error).toMatchObject({
          name: 'NotAllowedError',
          message: expect.stringContaining(permission),
        });
        expect(asked).toContain(permission);
      } finally {
        denied.clear();
      }
    });

    it.each(
      entries.filter(([, r]) => r.permission !== null).map(([route]) => route),
    )('403 for %s when every platform permission is denied', async route => {
      platformPermissions.forEach(p => denied.add(p.name));
      denied.add(platformNamespaceWritePermission.name);
      try {
        const res = await call(
          route,
          mockCredentials.user.header('user:default/mallory'),
        );
        expect({ route, status: res.status }).toEqual({ route, status: 403 });
        expect(res.body.error.message).toMatch(/permission platform\.\w+\.\w+/);
      } finally {
        denied.clear();
      }
    });
    // Backstage allows a service principal without access restrictions every
    // permission, so a write route must refuse it itself.
    it.each(
      entries
        .filter(
          ([route, r]) =>
            route.startsWith('POST ') &&
            r.permission !== null &&
            r.permission !== platformHealthReadPermission.name,
        )
        .map(([route, r]) => [route, r.permission!] as const),
    )(
      '403 for %s from a service principal without access restrictions',
      async (route, permission) => {
        const res = await call(route, mockCredentials.service.header());
        expect({ route, status: res.status }).toEqual({ route, status: 403 });
        // Routes a person answers for refuse services outright; the others name the permission.
        expect(res.body.error.message).toMatch(
          new RegExp(
            `${permission.replace(
              /\./g,
              '\\.',
            )}|does not allow 'service' credentials`,
          ),
        );
      },
    );

    it('knows the permission of every action the plugin registers', () => {
      expect([...actions.actions.keys()].sort()).toEqual(
        Object.keys(ACTIONS).sort(),
      );
    });

    it.each(Object.entries(ACTIONS))(
      'action %s refuses a user without its permission, naming it',
      async (id, { permission, input }) => {
        denied.add(permission);
        try {
          const outcome = await actions
            .invoke({
              id,
              input: input as any,
              credentials: mockCredentials.user('user:default/mallory'),
            })
            .then(
              () => undefined,
              (error: Error) => error,
            );
          expect(outcome).toBeInstanceOf(NotAllowedError);
          expect(outcome?.message).toContain(permission);
        } finally {
          denied.clear();
        }
      },
    );

    it('no write reached an upstream or the database', async () => {
      expect(writesIn(sandbox)).toEqual(before);
      expect(await attestationCount()).toBe(attestations);
    });
  });

  it.each(entries.map(([route]) => route))(
    'lets an allowed user through %s',
    async route => {
      const res = await call(
        route,
        mockCredentials.user.header('user:default/alice'),
      );
      // The whole answer is shown when it is not a success.
      expect({
        route,
        status: res.status,
        success: res.status >= 200 && res.status < 300,
        body: res.text.slice(0, 300),
      }).toMatchObject({ success: true });
    },
  );
});

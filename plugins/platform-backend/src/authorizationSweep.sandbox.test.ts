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
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Sandbox } from '@platform-portal/platform-sandbox';
import {
  ClusterReadinessResponse,
  platformArgocdRollbackPermission,
  platformArgocdSyncPermission,
  platformClusterProvisionPermission,
  platformEntityReadPermission,
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
import { sandboxPlatformConfig } from './__testUtils__/sandboxPlatformConfig';
import { writesIn } from './__testUtils__/sandboxWrites';
import { startUpstreamSandbox } from './__testUtils__/startUpstreamSandbox';

jest.setTimeout(300_000);

const BASE = '/api/platform';
const ENTITY = '/entity/default/component/payments-api';

interface RouteCall {
  /** The permission the route is gated by; null for what any signed-in caller may read. */
  permission: string | null;
  /** A call with parameters valid for the sandbox's demo fleet. */
  path: string;
  body?: object;
}

/**
 * Every route the plugin serves, by `METHOD /path` as the OpenAPI spec writes
 * it, with the permission that guards it and a well-formed call. A route
 * added to the router or the spec without an entry here fails the sweep.
 */
const ROUTES: Record<string, RouteCall> = {
  'GET /layers': {
    permission: platformHealthReadPermission.name,
    path: '/layers',
  },
  'GET /environment': { permission: null, path: '/environment' },
  'GET /health': {
    permission: platformHealthReadPermission.name,
    path: '/health',
  },
  'GET /health/{cluster}': {
    permission: platformHealthReadPermission.name,
    path: '/health/prod-eu-1',
  },
  'GET /health/{cluster}/history': {
    permission: platformHealthReadPermission.name,
    path: '/health/prod-eu-1/history?limit=10',
  },
  'GET /health/{cluster}/{layer}': {
    permission: platformHealthReadPermission.name,
    path: '/health/prod-eu-1/storage',
  },
  'GET /readiness': {
    permission: platformHealthReadPermission.name,
    path: '/readiness',
  },
  'GET /readiness/{cluster}': {
    permission: platformHealthReadPermission.name,
    path: '/readiness/prod-eu-2',
  },
  'POST /readiness/{cluster}/steps/{step}/attestations': {
    permission: platformClusterProvisionPermission.name,
    path: '/readiness/prod-eu-2/steps/6/attestations',
    body: { note: 'Checked the rack labels on site' },
  },
  'GET /sizing/{cluster}': {
    permission: platformHealthReadPermission.name,
    path: '/sizing/prod-eu-1',
  },
  'POST /diagnostics/{cluster}/{runbook}': {
    permission: platformHealthReadPermission.name,
    path: '/diagnostics/prod-eu-2/argocd-sync-failure',
    body: {},
  },
  'POST /diagnostics/{cluster}/remediations/{action}': {
    permission: platformClusterProvisionPermission.name,
    path: '/diagnostics/prod-eu-2/remediations/argocd-sync',
    body: { name: 'orders-service', dryRun: true },
  },
  'GET /clusters': {
    permission: platformHealthReadPermission.name,
    path: '/clusters',
  },
  'GET /clusters/{cluster}': {
    permission: platformHealthReadPermission.name,
    path: '/clusters/prod-eu-1',
  },
  'GET /clusters/{cluster}/namespaces': {
    permission: platformNamespaceWritePermission.name,
    path: '/clusters/prod-eu-1/namespaces?team=team-payments',
  },
  'GET /entity/{namespace}/{kind}/{name}/nexus': {
    permission: platformEntityReadPermission.name,
    path: `${ENTITY}/nexus`,
  },
  'GET /entity/{namespace}/{kind}/{name}/gitlab': {
    permission: platformEntityReadPermission.name,
    path: `${ENTITY}/gitlab`,
  },
  'GET /entity/{namespace}/{kind}/{name}/grafana': {
    permission: platformEntityReadPermission.name,
    path: `${ENTITY}/grafana`,
  },
  'GET /entity/{namespace}/{kind}/{name}/argocd': {
    permission: platformEntityReadPermission.name,
    path: `${ENTITY}/argocd`,
  },
  'POST /entity/{namespace}/{kind}/{name}/argocd/{instance}/{app}/sync': {
    permission: platformArgocdSyncPermission.name,
    path: `${ENTITY}/argocd/prod-eu-2/payments-api/sync`,
  },
  'POST /entity/{namespace}/{kind}/{name}/argocd/{instance}/{app}/rollback': {
    permission: platformArgocdRollbackPermission.name,
    path: `${ENTITY}/argocd/prod-eu-1/payments-api/rollback`,
    body: { id: 0 },
  },
  'GET /delivery/{namespace}/{kind}/{name}': {
    permission: platformEntityReadPermission.name,
    path: '/delivery/default/component/payments-api',
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

  const call = (route: string, authorization: string) => {
    const [method] = route.split(' ');
    const { path, body } = ROUTES[route];
    const req =
      method === 'POST'
        ? request(server).post(`${BASE}${path}`)
        : request(server).get(`${BASE}${path}`);
    req.set('Authorization', authorization);
    return body === undefined ? req : req.send(body);
  };

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
        permissionsDenying(denied, asked),
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

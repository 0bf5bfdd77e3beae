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
import { Entity } from '@backstage/catalog-model';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Sandbox } from '@platform-portal/platform-sandbox';
import fc from 'fast-check';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { spec } from './schema/openapi';
import { sandboxPlatformConfig } from './__testUtils__/sandboxPlatformConfig';
import { startUpstreamSandbox } from './__testUtils__/startUpstreamSandbox';
import { platformTestDatabases } from './__testUtils__/testDatabases';
import { writesIn } from './__testUtils__/sandboxWrites';
import { propertyRuns } from './__testUtils__/propertyRuns';
import { platformPlugin } from './plugin';

// 1000 with `make test FULL=1`, a sample otherwise (__testUtils__/propertyRuns).
const RUNS_PER_ROUTE = propertyRuns(1000);

jest.setTimeout(60_000);

/** A well-formed value for each parameter the API spec declares. */
const VALID: Record<string, string> = {
  cluster: 'prod-eu-1',
  layer: 'storage',
  step: '7',
  runbook: 'certificate-renewal-stuck',
  action: 'argocd-sync',
  namespace: 'default',
  kind: 'component',
  name: 'storefront-web',
  instance: 'mgmt',
  app: 'storefront-web',
  limit: '10',
  team: 'team-payments',
  pod: 'storefront-web-0',
  container: 'storefront-web',
  previous: 'false',
  tailLines: '10',
  follow: 'false',
  download: 'false',
};

const ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'storefront-web', namespace: 'default' },
    spec: {
      type: 'website',
      lifecycle: 'production',
      owner: 'team-storefront',
    },
  },
];

/** The caller's own team: writes on anything else's are denied, as the team policy does. */
const OWN_TEAM = 'group:default/team-payments';

/**
 * Allows reads and the caller's own team; denies any permission on another
 * team's group or entity, so requests aimed at other teams meet a 403.
 */
const teamPolicy = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: (): PermissionsService => ({
    async authorize(requests) {
      return requests.map(r => {
        const ref = (r as { resourceRef?: string }).resourceRef;
        return {
          result:
            ref === undefined || ref === OWN_TEAM
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        };
      });
    },
    async authorizeConditional(requests) {
      return requests.map(() => ({ result: AuthorizeResult.DENY }));
    },
  }),
});

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** What an attacker types into any field: each family the issue names. */
const hostileText = fc.oneof(
  // Path traversal, raw and encoded.
  fc.constantFrom(
    '..',
    '../..',
    '../../etc/passwd',
    '..%2f..%2fetc%2fpasswd',
    '%2e%2e',
    '.',
    'a/../../b',
    '..\\..\\windows\\win.ini',
  ),
  // Oversized.
  fc.integer({ min: 64, max: 4096 }).map(n => 'a'.repeat(n)),
  fc.string({ minLength: 64, maxLength: 400 }),
  // Unicode look-alikes, invisible and control characters.
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
  fc.constantFrom(
    'ｐｒｏｄ-ｅｕ-１',
    'prod-eu-1\u200b',
    'prod-eu-1\u0000',
    'прод',
    '😀',
    'prod-eu-1\n',
    'Prod-EU-1',
  ),
  // YAML and JSON injection.
  fc.constantFrom(
    'a: b',
    '!!js/function "return 1"',
    '- x\n- y',
    '&a [*a, *a]',
    '{{ .Values.secret }}',
    '${{ secrets.token }}',
    "'; DROP TABLE attestations; --",
    '{"__proto__":{"admin":true}}',
    '{"$ne":null}',
    '[]',
  ),
  // Label- and field-selector injection.
  fc.constantFrom(
    'app in (a,b)',
    'a=b,c!=d',
    '!team',
    'team notin (x)',
    'app=x,app.kubernetes.io/name',
    'metadata.namespace!=team-payments',
  ),
  // SSRF targets.
  fc.constantFrom(
    'http://169.254.169.254/latest/meta-data/',
    'http://127.0.0.1:7101/behaviour',
    'http://localhost:7007/api/platform/health',
    'file:///etc/passwd',
    'gopher://127.0.0.1:6379/_FLUSHALL',
    '//evil.example/x',
    'http://[::1]:7650/',
  ),
  // Other teams' namespaces and entities, cluster-scoped kinds, admin roles.
  fc.constantFrom(
    'kube-system',
    'team-other',
    'argocd',
    'cert-manager',
    'ClusterRoleBinding',
    'cluster-admin',
    'system:masters',
  ),
  fc.string({ maxLength: 40 }),
);

/** Values a parameter accepts besides its VALID one, which a generator may hit by chance. */
const ALSO_ACCEPTED: Record<string, (value: string) => boolean> = {
  limit: v => /^[0-9]+$/.test(v) && Number(v) >= 1 && Number(v) <= 1000,
};

/** A hostile value for one parameter: never one it accepts. */
const hostileFor = (param: string) =>
  hostileText.filter(
    v => v !== VALID[param] && v !== '' && !ALSO_ACCEPTED[param]?.(v),
  );

/** A string no DNS-1123 field accepts. */
const notALabel = hostileText.filter(
  v => !(DNS_LABEL.test(v) && v.length <= 63),
);

/** A body in which every field any route reads is malformed. */
const hostileBody = fc.oneof(
  fc.record({
    namespace: fc.oneof(notALabel, fc.integer(), fc.array(fc.string())),
    name: fc.oneof(notALabel, fc.integer(), fc.object({ maxDepth: 1 })),
    project: notALabel,
    note: fc.oneof(
      fc.integer(),
      fc.boolean(),
      fc.array(hostileText, { maxLength: 2 }),
      fc.constant('x'.repeat(2001)),
    ),
    id: fc.oneof(fc.constantFrom(-1, 1.5), hostileText),
    replicas: hostileText,
    dryRun: fc.oneof(hostileText, fc.integer()),
  }),
  fc.oneof(hostileText, fc.integer(), fc.array(hostileText, { maxLength: 3 })),
);

interface Route {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: string[];
  hasBody: boolean;
}

/** A parameter of the spec, or the one of `components.parameters` it refers to. */
function resolveParameter(param: { $ref?: string }): {
  name: string;
  in: string;
} {
  if (!param.$ref) return param as { name: string; in: string };
  const name = param.$ref.replace('#/components/parameters/', '');
  return (spec.components.parameters as Record<string, any>)[name];
}

/** Every operation of the published API, so a route added there is covered here too. */
function routesFromSpec(): Route[] {
  const routes: Route[] = [];
  for (const [path, operations] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(
      operations as Record<string, any>,
    )) {
      const params: Array<{ name: string; in: string }> = (
        operation.parameters ?? []
      ).map(resolveParameter);
      routes.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter(p => p.in === 'path').map(p => p.name),
        queryParams: params.filter(p => p.in === 'query').map(p => p.name),
        hasBody: Boolean(operation.requestBody) || method === 'post',
      });
    }
  }
  return routes;
}

interface HostileRequest {
  url: string;
  body?: string;
  /** The fields made hostile, one of which the refusal must name. */
  hostile: string[];
}

/**
 * Requests with at least one hostile input: a path or query parameter, or,
 * for routes with a body, the body alone with every parameter well-formed.
 */
function hostileRequests(route: Route): fc.Arbitrary<HostileRequest> {
  const inputs = [...route.pathParams, ...route.queryParams];
  const targets = [...inputs, ...(route.hasBody ? ['body'] : [])];
  return fc
    .record({
      target: fc.constantFrom(...targets),
      values: fc.record(
        Object.fromEntries(inputs.map(p => [p, hostileFor(p)])),
      ) as fc.Arbitrary<Record<string, string>>,
      alsoHostile: fc.subarray(inputs),
      body: hostileBody,
      rawBody: fc.constantFrom('{not json', '{"a":', '\u0000'),
      useRawBody: fc.boolean(),
    })
    .map(({ target, values, alsoHostile, body, rawBody, useRawBody }) => {
      // A route with a body always gets a hostile one, so it may be the first thing refused.
      const hostile = new Set([
        ...(target === 'body' ? [] : [target, ...alsoHostile]),
        ...(route.hasBody ? ['body'] : []),
      ]);
      const value = (p: string) =>
        hostile.has(p) ? values[p] : VALID[p] ?? 'no-such-value';
      const path = route.path.replace(/\{(\w+)\}/g, (_m, p: string) =>
        encodeURIComponent(value(p)),
      );
      const query = new URLSearchParams(
        route.queryParams.map(p => [p, value(p)]),
      ).toString();
      return {
        url: `${path}${query ? `?${query}` : ''}`,
        hostile: [...hostile],
        ...(route.hasBody
          ? {
              body:
                target === 'body' && useRawBody
                  ? rawBody
                  : JSON.stringify(body),
            }
          : {}),
      };
    });
}

// Test databases register their clean-up hooks, which jest takes only while the file loads.
const databases = platformTestDatabases();

describe('hostile requests to every platform API route', () => {
  const routes = routesFromSpec();
  let sandbox: Sandbox;
  let send: (
    method: string,
    path: string,
    body?: string,
  ) => Promise<{ status: number; text: string }>;
  const basePath = '/api/platform';
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let stopBackend: () => Promise<void>;

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    const knex = await databases.init('SQLITE_3');
    const backend = await startTestBackend({
      features: [
        platformPlugin,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: sandboxPlatformConfig(sandbox),
        }),
        catalogServiceMock.factory({ entities: ENTITIES }),
        teamPolicy,
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    // node:http sends the path as written: fetch would resolve `.` and `..` segments before sending.
    send = (method, path, body) =>
      new Promise((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            method,
            path,
            agent,
            headers:
              body === undefined ? {} : { 'Content-Type': 'application/json' },
          },
          res => {
            const chunks: Buffer[] = [];
            res.on('data', chunk => chunks.push(chunk));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                text: Buffer.concat(chunks).toString('utf8'),
              }),
            );
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    stopBackend = () => backend.stop();
  });

  afterAll(async () => {
    agent.destroy();
    await stopBackend?.();
    await sandbox?.stop();
  });

  it('derives its routes from the OpenAPI spec', () => {
    expect(routes.length).toBeGreaterThanOrEqual(20);
    // Path parameters shared through components.parameters count too.
    expect(
      routes.find(r => r.path === '/entity/{namespace}/{kind}/{name}/nexus')
        ?.pathParams,
    ).toEqual(['namespace', 'kind', 'name']);
    expect(routes.map(r => `${r.method} ${r.path}`)).toContain(
      'POST /diagnostics/{cluster}/remediations/{action}',
    );
  });

  const withInputs = routesFromSpec().filter(
    r => r.pathParams.length + r.queryParams.length > 0 || r.hasBody,
  );

  it.each(withInputs.map(r => [`${r.method} ${r.path}`, r] as const))(
    '%s refuses every hostile request with a 4xx naming the problem and writes nothing',
    async (_name, route) => {
      const before = writesIn(sandbox);
      await fc.assert(
        fc.asyncProperty(hostileRequests(route), async hostile => {
          const res = await send(
            route.method,
            `${basePath}${hostile.url}`,
            hostile.body,
          );
          const text = res.text;
          const outcome = {
            status: res.status,
            hostile,
            text: text.slice(0, 300),
          };
          expect(outcome).toEqual({
            ...outcome,
            status: expect.toBeWithin4xx(),
          });
          // 431: a request line over Node's header limit is refused before
          // any route sees it, with no body to name a field in.
          if (res.status === 404 || res.status === 431) {
            return;
          }
          const message: string = JSON.parse(text)?.error?.message ?? '';
          // A 403 names the portal permission missing, or the Kubernetes
          // RBAC the person lacks (reads made with their own rights); a 400
          // the field at fault.
          const names =
            res.status === 403
              ? ['permission', 'Kubernetes RBAC']
              : hostile.hostile.map(f =>
                  f === 'body' ? "body|field '" : `'?${f}'?`,
                );
          expect({ ...outcome, message }).toEqual({
            ...outcome,
            message: expect.stringMatching(new RegExp(names.join('|'), 'i')),
          });
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
      expect(writesIn(sandbox)).toEqual(before);
    },
  );
});

expect.extend({
  toBeWithin4xx(received: number) {
    const pass = received >= 400 && received < 500;
    return {
      pass,
      message: () => `expected a 4xx status, got ${received}`,
    };
  },
});

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Expect {
      toBeWithin4xx(): unknown;
    }
  }
}

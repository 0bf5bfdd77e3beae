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

import { auditorServiceFactory } from '@backstage/backend-defaults/auditor';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Sandbox } from '@platform-portal/platform-sandbox';
import { randomBytes } from 'node:crypto';
import http, { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { platformPlugin } from './plugin';
import { captureScheduler } from './__testUtils__/captureScheduler';
import {
  CapturingLogger,
  capturingLoggerFactories,
} from './__testUtils__/capturingLogger';
import { exampleEntities } from './__testUtils__/exampleEntities';
import { callRoute, ROUTES } from './__testUtils__/platformRoutes';
import { sandboxControl } from './__testUtils__/sandboxControl';
import { sandboxPlatformConfig } from './__testUtils__/sandboxPlatformConfig';
import { startUpstreamSandbox } from './__testUtils__/startUpstreamSandbox';

jest.setTimeout(600_000);

/** Config keys that hold a credential, wherever they sit in the tree. */
const SECRET_KEY = /(token|password|secret|apikey|privatekey)$/i;

interface Secret {
  /** Where in the config it is, e.g. platform.upstreams.argocd.password: named in failures instead of the value. */
  path: string;
  value: string;
  /** The forms it could leak in: as is, URL-encoded, in a Basic authorization. */
  forms: string[];
}

/** Every credential in a config tree, with the forms a leak could take. */
function secretsIn(node: unknown, path: string[] = []): Secret[] {
  if (Array.isArray(node)) {
    return node.flatMap((item, i) => secretsIn(item, [...path, String(i)]));
  }
  if (node === null || typeof node !== 'object') {
    return [];
  }
  const object = node as Record<string, unknown>;
  return Object.entries(object).flatMap(([key, value]) => {
    if (typeof value === 'string' && SECRET_KEY.test(key)) {
      const basic =
        typeof object.username === 'string'
          ? [Buffer.from(`${object.username}:${value}`).toString('base64')]
          : [];
      return [
        {
          path: [...path, key].join('.'),
          value,
          forms: [value, encodeURIComponent(value), ...basic],
        },
      ];
    }
    return secretsIn(value, [...path, key]);
  });
}

/** The same config with every credential replaced by its own canary string. */
function withCanaries(node: unknown, key = ''): unknown {
  if (Array.isArray(node)) {
    return node.map(item => withCanaries(item));
  }
  if (typeof node === 'string' && SECRET_KEY.test(key)) {
    return `canary-${key}-${randomBytes(12).toString('hex')}`;
  }
  if (node === null || typeof node !== 'object') {
    return node;
  }
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k, withCanaries(v, k)]),
  );
}

/** Faults every upstream is put through, as the sandbox's control API takes them. */
const FAULTS: Array<Record<string, unknown>> = [
  { errorRate: 1, errorStatus: 500 },
  { errorRate: 1, errorStatus: 401 },
  { errorRate: 1, errorStatus: 403 },
  { malformedJson: true },
  { refuse: true },
];

/** A server the sandbox redirects to: a credential sent after a redirect would arrive here. */
async function startRedirectTarget() {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${inspect(req.headers)}`);
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end('{"message":"not here"}');
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

describe('canary secrets: no credential in a response, a header, a log line or a redirect', () => {
  let sandbox: Sandbox;
  let redirectTarget: Awaited<ReturnType<typeof startRedirectTarget>>;
  const logs = new CapturingLogger();
  /** Everything the portal said to a caller: where, then status, headers and body. */
  const answers: Array<{ where: string; text: string }> = [];
  const consoleOutput: string[] = [];
  const stops: Array<() => Promise<void>> = [];
  const secrets: Secret[] = [];

  async function startPortal(config: Record<string, any>) {
    const scheduler = captureScheduler();
    const backend = await startTestBackend({
      features: [
        platformPlugin,
        mockServices.rootConfig.factory({
          data: {
            ...config,
            platform: {
              ...config.platform,
              // Every fault reaches the client instead of an open circuit.
              clients: {
                ...config.platform.clients,
                maxRetries: 0,
                breakerFailures: 100_000,
              },
            },
          },
        }),
        catalogServiceMock.factory({ entities: exampleEntities() }),
        ...capturingLoggerFactories(logs),
        auditorServiceFactory,
        scheduler.module,
      ],
    });
    stops.push(() => backend.stop());
    return {
      server: backend.server as unknown as Server,
      refreshHealth: scheduler.refreshHealth,
    };
  }

  /** Every route, well-formed and aimed at what does not exist, signed in and not. */
  async function driveEveryRoute(server: Server, phase: string) {
    const elsewhere = (path: string) =>
      path
        .replace(/prod-eu-[12]/, 'nowhere-1')
        .replace('payments-api', 'ghost-service');
    const alice = mockCredentials.user.header('user:default/alice');
    for (const route of Object.keys(ROUTES)) {
      for (const [how, authorization, rewrite] of [
        ['well-formed', alice, undefined],
        ['elsewhere', alice, elsewhere],
        ['signed out', mockCredentials.none.header(), undefined],
      ] as const) {
        const res = await callRoute(server, route, authorization, rewrite);
        answers.push({
          where: `${phase}: ${route} (${how}) → ${res.status}`,
          text: `${inspect(res.headers)} ${res.text}`,
        });
      }
    }
  }

  async function underEveryFault(
    portal: { server: Server; refreshHealth: () => Promise<void> },
    phase: string,
  ) {
    for (const fault of [...FAULTS, { redirectTo: redirectTarget.url }]) {
      await sandboxControl(sandbox, 'POST', '/behaviour', fault);
      try {
        await portal.refreshHealth();
        await driveEveryRoute(portal.server, `${phase}, ${inspect(fault)}`);
      } finally {
        await sandboxControl(sandbox, 'DELETE', '/behaviour');
      }
    }
  }

  beforeAll(async () => {
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        consoleOutput.push(args.map(a => inspect(a, { depth: 10 })).join(' '));
      });
    }
    sandbox = await startUpstreamSandbox();
    redirectTarget = await startRedirectTarget();
  });

  afterAll(async () => {
    for (const stop of stops) await stop();
    await redirectTarget?.stop();
    await sandbox?.stop();
    jest.restoreAllMocks();
  });

  it('with the credentials the upstreams accept: every route, then under every fault', async () => {
    const config = sandboxPlatformConfig(sandbox);
    secrets.push(...secretsIn(config));
    const portal = await startPortal(config);
    await portal.refreshHealth();
    await driveEveryRoute(portal.server, 'accepted credentials');
    // Reads the upstreams really answered: the credentials were used.
    expect(
      answers.filter(a => /well-formed\) → 200/.test(a.where)).length,
    ).toBeGreaterThan(15);
    await underEveryFault(portal, 'accepted credentials');
  });

  it('with a canary in every credential, which the upstreams refuse', async () => {
    const config = withCanaries(sandboxPlatformConfig(sandbox)) as Record<
      string,
      any
    >;
    const canaries = secretsIn(config);
    expect(canaries.every(c => c.value.startsWith('canary-'))).toBe(true);
    secrets.push(...canaries);
    const portal = await startPortal(config);
    await portal.refreshHealth();
    await driveEveryRoute(portal.server, 'canary credentials');
  });

  it('covers every credential: the Kubernetes tokens of every cluster and each upstream', () => {
    const paths = secrets.map(s => s.path);
    for (const cluster of sandbox.fleet.names()) {
      expect(
        paths.some(p => /^platform\.clusters\.\d+\.kubernetes\.token$/.test(p)),
      ).toBe(true);
      expect(JSON.stringify(secrets)).toContain(
        sandbox.credentials.kubernetes[cluster].reader,
      );
    }
    for (const upstream of ['argocd', 'nexus', 'grafana', 'gitlab']) {
      expect(
        paths.some(p => p.startsWith(`platform.upstreams.${upstream}.`)),
      ).toBe(true);
    }
    expect(paths).toEqual(
      expect.arrayContaining(['integrations.gitlab.0.token']),
    );
  });

  it('found no credential anywhere the portal wrote', () => {
    // The faults were logged: the search below has something to search.
    expect(logs.lines.length).toBeGreaterThan(50);
    expect(
      logs.lines.some(l => /500|refused|ECONNREFUSED|malformed|JSON/i.test(l)),
    ).toBe(true);
    const places = [
      ...answers,
      ...logs.lines.map((text, i) => ({ where: `log line ${i}`, text })),
      ...consoleOutput.map((text, i) => ({ where: `console ${i}`, text })),
      ...redirectTarget.seen.map((text, i) => ({
        where: `request ${i} to the redirect target`,
        text,
      })),
    ];
    const leaks = secrets.flatMap(secret =>
      places
        .filter(place => secret.forms.some(form => place.text.includes(form)))
        .map(place => `${secret.path} in ${place.where}`),
    );
    expect(leaks).toEqual([]);
  });
});

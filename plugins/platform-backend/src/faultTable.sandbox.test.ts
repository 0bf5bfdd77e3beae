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
import { Server } from 'node:http';
import { platformPlugin } from './plugin';
import { captureScheduler } from './__testUtils__/captureScheduler';
import { exampleEntities } from './__testUtils__/exampleEntities';
import {
  FAULT_CLASSES,
  FaultClass,
  ROUTE_FAULTS,
  RouteFaultExpectation,
} from './__testUtils__/faultExpectations';
import { callRoute, ROUTES } from './__testUtils__/platformRoutes';
import { sandboxControl } from './__testUtils__/sandboxControl';
import { sandboxPlatformConfig } from './__testUtils__/sandboxPlatformConfig';
import { startUpstreamSandbox } from './__testUtils__/startUpstreamSandbox';

jest.setTimeout(900_000);

/** The deadline of every upstream call in this suite: a hang must end in it. */
const TIMEOUT_MS = 1500;

interface Counters {
  total: number;
  byUpstream: Record<string, number>;
  /** `<upstream>:<verb>` counts per cluster. */
  byCluster: Record<string, Record<string, number>>;
}

/** Verbs that change something upstream (Kubernetes verbs and HTTP methods). */
const WRITE_VERBS = new Set([
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
]);

/** Upstreams whose POSTs are queries, not writes. */
const QUERY_BY_POST = new Set(['prometheus', 'loki', 'tempo']);

function writes(counters: Counters): number {
  let total = 0;
  for (const perCluster of Object.values(counters.byCluster)) {
    for (const [key, count] of Object.entries(perCluster)) {
      const [upstream, verb] = key.split(':');
      if (WRITE_VERBS.has(verb) && !QUERY_BY_POST.has(upstream)) total += count;
    }
  }
  return total;
}

/** The messages an answer carries, for a failure to quote. */
function messagesOf(text: string): string {
  const messages = [
    ...text.matchAll(/"(?:message|reason|summary|liveError)":"([^"]{0,240})/g),
  ].map(m => m[1]);
  return messages.length
    ? `it says: ${[...new Set(messages)].slice(0, 4).join(' | ')}`
    : `it answered: ${text.slice(0, 240)}`;
}

/** A mismatch between what a route did under a fault and its row in the table. */
interface Finding {
  route: string;
  upstream: string;
  fault: FaultClass;
  problem: string;
}

/**
 * Every route, under every class of upstream fault on each upstream it reads,
 * checked against the table in `__testUtils__/faultExpectations.ts`: the
 * status, that the message names the upstream and the config key to check,
 * and that nothing was written upstream. A route without a row fails.
 */
describe('every route under every upstream fault', () => {
  let sandbox: Sandbox;
  let server: Server;
  let refreshHealth: () => Promise<void>;
  let stopBackend: () => Promise<void>;
  const alice = mockCredentials.user.header('user:default/alice');

  const counters = async (): Promise<Counters> =>
    (await sandboxControl(sandbox, 'GET', '/counters')) as Counters;

  const writesSince = (before: Counters, after: Counters) =>
    writes(after) - writes(before);

  /** Each cluster's store revision, to ask later what was written since. */
  const revisions = (): number[] =>
    sandbox.fleetSpec.clusters.map(
      c => sandbox.fleet.cluster(c.name)!.store.resourceVersion,
    );

  /** Changes API requests made since `before` (a dry run stores none). */
  const storedWritesSince = (before: number[]) =>
    sandbox.fleetSpec.clusters
      .flatMap((c, i) =>
        sandbox.fleet.cluster(c.name)!.store.changesSince(before[i]),
      )
      .filter(change => change.by !== undefined).length;

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    const base = sandboxPlatformConfig(sandbox);
    const scheduler = captureScheduler();
    refreshHealth = scheduler.refreshHealth;
    const backend = await startTestBackend({
      features: [
        platformPlugin,
        mockServices.rootConfig.factory({
          data: {
            ...base,
            platform: {
              ...base.platform,
              clients: {
                timeoutMs: TIMEOUT_MS,
                maxRetries: 0,
                // The fault itself must reach each route, not an open circuit.
                breakerFailures: 100_000,
              },
              // Each call reads the upstream: nothing is served from before the fault.
              entityPages: { cacheTtlSeconds: 0.001 },
              readiness: { probeCacheSeconds: 0 },
              // A person's access reviews are POSTs to the API server, which the
              // write counter cannot tell from writes: made once, before the faults.
              impersonation: { accessReviewCacheSeconds: 3600 },
            },
          },
        }),
        catalogServiceMock.factory({ entities: exampleEntities() }),
        // Alice is on payments-api's team, so Kubernetes RBAC lets her read
        // and operate its workloads: the faults, not her rights, decide.
        mockServices.userInfo.mock({
          getUserInfo: async () => ({
            userEntityRef: 'user:default/alice',
            ownershipEntityRefs: [
              'user:default/alice',
              'group:default/team-payments',
            ],
          }),
        }).factory,
        auditorServiceFactory,
        scheduler.module,
      ],
    });
    server = backend.server as unknown as Server;
    stopBackend = () => backend.stop();
    await refreshHealth();
  });

  afterAll(async () => {
    await stopBackend?.();
    await sandbox?.stop();
  });

  it('has a row for every route the plugin serves', () => {
    expect(Object.keys(ROUTE_FAULTS).sort()).toEqual(
      Object.keys(ROUTES).sort(),
    );
  });

  it('reads, without a fault, exactly the upstreams its row names', async () => {
    const wrong: string[] = [];
    for (const [route, row] of Object.entries(ROUTE_FAULTS)) {
      const before = await counters();
      const res = await callRoute(server, route, alice);
      const after = await counters();
      const read = Object.keys(after.byUpstream)
        .filter(u => (after.byUpstream[u] ?? 0) > (before.byUpstream[u] ?? 0))
        .sort();
      if (res.status >= 400) {
        wrong.push(`${route}: ${res.status} without a fault: ${res.text}`);
      }
      if (JSON.stringify(read) !== JSON.stringify([...row.live].sort())) {
        wrong.push(`${route}: reads ${read.join(', ') || 'nothing'}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers each fault of each upstream as its row says, and writes nothing', async () => {
    const findings: Finding[] = [];
    const check = (
      route: string,
      row: RouteFaultExpectation,
      upstream: string,
      fault: FaultClass,
      res: { status: number; text: string },
      written: number,
    ) => {
      const expected = row.under(fault, upstream);
      const report = (problem: string) =>
        findings.push({ route, upstream, fault, problem });
      if (res.status !== expected.status) {
        report(
          `status ${res.status}, expected ${expected.status}: ${res.text.slice(
            0,
            300,
          )}`,
        );
      }
      for (const mention of expected.mentions) {
        if (!mention.test(res.text)) {
          report(`does not say ${mention}; ${messagesOf(res.text)}`);
        }
      }
      if (written > 0) {
        report(`${written} writes reached the sandbox`);
      }
    };

    // Live routes: the fault is on while the route runs.
    for (const [route, row] of Object.entries(ROUTE_FAULTS)) {
      for (const upstream of row.live) {
        for (const [fault, behaviour] of Object.entries(FAULT_CLASSES)) {
          await sandboxControl(sandbox, 'POST', '/behaviour', {
            upstream,
            ...behaviour,
          });
          try {
            const before = await counters();
            const stored = revisions();
            const res = await callRoute(server, route, alice);
            const after = await counters();
            check(
              route,
              row,
              upstream,
              fault as FaultClass,
              res,
              row.dryRun
                ? storedWritesSince(stored)
                : writesSince(before, after),
            );
          } finally {
            await sandboxControl(sandbox, 'DELETE', '/behaviour');
          }
        }
      }
    }

    // Routes served from what the health refresh stored: the fault is on
    // during a refresh, then every such route is read.
    const storeRoutes = Object.entries(ROUTE_FAULTS).filter(
      ([, row]) => row.refreshed?.length,
    );
    const storeUpstreams = [
      ...new Set(storeRoutes.flatMap(([, row]) => row.refreshed ?? [])),
    ];
    for (const upstream of storeUpstreams) {
      for (const [fault, behaviour] of Object.entries(FAULT_CLASSES)) {
        await sandboxControl(sandbox, 'POST', '/behaviour', {
          upstream,
          ...behaviour,
        });
        try {
          await refreshHealth();
        } finally {
          await sandboxControl(sandbox, 'DELETE', '/behaviour');
        }
        for (const [route, row] of storeRoutes) {
          if (!row.refreshed?.includes(upstream)) continue;
          const res = await callRoute(server, route, alice);
          check(route, row, upstream, fault as FaultClass, res, 0);
        }
      }
    }
    await refreshHealth();

    expect(
      findings.map(
        f => `${f.route} × ${f.upstream} × ${f.fault}: ${f.problem}`,
      ),
    ).toEqual([]);
  });
});

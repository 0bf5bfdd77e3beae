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
import { Sandbox } from '@platform-portal/platform-sandbox';
import {
  ClusterHealthResponse,
  FleetHealthResponse,
} from '@platform-portal/plugin-platform-common';
import request from 'supertest';
import { platformPlugin } from './plugin';
import { captureScheduler } from './__testUtils__/captureScheduler';
import { sandboxPlatformConfig } from './__testUtils__/sandboxPlatformConfig';
import { sandboxControl } from './__testUtils__/sandboxControl';
import { startUpstreamSandbox } from './__testUtils__/startUpstreamSandbox';
import { platformTestDatabases } from './__testUtils__/testDatabases';

jest.setTimeout(120_000);

const FAULTY = 'staging-1';
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/**
 * One sandbox fault on one cluster's Kubernetes API, and what the portal
 * must say about the layers it breaks.
 */
const FAULTS: Array<[string, Record<string, unknown>, RegExp]> = [
  ['500', { errorRate: 1, errorStatus: 500 }, /answered HTTP 500/],
  ['503', { errorRate: 1, errorStatus: 503 }, /answered HTTP 503/],
  ['malformed JSON', { malformedJson: true }, /sent malformed JSON/],
  [
    '410 Gone',
    { gone: true },
    /answered HTTP 410 \(.*too old resource version/,
  ],
  [
    'endless paging',
    { endlessPaging: true },
    /kept paging \(.* after 20 pages\)/,
  ],
  [
    'cross-host redirect',
    { redirectTo: 'http://127.0.0.1:7651' },
    /redirected to another host, which is refused \(redirect to http:\/\/127\.0\.0\.1:7651\)/,
  ],
  [
    'huge body',
    { hugeBodyBytes: 40 * 1024 * 1024 },
    new RegExp(`larger than the ${MAX_RESPONSE_BYTES}-byte limit`),
  ],
];

type Verdicts = Record<string, Record<string, string>>;

function secretsIn(value: unknown): string[] {
  if (typeof value === 'string') {
    return [value];
  }
  return value && typeof value === 'object'
    ? Object.values(value).flatMap(secretsIn)
    : [];
}

describe('health refresh while one cluster’s Kubernetes API misbehaves', () => {
  const databases = platformTestDatabases();
  let sandbox: Sandbox;
  let server: any;
  const { module: schedulerCapture, refreshHealth } = captureScheduler();
  let stopBackend: () => Promise<void>;
  let baseline: Verdicts;

  const control = (method: string, path: string, body?: unknown) =>
    sandboxControl(sandbox, method, path, body);

  const verdicts = async (): Promise<Verdicts> => {
    const res = await request(server).get('/api/platform/health');
    expect(res.status).toBe(200);
    const fleet: FleetHealthResponse = res.body;
    return Object.fromEntries(
      fleet.clusters.map(c => [
        c.cluster,
        Object.fromEntries(c.layers.map(l => [l.layer, l.verdict])),
      ]),
    );
  };

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    const base = sandboxPlatformConfig(sandbox);
    const knex = await databases.init('SQLITE_3');
    const backend = await startTestBackend({
      features: [
        platformPlugin,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            ...base,
            platform: {
              ...base.platform,
              clients: {
                // Generous: a loaded machine must not turn a healthy cluster unknown.
                timeoutMs: 4000,
                maxRetries: 0,
                // The circuit would turn every fault into "circuit open"; this suite wants the fault itself.
                breakerFailures: 100_000,
                maxResponseBytes: MAX_RESPONSE_BYTES,
                maxListPages: 20,
              },
            },
          },
        }),
        schedulerCapture,
      ],
    });
    server = backend.server;
    stopBackend = () => backend.stop();
    // The first refresh also warms the clients up (discovery, connections).
    await refreshHealth();
    await refreshHealth();
    baseline = await verdicts();
  });

  afterAll(async () => {
    await stopBackend?.();
    await sandbox?.stop();
  });

  afterEach(async () => {
    await control('DELETE', '/behaviour');
  });

  /**
   * Sets the behaviour on the faulty cluster, refreshes, checks that every
   * other cluster kept its verdicts and returns the faulty cluster's layers
   * whose verdict changed.
   */
  const refreshUnder = async (
    behaviour: Record<string, unknown>,
    upstream = 'kubernetes',
  ) => {
    await control('POST', '/behaviour', {
      upstream,
      cluster: FAULTY,
      ...behaviour,
    });
    // The refresh finishes: every call has a deadline, a size and a page limit.
    await refreshHealth();

    const now = await verdicts();
    for (const cluster of Object.keys(baseline).filter(c => c !== FAULTY)) {
      expect({ cluster, layers: now[cluster] }).toEqual({
        cluster,
        layers: baseline[cluster],
      });
    }
    const faulty: ClusterHealthResponse = (
      await request(server).get(`/api/platform/health/${FAULTY}`)
    ).body;
    // The reason carries no credential of the cluster.
    const body = JSON.stringify(faulty);
    for (const secret of secretsIn(sandbox.credentials.kubernetes[FAULTY])) {
      expect(body).not.toContain(secret);
    }
    return faulty.layers.filter(l => l.verdict !== baseline[FAULTY][l.layer]);
  };

  it.each(FAULTS)(
    '%s: the backend answers, the cluster’s broken layers are unknown with the reason, the others are untouched',
    async (_name, behaviour, reason) => {
      const changed = await refreshUnder(behaviour);
      expect(changed.length).toBeGreaterThan(0);
      for (const layer of changed) {
        expect({ layer: layer.layer, verdict: layer.verdict }).toEqual({
          layer: layer.layer,
          verdict: 'unknown',
        });
        expect(layer.reason).toMatch(
          new RegExp(`Kubernetes API of cluster ${FAULTY} `),
        );
        expect(layer.reason).toMatch(reason);
      }
    },
  );

  it.each([
    ['hang', { hang: true }, 'timeout', /did not answer in time/],
    ['refuse', { refuse: true }, 'refused', /could not be reached/],
    ['slow', { latencyMs: 10_000 }, 'timeout', /did not answer in time/],
  ])(
    '%s: the API cannot be reached, so the cluster is critical once, with the cause, and its layers keep their last known verdicts',
    async (_name, behaviour, errorClass, message) => {
      // The last known verdicts are those of a healthy refresh, not of the
      // previous test's fault.
      await refreshHealth();
      const changed = await refreshUnder(behaviour);
      expect(changed.map(l => l.layer)).toEqual([]);
      const faulty: ClusterHealthResponse = (
        await request(server).get(`/api/platform/health/${FAULTY}`)
      ).body;
      expect(faulty.verdict).toBe('critical');
      expect(faulty.unreachable).toMatchObject({ errorClass });
      expect(faulty.unreachable!.message).toMatch(
        new RegExp(`Kubernetes API of cluster ${FAULTY} `),
      );
      expect(faulty.unreachable!.message).toMatch(message);
      expect(faulty.layers.some(l => l.lastKnown)).toBe(true);
    },
  );

  it.each([
    ['malformed JSON', { malformedJson: true }, /sent malformed JSON/],
    [
      'huge body',
      { hugeBodyBytes: 40 * 1024 * 1024 },
      new RegExp(`larger than the ${MAX_RESPONSE_BYTES}-byte limit`),
    ],
  ])(
    '%s from Keepalived: only the external-lb layer turns unknown, with the reason',
    async (_name, behaviour, reason) => {
      const changed = await refreshUnder(behaviour, 'keepalived');
      expect(changed.map(l => [l.layer, l.verdict])).toEqual([
        ['external-lb', 'unknown'],
      ]);
      expect(changed[0].reason).toMatch(/Keepalived/);
      expect(changed[0].reason).toMatch(reason);
    },
  );

  it('dropped watch: changes nothing, as the portal lists rather than watches', async () => {
    const changed = await refreshUnder({ dropWatches: true });
    expect(changed.map(l => l.layer)).toEqual([]);
  });
});

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

import { ConfigReader } from '@backstage/config';
import { Sandbox } from '@platform-portal/platform-sandbox';
import { readPlatformConfig, UpstreamId } from '../config/readPlatformConfig';
import { FAULT_CLASSES, FaultClass } from '../__testUtils__/faultExpectations';
import { sandboxPlatformConfig } from '../__testUtils__/sandboxPlatformConfig';
import { startUpstreamSandbox } from '../__testUtils__/startUpstreamSandbox';
import { UpstreamPolicies } from './resilience/UpstreamPolicies';
import { UpstreamClients } from './UpstreamClients';

jest.setTimeout(60_000);

/** Each client's main read, its upstream, and a check that a good answer was understood. */
interface ClientCase {
  name: string;
  /** The sandbox simulates no Dex: the real one answers in dexEndpoints.realdex.test.ts. */
  upstream: Exclude<UpstreamId, 'dex'>;
  /** The words its errors use for the upstream. */
  label: RegExp;
  read(clients: UpstreamClients, cluster: string): Promise<unknown>;
  understood(value: any): void;
}

const CASES: ClientCase[] = [
  {
    name: 'Alertmanager firing alerts',
    upstream: 'alertmanager',
    label: /Alertmanager/,
    read: c => c.alertmanager()!.firing([]),
    understood: v => expect(Array.isArray(v.data)).toBe(true),
  },
  {
    name: 'Alertmanager receivers',
    upstream: 'alertmanager',
    label: /Alertmanager/,
    read: c => c.alertmanager()!.receivers(),
    understood: v =>
      expect(v.data.map((r: { name: string }) => typeof r.name)).toContain(
        'string',
      ),
  },
  {
    name: 'GitLab runners',
    upstream: 'gitlab',
    label: /GitLab/,
    read: c => c.gitlab()!.runners(),
    understood: v => expect(v.data.length).toBeGreaterThan(0),
  },
  {
    name: 'Grafana dashboards',
    upstream: 'grafana',
    label: /Grafana/,
    read: c => c.grafana()!.allDashboards(),
    understood: v => expect(v.length).toBeGreaterThan(0),
  },
  {
    name: 'HAProxy stats',
    upstream: 'haproxy',
    label: /HAProxy stats/,
    read: (c, cluster) => c.haproxy(cluster)!.stats(),
    understood: v =>
      expect(
        v.data.some((r: { svname: string }) => r.svname === 'BACKEND'),
      ).toBe(true),
  },
  {
    name: 'Keepalived nodes',
    upstream: 'keepalived',
    label: /Keepalived/,
    read: (c, cluster) => c.keepalived(cluster)!.nodes(),
    understood: v => expect(v.data.length).toBeGreaterThan(0),
  },
  {
    name: 'Nexus repositories',
    upstream: 'nexus',
    label: /Nexus/,
    read: c => c.nexus()!.repositories(),
    understood: v => expect(v.data.length).toBeGreaterThan(0),
  },
  {
    name: 'Nexus component search',
    upstream: 'nexus',
    label: /Nexus/,
    read: c =>
      c.nexusSearch()!.components('docker', 'team-payments/payments-api'),
    understood: v => expect(v.length).toBeGreaterThan(0),
  },
  {
    name: 'Prometheus instant query',
    upstream: 'prometheus',
    label: /Prometheus/,
    read: c => c.prometheus()!.query('up'),
    understood: v => expect(v.data.length).toBeGreaterThan(0),
  },
];

/** What a client's error is under each fault: its HTTP status and the words that say why. */
const EXPECTED: Record<FaultClass, { status: number; says: RegExp }> = {
  '5xx': { status: 503, says: /503/ },
  '401': { status: 401, says: /401|credentials|token/i },
  '403': { status: 403, says: /403|refused|rights|permission/i },
  'malformed body': {
    status: 503,
    says: /malformed JSON|not HAProxy stats CSV/,
  },
  refused: { status: 503, says: /could not be reached/ },
  'hang past the deadline': { status: 503, says: /did not answer in time/ },
  'cross-host redirect': { status: 503, says: /redirected to another host/ },
};

describe('upstream clients against the sandbox: a good answer understood, every fault named', () => {
  let sandbox: Sandbox;
  let cluster: string;
  let clients: () => UpstreamClients;

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    const config = readPlatformConfig(
      new ConfigReader(sandboxPlatformConfig(sandbox)),
    );
    // A fresh set per case: no circuit or cache carries over. No retries and
    // a short deadline, so a hang ends in a second.
    clients = () =>
      new UpstreamClients(
        config,
        new UpstreamPolicies({
          maxRetries: 0,
          timeoutMs: 1_500,
          breakerFailures: 100_000,
        }),
      );
    const probe = clients();
    const withLoadBalancer = config.clusters.find(
      c => probe.haproxy(c.name) && probe.keepalived(c.name),
    );
    if (!withLoadBalancer) {
      throw new Error(
        'The sandbox config has no cluster with HAProxy and Keepalived',
      );
    }
    cluster = withLoadBalancer.name;
  });
  afterAll(() => sandbox?.stop());
  afterEach(() => sandbox.control.resetBehaviour());

  it.each(CASES.map(c => [c.name, c] as const))(
    '%s: the sandbox answer is understood',
    async (_name, c) => {
      const value = await c.read(clients(), cluster);
      expect(value).toBeDefined();
      c.understood(value);
    },
  );

  const faultCases = CASES.flatMap(c =>
    (Object.keys(FAULT_CLASSES) as FaultClass[]).map(
      fault => [c.name, fault, c] as const,
    ),
  );

  it.each(faultCases)('%s under %s', async (_name, fault, c) => {
    sandbox.control.setBehaviour(
      { upstream: c.upstream },
      FAULT_CLASSES[fault],
    );
    const error = await c.read(clients(), cluster).then(
      () => undefined,
      (e: Error & { response?: { statusCode?: number } }) => e,
    );
    expect(error).toBeDefined();
    const status =
      (
        { AuthenticationError: 401, NotAllowedError: 403 } as Record<
          string,
          number
        >
      )[error!.name] ?? (error!.name === 'ServiceUnavailableError' ? 503 : 500);
    expect({ status, message: error!.message }).toEqual({
      status: EXPECTED[fault].status,
      message: expect.stringMatching(EXPECTED[fault].says),
    });
    expect(error!.message).toMatch(c.label);
    expect(error!.message).toMatch(
      new RegExp(`platform\\.upstreams\\.${c.upstream}`),
    );
  });
});

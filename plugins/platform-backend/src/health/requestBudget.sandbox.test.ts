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

import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Sandbox } from '@platform-portal/platform-sandbox';
import { UpstreamClients } from '../clients/UpstreamClients';
import { UpstreamPolicies } from '../clients/resilience/UpstreamPolicies';
import { readPlatformConfig } from '../config/readPlatformConfig';
import { sandboxControl } from '../__testUtils__/sandboxControl';
import { sandboxPlatformConfig } from '../__testUtils__/sandboxPlatformConfig';
import { startUpstreamSandbox } from '../__testUtils__/startUpstreamSandbox';
import { builtInChecks } from './checks';
import { HealthEngine } from './HealthEngine';
import {
  REQUESTS_PER_CLUSTER_REFRESH,
  SHARED_REQUESTS_PER_REFRESH,
} from './requestBudget';

jest.setTimeout(120_000);

/** Upstreams the sandbox counts under each cluster it serves. */
const PER_CLUSTER_UPSTREAMS = ['kubernetes', 'haproxy', 'keepalived'];

describe('upstream requests of one refresh', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  /** Refreshes the named clusters once, from cold, and returns the sandbox's counters. */
  async function refresh(names: string[]) {
    const config = readPlatformConfig(
      new ConfigReader(sandboxPlatformConfig(sandbox)),
    );
    const clusters = config.clusters.filter(c => names.includes(c.name));
    const clients = new UpstreamClients(config, new UpstreamPolicies());
    const engine = new HealthEngine({
      clients,
      clusters,
      checks: () => builtInChecks(clients),
      settings: config.health,
      logger: mockServices.logger.mock(),
    });
    await sandboxControl(sandbox, 'DELETE', '/counters');
    let stored = 0;
    await engine.evaluateFleet(undefined, async (_cluster, layers) => {
      stored += layers.length;
    });
    expect(stored).toBe(13 * names.length);
    const counters = await sandboxControl(sandbox, 'GET', '/counters');
    const perCluster = (name: string) =>
      Object.entries((counters.byCluster[name] ?? {}) as Record<string, number>)
        .filter(([key]) => PER_CLUSTER_UPSTREAMS.includes(key.split(':')[0]))
        .reduce((sum, [, count]) => sum + count, 0);
    const shared = Object.entries(counters.byUpstream as Record<string, number>)
      .filter(([upstream]) => !PER_CLUSTER_UPSTREAMS.includes(upstream))
      .reduce((sum, [, count]) => sum + count, 0);
    return { perCluster, shared };
  }

  it('stays within the per-cluster budget, and the shared reads do not grow with the fleet', async () => {
    const one = await refresh(['prod-eu-1']);
    expect(one.perCluster('prod-eu-1')).toBeGreaterThan(0);
    expect(one.perCluster('prod-eu-1')).toBeLessThanOrEqual(
      REQUESTS_PER_CLUSTER_REFRESH,
    );
    expect(one.shared).toBeLessThanOrEqual(SHARED_REQUESTS_PER_REFRESH);

    const names = ['prod-eu-1', 'prod-eu-2', 'staging-1', 'onprem-kubeadm-1'];
    const four = await refresh(names);
    for (const name of names) {
      expect(four.perCluster(name)).toBeLessThanOrEqual(
        REQUESTS_PER_CLUSTER_REFRESH,
      );
    }
    expect(four.shared).toBeLessThanOrEqual(SHARED_REQUESTS_PER_REFRESH);
  });
});

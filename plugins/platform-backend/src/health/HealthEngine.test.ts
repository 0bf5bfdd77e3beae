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
import { PlatformHealthCheck } from '@platform-portal/plugin-platform-node';
import { UpstreamClients } from '../clients/UpstreamClients';
import { UpstreamPolicies } from '../clients/resilience/UpstreamPolicies';
import { readPlatformConfig } from '../config/readPlatformConfig';
import { HealthEngine } from './HealthEngine';

const config = readPlatformConfig(
  new ConfigReader({
    platform: {
      clusters: [
        {
          name: 'a',
          provisioner: 'kubeadm',
          kubernetes: { url: 'http://127.0.0.1:1' },
        },
        {
          name: 'b',
          provisioner: 'rke2',
          kubernetes: { url: 'http://127.0.0.1:1' },
        },
      ],
    },
  }),
);

function engine(checks: PlatformHealthCheck[]) {
  return new HealthEngine({
    clients: new UpstreamClients(config, new UpstreamPolicies()),
    clusters: config.clusters,
    checks: () => checks,
    settings: {
      concurrency: 2,
      perClusterConcurrency: 2,
      maxRequestsInFlight: 4,
      maxRequestsInFlightPerCluster: 2,
    },
    logger: mockServices.logger.mock(),
  });
}

const fixed = (
  id: string,
  layer: PlatformHealthCheck['layer'],
  verdict: 'ok' | 'warning' | 'critical',
): PlatformHealthCheck => ({
  id,
  layer,
  title: id,
  async run() {
    return { verdict, message: `${id} says ${verdict}`, evidence: [] };
  },
});

describe('HealthEngine', () => {
  it('gives every cluster all 13 layers, the worst check deciding, and never ok without a check', async () => {
    const results = new Map<
      string,
      Awaited<ReturnType<HealthEngine['evaluateCluster']>>
    >();
    await engine([
      fixed('storage.one', 'storage', 'ok'),
      fixed('storage.two', 'storage', 'warning'),
      fixed('security.one', 'security', 'critical'),
    ]).evaluateFleet(undefined, async (cluster, layers) => {
      results.set(cluster, layers);
    });
    expect([...results.keys()].sort()).toEqual(['a', 'b']);
    const layers = results.get('a')!;
    expect(layers).toHaveLength(13);
    expect(layers.find(l => l.layer === 'storage')?.verdict).toBe('warning');
    expect(layers.find(l => l.layer === 'security')?.verdict).toBe('critical');
    const gitops = layers.find(l => l.layer === 'gitops')!;
    expect(gitops.verdict).toBe('unknown');
    expect(gitops.reason).toBe(
      'No check covers this layer on this cluster yet',
    );
  });

  it('turns a check that throws into unknown with its message as the reason', async () => {
    const failing: PlatformHealthCheck = {
      id: 'cicd.broken',
      layer: 'cicd',
      title: 'broken',
      async run() {
        throw new Error('GitLab of cluster a could not be reached');
      },
    };
    const layers = await engine([
      failing,
      fixed('cicd.fine', 'cicd', 'ok'),
    ]).evaluateCluster(config.clusters[0]);
    const cicd = layers.find(l => l.layer === 'cicd')!;
    expect(cicd.verdict).toBe('unknown');
    expect(cicd.reason).toBe('GitLab of cluster a could not be reached');
    expect(cicd.checks.map(c => c.verdict)).toEqual(['unknown', 'ok']);
  });

  it('runs a check only on the clusters it applies to', async () => {
    const onlyRke2: PlatformHealthCheck = {
      ...fixed('provisioning.rke2', 'provisioning', 'critical'),
      appliesTo: cluster => cluster.provisioner === 'rke2',
    };
    const run = engine([
      onlyRke2,
      fixed('provisioning.all', 'provisioning', 'ok'),
    ]);
    const a = await run.evaluateCluster(config.clusters[0]);
    const b = await run.evaluateCluster(config.clusters[1]);
    expect(a.find(l => l.layer === 'provisioning')?.verdict).toBe('ok');
    expect(b.find(l => l.layer === 'provisioning')?.verdict).toBe('critical');
  });

  it('still hands over the other clusters when storing one fails', async () => {
    const stored: string[] = [];
    await engine([fixed('storage.one', 'storage', 'ok')]).evaluateFleet(
      undefined,
      async cluster => {
        if (cluster === 'a') {
          throw new Error('database unavailable');
        }
        stored.push(cluster);
      },
    );
    expect(stored).toEqual(['b']);
  });
});

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
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import searchPlugin from '@backstage/plugin-search-backend';
import { Sandbox } from '@platform-portal/platform-sandbox';
import {
  FleetHealthResponse,
  LAYERS,
  RUNBOOKS,
} from '@platform-portal/plugin-platform-common';
import request from 'supertest';
import { platformPlugin } from '../plugin';
import { captureScheduler } from '../__testUtils__/captureScheduler';
import { sandboxPlatformConfig } from '../__testUtils__/sandboxPlatformConfig';
import { startUpstreamSandbox } from '../__testUtils__/startUpstreamSandbox';
import { platformTestDatabases } from '../__testUtils__/testDatabases';
import { searchModulePlatformCollators } from './searchModulePlatform';

jest.setTimeout(60_000);

interface SearchResult {
  type: string;
  document: { title: string; text: string; location: string; verdict?: string };
}

/** Every string under a key that names a credential, anywhere in the config. */
function secretValues(value: unknown, key = ''): string[] {
  if (typeof value === 'string') {
    return /token|password|secret|key$/i.test(key) && value.length >= 8
      ? [value]
      : [];
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      secretValues(v, Array.isArray(value) ? key : k),
    );
  }
  return [];
}

describe('search over the platform, through the Lunr engine', () => {
  const databases = platformTestDatabases();
  const { module: platformScheduler, refreshHealth } = captureScheduler();
  let searchScheduler: SchedulerService | undefined;
  let sandbox: Sandbox;
  let config: ReturnType<typeof sandboxPlatformConfig>;
  let server: any;
  let stopBackend: () => Promise<void>;
  let fleet: FleetHealthResponse;

  const search = async (term: string, types?: string[]) => {
    const res = await request(server)
      .get('/api/search/query')
      .query({ term, ...(types ? { types } : {}) });
    expect(res.status).toBe(200);
    return res.body.results as SearchResult[];
  };
  const indexed = (type: string) => search('*', [type]);

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    config = sandboxPlatformConfig(sandbox);
    const knex = await databases.init('SQLITE_3');
    const backend = await startTestBackend({
      features: [
        platformPlugin,
        searchPlugin,
        searchModulePlatformCollators,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({ data: config }),
        platformScheduler,
        createBackendModule({
          pluginId: 'search',
          moduleId: 'test-scheduler-capture',
          register(env) {
            env.registerInit({
              deps: { scheduler: coreServices.scheduler },
              async init(deps) {
                searchScheduler = deps.scheduler;
              },
            });
          },
        }),
      ],
    });
    server = backend.server;
    stopBackend = () => backend.stop();
    await refreshHealth();
    fleet = (await request(server).get('/api/platform/health')).body;
    await searchScheduler!.triggerTask('search_index_platform_cluster');
    await searchScheduler!.triggerTask('search_index_platform_runbook');
  });

  afterAll(async () => {
    await stopBackend?.();
    await sandbox?.stop();
  });

  it('indexes every cluster with its environment, provisioner and current verdict per layer', async () => {
    const clusters = await indexed('platform-cluster');
    expect(clusters.map(r => r.document.title).sort()).toEqual(
      fleet.clusters.map(c => c.cluster).sort(),
    );
    const staging = clusters.find(r => r.document.title === 'staging-1')!;
    const row = fleet.clusters.find(c => c.cluster === 'staging-1')!;
    expect(row.verdict).toBe('critical');
    expect(staging.document).toMatchObject({
      location: '/platform/clusters/staging-1',
      verdict: 'critical',
    });
    expect(staging.document.text).toContain('staging environment');
    expect(staging.document.text).toMatch(/provisioned with \S+/);
    expect(staging.document.text).toContain('Fleet verdict critical');
    const criticalLayers = row.layers
      .filter(l => l.verdict === 'critical')
      .map(l => LAYERS.find(d => d.id === l.layer)!.title);
    expect(criticalLayers.length).toBeGreaterThan(0);
    expect(staging.document.text).toContain(
      `Critical: ${criticalLayers.join(', ')}.`,
    );
  });

  it('indexes every runbook with its steps, linking to its anchor', async () => {
    const runbooks = await indexed('platform-runbook');
    expect(runbooks).toHaveLength(RUNBOOKS.length);
    const vip = runbooks.find(
      r => r.document.title === 'API VIP Down (HAProxy + Keepalived)',
    )!;
    expect(vip.document.location).toBe(
      '/platform/runbooks#runbook-api-vip-failover',
    );
    expect(vip.document.text).toContain('systemctl status keepalived haproxy');
  });

  it('puts no credential from the configuration in any document', async () => {
    const secrets = secretValues(config);
    expect(secrets.length).toBeGreaterThan(0);
    const documents = JSON.stringify([
      ...(await indexed('platform-cluster')),
      ...(await indexed('platform-runbook')),
    ]);
    for (const secret of secrets) {
      expect(documents).not.toContain(secret);
    }
    for (const cluster of config.platform.clusters) {
      expect(documents).not.toContain(cluster.kubernetes.url);
    }
  });

  it('ranks the cluster named exactly as searched first', async () => {
    for (const name of ['staging-1', 'prod-eu-2', 'edge-rke2-1']) {
      const results = await search(name);
      expect(results.length).toBeGreaterThan(1);
      expect(results[0]).toMatchObject({
        type: 'platform-cluster',
        document: { title: name },
      });
    }
  });

  it('finds a runbook by what it is about', async () => {
    const [first] = await search('keepalived');
    expect(first.document.title).toBe('API VIP Down (HAProxy + Keepalived)');
  });
});

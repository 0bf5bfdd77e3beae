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
  createBackendModule,
  coreServices,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { Sandbox } from '@platform-portal/platform-sandbox';
import { FleetHealthResponse } from '@platform-portal/plugin-platform-common';
import request from 'supertest';
import { platformPlugin } from '../../plugin';
import { captureScheduler } from '../../__testUtils__/captureScheduler';
import { sandboxControl } from '../../__testUtils__/sandboxControl';
import { sandboxPlatformConfig } from '../../__testUtils__/sandboxPlatformConfig';
import { startUpstreamSandbox } from '../../__testUtils__/startUpstreamSandbox';
import { platformTestDatabases } from '../../__testUtils__/testDatabases';
import { HEALTH_SIGNAL_CHANNEL } from '../publishHealthChanges';

jest.setTimeout(120_000);

const CLUSTER = 'prod-eu-1';

/** Resolves once `condition` holds; fails after `withinMs` (a bound, not a measurement). */
async function until(condition: () => Promise<boolean>, withinMs = 30_000) {
  const deadline = Date.now() + withinMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 100));
  }
}

/** What a signals subscriber (the signals backend) hears on the events bus. */
function signalListener() {
  const heard: Array<{ channel: string; message: any }> = [];
  return {
    heard,
    module: createBackendModule({
      pluginId: 'platform',
      moduleId: 'test-signal-listener',
      register(env) {
        env.registerInit({
          deps: { events: eventsServiceRef, logger: coreServices.logger },
          async init({ events }) {
            await events.subscribe({
              id: 'test-signal-listener',
              topics: ['signals'],
              onEvent: async ({ eventPayload }) => {
                heard.push(eventPayload as any);
              },
            });
          },
        });
      },
    }),
  };
}

describe('change-driven health refresh', () => {
  const databases = platformTestDatabases();
  let sandbox: Sandbox;
  let server: any;
  let stop: () => Promise<void>;
  const scheduler = captureScheduler();
  const signals = signalListener();

  const verdictOf = async (cluster: string, layer: string) => {
    const fleet: FleetHealthResponse = (
      await request(server).get('/api/platform/health')
    ).body;
    return fleet.clusters
      .find(c => c.cluster === cluster)
      ?.layers.find(l => l.layer === layer)?.verdict;
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
              // The poll would come in an hour: only a watch explains a change sooner.
              health: {
                refreshIntervalSeconds: 3600,
                watch: { enabled: true, debounceMs: 50, maxBackoffSeconds: 1 },
              },
            },
          },
        }),
        scheduler.module,
        signals.module,
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    await scheduler.refreshHealth();
  });

  afterAll(async () => {
    await stop?.();
    await sandbox?.stop();
  });

  afterEach(async () => {
    await sandboxControl(sandbox, 'DELETE', `/faults?cluster=${CLUSTER}`);
    await sandboxControl(sandbox, 'DELETE', '/behaviour');
  });

  it('turns a layer’s verdict after a fault without waiting for the poll, and tells open pages', async () => {
    expect(await verdictOf(CLUSTER, 'storage')).toBe('ok');
    const hardware = await verdictOf(CLUSTER, 'hardware');

    await sandboxControl(sandbox, 'POST', '/faults', {
      cluster: CLUSTER,
      id: 'longhorn-volume-faulted',
    });

    await until(async () => (await verdictOf(CLUSTER, 'storage')) !== 'ok');
    expect(await verdictOf(CLUSTER, 'storage')).toBe('critical');
    expect(await verdictOf(CLUSTER, 'hardware')).toBe(hardware);
    await until(async () =>
      signals.heard.some(
        s =>
          s.channel === HEALTH_SIGNAL_CHANNEL &&
          s.message.cluster === CLUSTER &&
          s.message.changes.some(
            (c: any) => c.layer === 'storage' && c.to === 'critical',
          ),
      ),
    );

    await sandboxControl(sandbox, 'DELETE', `/faults?cluster=${CLUSTER}`);
    await until(async () => (await verdictOf(CLUSTER, 'storage')) === 'ok');
  });

  it('still turns the verdict while the API server keeps dropping watches', async () => {
    expect(await verdictOf(CLUSTER, 'hardware')).toBe('ok');
    await sandboxControl(sandbox, 'POST', '/behaviour', {
      upstream: 'kubernetes',
      cluster: CLUSTER,
      dropWatches: true,
    });
    await sandboxControl(sandbox, 'POST', '/faults', {
      cluster: CLUSTER,
      id: 'node-not-ready',
    });

    await until(async () => (await verdictOf(CLUSTER, 'hardware')) !== 'ok');
  });
});

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
import { KubernetesClient } from '../../clients/kubernetes/KubernetesClient';
import { UpstreamPolicies } from '../../clients/resilience/UpstreamPolicies';
import { readPlatformConfig } from '../../config/readPlatformConfig';
import { sandboxControl } from '../../__testUtils__/sandboxControl';
import { sandboxPlatformConfig } from '../../__testUtils__/sandboxPlatformConfig';
import { startUpstreamSandbox } from '../../__testUtils__/startUpstreamSandbox';
import { Informer } from './Informer';

jest.setTimeout(60_000);

const CLUSTER = 'prod-eu-1';

/** Resolves once `condition` holds; fails after `withinMs` (a bound, not a measurement). */
async function until(condition: () => boolean, withinMs = 30_000) {
  const deadline = Date.now() + withinMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 50));
  }
}

const notReady = (nodes: any[] | undefined) =>
  (nodes ?? []).filter(
    n =>
      !n.status?.conditions?.some(
        (c: any) => c.type === 'Ready' && c.status === 'True',
      ),
  ).length;

describe('Informer against the sandbox’s Kubernetes API', () => {
  let sandbox: Sandbox;
  let informer: Informer;
  let changes = 0;

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    const { clusters } = readPlatformConfig(
      new ConfigReader(sandboxPlatformConfig(sandbox)),
    );
    const index = clusters.findIndex(c => c.name === CLUSTER);
    const client = new KubernetesClient(
      clusters[index],
      new UpstreamPolicies({ maxRetries: 0, timeoutMs: 5000 }),
      `platform.clusters[${index}]`,
    );
    informer = new Informer(
      'v1',
      'Node',
      client,
      {
        idleTimeoutMs: 3_000,
        watchTimeoutSeconds: 300,
        initialBackoffMs: 20,
        maxBackoffMs: 200,
        notServedRetryMs: 60_000,
      },
      () => changes++,
    );
    informer.start();
    await until(() => informer.connected);
  });

  afterAll(async () => {
    await informer?.stop();
    await sandbox?.stop();
  });

  afterEach(async () => {
    await sandboxControl(sandbox, 'DELETE', '/behaviour');
    await sandboxControl(sandbox, 'DELETE', `/faults?cluster=${CLUSTER}`);
    await until(() => informer.connected && notReady(informer.items()) === 0);
  });

  it('lists once, then sees a node turn NotReady through the watch', async () => {
    expect(informer.stats.lists).toBe(1);
    expect(notReady(informer.items())).toBe(0);
    const before = changes;

    await sandboxControl(sandbox, 'POST', '/faults', {
      cluster: CLUSTER,
      id: 'node-not-ready',
    });

    await until(() => notReady(informer.items()) === 1);
    expect(changes).toBeGreaterThan(before);
    expect(informer.stats.lists).toBe(1);
  });

  it('resumes a watch the server drops from the last resourceVersion, without listing again', async () => {
    const lists = informer.stats.lists;
    const watches = informer.stats.watches;
    await sandboxControl(sandbox, 'POST', '/behaviour', {
      upstream: 'kubernetes',
      cluster: CLUSTER,
      dropWatches: true,
    });
    await sandboxControl(sandbox, 'POST', '/faults', {
      cluster: CLUSTER,
      id: 'node-not-ready',
    });

    await until(
      () =>
        informer.stats.watches > watches + 1 &&
        notReady(informer.items()) === 1,
    );
    expect(informer.stats.lists).toBe(lists);
  });

  it('lists again when the watch’s resourceVersion has expired (410 Gone), and catches up', async () => {
    const relists = informer.stats.relists;
    const lists = informer.stats.lists;
    // Drop the open watch so the next one meets the 410.
    await sandboxControl(sandbox, 'POST', '/behaviour', {
      upstream: 'kubernetes',
      cluster: CLUSTER,
      gone: true,
      dropWatches: true,
    });
    await until(() => informer.stats.relists > relists);
    await sandboxControl(sandbox, 'POST', '/faults', {
      cluster: CLUSTER,
      id: 'node-not-ready',
    });
    await sandboxControl(sandbox, 'DELETE', '/behaviour');

    await until(() => informer.connected && notReady(informer.items()) === 1);
    expect(informer.stats.lists).toBeGreaterThan(lists);
  });
});

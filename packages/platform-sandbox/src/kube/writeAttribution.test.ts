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

import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { Sandbox } from '../server/startSandbox';
import { startTestSandbox } from '../server/testSupport';

const CLUSTER = 'prod-eu-1';

jest.setTimeout(30_000);

describe('which changes a request made', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  it('names the requesting user on API writes and no one on the controllers\' writes', async () => {
    const kc = new KubeConfig();
    kc.loadFromString(sandbox.kubeconfig());
    kc.setCurrentContext(CLUSTER);
    const store = sandbox.fleet.cluster(CLUSTER)!.store;
    const before = store.resourceVersion;

    await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: 'attribution' } } });
    // The namespace controller and the rest keep writing as simulated time passes.
    for (let i = 0; i < 12; i++) sandbox.clock.advance(5_000);

    const changes = store.changesSince(before);
    const byRequest = changes.filter(change => change.by !== undefined);
    expect(byRequest.map(change => [change.type, change.resource, change.object.metadata.name, change.by])).toEqual([
      ['ADDED', 'namespaces', 'attribution', expect.stringMatching(/\S/)],
    ]);
    expect(changes.length).toBeGreaterThan(byRequest.length);
  });
});

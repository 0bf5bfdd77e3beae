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

import { kubeFetch } from '../server/kubeFetch';
import { join } from 'node:path';
import { Sandbox } from '../server/startSandbox';
import { startTestSandbox } from '../server/testSupport';
import { fixtureDifferences, loadFixtures } from '../upstreams/__testUtils__/upstreamFixtures';

jest.setTimeout(60_000);

const FIXTURES = loadFixtures(join(__dirname, 'fixtures', 'cluster-api'));

/** Cluster API objects as the management cluster serves them, held to cluster-api's types in both served versions. */
describe('Cluster API status held to kubernetes-sigs/cluster-api', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });

  afterAll(() => sandbox.stop());

  it.each(FIXTURES.map(f => [f.name, f] as const))('%s', async (_name, fixture) => {
    const cluster = fixture.request.cluster!;
    const response = await kubeFetch(sandbox, cluster, `${fixture.request.path}`, {
      headers: { Authorization: `Bearer ${sandbox.credentials.kubernetes[cluster].admin}` },
    });
    const answer = { status: response.status, headers: response.headers, text: await response.text() };
    expect(fixtureDifferences(fixture, answer)).toEqual([]);
  });
});

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

import { join } from 'node:path';
import { createTestContext, startTestServer, TestServer, TEST_CREDENTIALS } from '../__testUtils__/testServer';
import { FixtureRequest, fixtureDifferences, loadFixtures } from '../__testUtils__/upstreamFixtures';
import { ARGOCD_VERSIONS, argocdVersionOf } from '../../scenario/upstreamVersions';
import { defaultFleet } from '../../scenario/defaultFleet';
import { createArgoCdSimulator } from './ArgoCdSimulator';

const FIXTURES = loadFixtures(join(__dirname, 'fixtures'));

const TOKENS: Record<string, string | undefined> = {
  admin: TEST_CREDENTIALS.argocdToken,
  reader: TEST_CREDENTIALS.argocdReadOnlyToken,
  none: undefined,
};

/** Each answer Argo CD's own source gives, asked of the simulator in the release its cluster runs. */
describe('Argo CD simulator held to argoproj/argo-cd', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer([createArgoCdSimulator(createTestContext())]);
  });

  afterEach(() => server.close());

  const ask = (request: FixtureRequest) => {
    const token = TOKENS[request.auth ?? 'admin'];
    return fetch(`${server.baseUrl}/argocd/${request.cluster}${request.path}`, {
      method: request.method,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...request.headers },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
  };

  it('has a fixture for every supported release, each asked of a cluster running that release', () => {
    const clusters = defaultFleet().clusters;
    for (const fixture of FIXTURES) {
      const cluster = clusters.find(c => c.name === fixture.request.cluster)!;
      expect({ fixture: fixture.name, version: argocdVersionOf(cluster) }).toEqual({
        fixture: fixture.name,
        version: fixture.source.version,
      });
    }
    const covered = new Set(FIXTURES.filter(f => f.name.endsWith('list-applications')).map(f => f.source.version));
    expect([...covered].sort()).toEqual([...ARGOCD_VERSIONS].sort());
  });

  it.each(FIXTURES.map(f => [f.name, f] as const))('%s', async (_name, fixture) => {
    for (const step of fixture.setup ?? []) {
      expect((await ask(step)).status).toBeLessThan(300);
    }
    const response = await ask(fixture.request);
    const answer = { status: response.status, headers: response.headers, text: await response.text() };
    expect(fixtureDifferences(fixture, answer)).toEqual([]);
  });
});

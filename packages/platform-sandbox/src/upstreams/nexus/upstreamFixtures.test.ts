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
import { createTestContext, startTestServer, TEST_CREDENTIALS } from '../__testUtils__/testServer';
import { fixtureDifferences, FixtureRequest, loadFixtures } from '../__testUtils__/upstreamFixtures';
import { createNexusSimulator } from './NexusSimulator';

const FIXTURES = loadFixtures(join(__dirname, 'fixtures'));

const BASIC = `Basic ${Buffer.from(`${TEST_CREDENTIALS.nexusUsername}:${TEST_CREDENTIALS.nexusPassword}`).toString('base64')}`;

/** Each answer Nexus's own source gives (search pages, continuation, refusals), asked of the simulator. */
describe('Nexus simulator held to sonatype/nexus-public', () => {
  it.each(FIXTURES.map(f => [f.name, f] as const))('%s', async (_name, fixture) => {
    const searchPageSize = fixture.sandbox?.searchPageSize as number | undefined;
    const server = await startTestServer([createNexusSimulator(createTestContext(), searchPageSize ? { searchPageSize } : {})]);
    // A request may carry the continuation token the previous answer gave.
    let continuationToken = '';
    const ask = (request: FixtureRequest) =>
      fetch(`${server.baseUrl}/nexus${request.path.replace('{continuationToken}', continuationToken)}`, {
        method: request.method,
        headers: request.auth === 'admin' ? { Authorization: BASIC } : {},
      });
    try {
      for (const step of fixture.setup ?? []) {
        const answer = await ask(step);
        expect(answer.status).toBe(200);
        continuationToken = (await answer.json()).continuationToken;
        expect(continuationToken).toEqual(expect.any(String));
      }
      const response = await ask(fixture.request);
      const answer = { status: response.status, headers: response.headers, text: await response.text() };
      expect(fixtureDifferences(fixture, answer)).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

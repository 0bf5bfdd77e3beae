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

import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createTestContext, startTestServer, TEST_CREDENTIALS } from '../__testUtils__/testServer';
import { fixtureDifferences, FixtureRequest, LoadedFixture, loadFixtures } from '../__testUtils__/upstreamFixtures';
import { parsePath } from '../shared/http';
import { RateLimit } from './rateLimiter';
import { createGitLabSimulator } from './GitLabSimulator';
import { sendOffsetPage } from './pagination';

const FIXTURES = loadFixtures(join(__dirname, 'fixtures'));

const TOKENS: Record<string, string | undefined> = {
  admin: TEST_CREDENTIALS.gitlabToken,
  wrong: 'glpat-wrong',
  none: undefined,
};

/** A server with only the offset paginator, over a list longer than GitLab counts. */
async function startListServer(length: number) {
  const items = Array.from({ length }, (_, i) => ({ id: i + 1 }));
  const server = createServer((req, res) => {
    sendOffsetPage(req, res, parsePath(req.url ?? '/').query, items, item => item);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

async function startFor(fixture: LoadedFixture) {
  const listLength = fixture.sandbox?.listLength as number | undefined;
  if (listLength) return startListServer(listLength);
  const ctx = createTestContext();
  const behaviour = fixture.sandbox?.behaviour as Record<string, number> | undefined;
  if (behaviour) ctx.control.setBehaviour({ upstream: 'gitlab', cluster: '*' }, behaviour);
  const rateLimit = fixture.sandbox?.rateLimit as RateLimit | undefined;
  const server = await startTestServer([createGitLabSimulator(ctx, rateLimit ? { rateLimit } : {})]);
  return { baseUrl: `${server.baseUrl}/gitlab`, close: () => server.close() };
}

/** Each answer GitLab's own source gives (errors, throttling, pagination headers), asked of the simulator. */
describe('GitLab simulator held to gitlabhq/gitlabhq', () => {
  it.each(FIXTURES.map(f => [f.name, f] as const))('%s', async (_name, fixture) => {
    const server = await startFor(fixture);
    const ask = (request: FixtureRequest) => {
      const token = TOKENS[request.auth ?? 'none'];
      return fetch(`${server.baseUrl}${request.path}`, {
        method: request.method,
        headers: { ...(token ? { 'PRIVATE-TOKEN': token } : {}), ...request.headers },
      });
    };
    try {
      for (const step of fixture.setup ?? []) {
        expect((await ask(step)).status).toBe(200);
      }
      const response = await ask(fixture.request);
      const answer = { status: response.status, headers: response.headers, text: await response.text() };
      expect(fixtureDifferences(fixture, answer)).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

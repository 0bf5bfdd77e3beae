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
import { fixtureDifferences, loadFixtures } from '../__testUtils__/upstreamFixtures';
import { createGrafanaSimulator } from './GrafanaSimulator';

const FIXTURES = loadFixtures(join(__dirname, 'fixtures'));

/** The answers the portal reads, held to Grafana's own types. */
describe('Grafana simulator held to grafana/grafana', () => {
  it.each(FIXTURES.map(f => [f.name, f] as const))('%s', async (_name, fixture) => {
    const server = await startTestServer([createGrafanaSimulator(createTestContext())]);
    try {
      const response = await fetch(`${server.baseUrl}/grafana${fixture.request.path}`, {
        method: fixture.request.method,
        headers: fixture.request.auth === 'admin' ? { Authorization: `Bearer ${TEST_CREDENTIALS.grafanaToken}` } : {},
      });
      const answer = { status: response.status, headers: response.headers, text: await response.text() };
      expect(fixtureDifferences(fixture, answer)).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

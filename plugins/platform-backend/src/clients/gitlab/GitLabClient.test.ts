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

import { Sandbox } from '@platform-portal/platform-sandbox';
import { startUpstreamSandbox } from '../../__testUtils__/startUpstreamSandbox';
import { UpstreamHttpClient } from '../http/UpstreamHttpClient';
import { UpstreamPolicies } from '../resilience/UpstreamPolicies';
import { GitLabClient } from './GitLabClient';

jest.setTimeout(60_000);

describe('GitLabClient against the sandbox', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
  });

  afterEach(() => sandbox.control.resetBehaviour());

  afterAll(() => sandbox?.stop());

  const client = () =>
    new GitLabClient(
      new UpstreamHttpClient({
        target: {
          upstream: 'GitLab',
          hint: 'platform.upstreams.gitlab',
          secrets: [sandbox.credentials.gitlabToken],
        },
        baseUrl: `${sandbox.url}/gitlab`,
        headers: { 'PRIVATE-TOKEN': sandbox.credentials.gitlabToken },
        // Rack::Attack asks for up to a minute; the portal waits for none of it here.
        policies: new UpstreamPolicies({
          timeoutMs: 2000,
          maxRetries: 1,
          maxRetryAfterMs: 100,
        }),
      }),
    );

  it("reads a branch's pipelines newest first", async () => {
    const project = await client().projectByPath('team-payments/payments-api');
    const pipelines = await client().pipelines(project.id, 'main', 3);
    expect(pipelines.data.length).toBeGreaterThan(0);
    const ids = pipelines.data.map(p => p.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it("names GitLab's throttling (a text/plain 429 with Retry-After), without parsing its body", async () => {
    sandbox.control.setBehaviour(
      { upstream: 'gitlab', cluster: '*' },
      { errorRate: 1, errorStatus: 429 },
    );
    const error = await client()
      .projectByPath('team-payments/payments-api')
      .catch(e => e);
    expect(error.name).toBe('ServiceUnavailableError');
    expect(error.message).toContain(
      'GitLab is rate limiting the portal (HTTP 429)',
    );
    expect(error.message).toContain('platform.upstreams.gitlab');
  });
});

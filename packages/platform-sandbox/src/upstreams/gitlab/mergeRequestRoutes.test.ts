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

import { Gitlab } from '@gitbeaker/rest';
import { createTestContext, startTestServer, TestServer } from '../__testUtils__/testServer';
import { createGitLabSimulator } from './GitLabSimulator';

const ADMIN = 'glpat-test-token';

describe('GitLab simulator: merge requests', () => {
  let server: TestServer;
  let api: string;

  beforeEach(async () => {
    server = await startTestServer([createGitLabSimulator(createTestContext())]);
    api = `${server.baseUrl}/gitlab/api/v4`;
  });

  afterEach(() => server.close());

  const get = (path: string) => fetch(`${api}${path}`, { headers: { 'PRIVATE-TOKEN': ADMIN } });
  const project = encodeURIComponent('team-payments/payments-api');

  it('lists open merge requests of feature branches, paged like every list', async () => {
    const res = await get(`/projects/${project}/merge_requests?state=opened`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-total')).toBe('2');
    const open = await res.json();
    expect(open).toHaveLength(2);
    for (const mr of open) {
      expect(mr).toMatchObject({ state: 'opened', target_branch: 'main' });
      expect(mr.source_branch).toMatch(/^feature\//);
      expect(mr.web_url).toBe(`https://gitlab.apps.example.internal/team-payments/payments-api/-/merge_requests/${mr.iid}`);
    }
    const all = await (await get(`/projects/${project}/merge_requests?state=all&per_page=100`)).json();
    expect(all.length).toBeGreaterThan(open.length);
    expect(all.filter((mr: any) => mr.state === 'merged').length).toBe(all.length - 2);
  });

  it("lists a merge request's pipelines newest first, all on its source branch", async () => {
    const [mr] = await (await get(`/projects/${project}/merge_requests?state=opened`)).json();
    const res = await get(`/projects/${project}/merge_requests/${mr.iid}/pipelines`);
    expect(res.status).toBe(200);
    const pipelines = await res.json();
    expect(pipelines.length).toBeGreaterThan(0);
    expect(pipelines.every((p: any) => p.ref === mr.source_branch && p.source === 'merge_request_event')).toBe(true);
    const ids = pipelines.map((p: any) => p.id);
    expect(ids).toEqual([...ids].sort((a: number, b: number) => b - a));
  });

  it('answers GitLab errors: 404 for an unknown merge request, 400 for a bad state', async () => {
    const missing = await get(`/projects/${project}/merge_requests/9999/pipelines`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: '404 Not found' });
    const bad = await get(`/projects/${project}/merge_requests?state=open`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'state does not have a valid value' });
  });

  it('serves gitbeaker, which follows the Link header', async () => {
    const gitbeaker = new Gitlab({ host: `${server.baseUrl}/gitlab`, token: ADMIN });
    const open = await gitbeaker.MergeRequests.all({ projectId: 'team-payments/payments-api', state: 'opened' });
    expect(open).toHaveLength(2);
  });
});

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

import { Gitlab, GitbeakerRetryError } from '@gitbeaker/rest';
import fc from 'fast-check';
import { createTestContext, startTestServer, TestServer } from '../__testUtils__/testServer';
import { UpstreamContext } from '../types';
import { developerToken, readApiToken } from './assumptions';
import { createGitLabSimulator, GitLabSimulator } from './GitLabSimulator';
import { PIPELINES_PER_PROJECT } from './seedData';

const ADMIN = 'glpat-test-token';

describe('GitLab simulator', () => {
  let ctx: UpstreamContext;
  let sim: GitLabSimulator;
  let server: TestServer;
  let api: string;

  beforeEach(async () => {
    ctx = createTestContext();
    sim = createGitLabSimulator(ctx);
    server = await startTestServer([sim]);
    api = `${server.baseUrl}/gitlab/api/v4`;
  });

  afterEach(() => server.close());

  const get = (path: string, headers: Record<string, string> = { 'PRIVATE-TOKEN': ADMIN }) =>
    fetch(`${api}${path}`, { headers });
  const client = (token = ADMIN) => new Gitlab({ host: `${server.baseUrl}/gitlab`, token });

  describe('auth', () => {
    it.each([
      ['no header', {}],
      ['a wrong PRIVATE-TOKEN', { 'PRIVATE-TOKEN': 'glpat-wrong' }],
      ['a wrong bearer token', { Authorization: 'Bearer glpat-wrong' }],
    ])('answers /user with 401 and GitLab body for %s', async (_, headers) => {
      const res = await get('/user', headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ message: '401 Unauthorized' });
    });

    it('accepts the token as PRIVATE-TOKEN and as Bearer', async () => {
      const variants: Record<string, string>[] = [{ 'PRIVATE-TOKEN': ADMIN }, { Authorization: `Bearer ${ADMIN}` }];
      for (const headers of variants) {
        const res = await get('/user', headers);
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ id: 1, username: 'sandbox-admin', is_admin: true });
      }
    });

    it('lists only public projects anonymously but refuses a wrong token there', async () => {
      const anonymous = await (await get('/projects', {})).json();
      expect(anonymous.map((p: any) => p.visibility)).toEqual(['public']);
      expect((await get('/projects', { 'PRIVATE-TOKEN': 'nope' })).status).toBe(401);
    });

    it('hides a private project from a non-admin with 404, not 403', async () => {
      const res = await get('/projects/platform%2Fgitops-apps', { 'PRIVATE-TOKEN': developerToken(ADMIN) });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ message: '404 Project Not Found' });
      expect((await get('/projects/platform%2Fgitops-apps')).status).toBe(200);
    });

    it('refuses writes to a read_api token with 403 insufficient_scope, but lets it read', async () => {
      const readOnly = { 'PRIVATE-TOKEN': readApiToken(ADMIN), 'Content-Type': 'application/json' };
      expect((await get('/projects/platform%2Fgitops-apps', readOnly)).status).toBe(200);
      const res = await fetch(`${api}/projects`, { method: 'POST', headers: readOnly, body: JSON.stringify({ name: 'x' }) });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({
        error: 'insufficient_scope',
        error_description: 'The request requires higher privileges than provided by the access token.',
        scope: 'api',
      });
    });

    it('refuses /runners/all to a non-admin with 403', async () => {
      const res = await get('/runners/all', { 'PRIVATE-TOKEN': developerToken(ADMIN) });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ message: '403 Forbidden' });
    });
  });

  describe('projects', () => {
    it('finds a project by numeric id and by URL-encoded path', async () => {
      const byPath = await (await get('/projects/team-payments%2Fpayments-api')).json();
      expect(byPath).toMatchObject({ path_with_namespace: 'team-payments/payments-api', default_branch: 'main' });
      const byId = await (await get(`/projects/${byPath.id}`)).json();
      expect(byId.path_with_namespace).toBe('team-payments/payments-api');
      const missing = await get('/projects/99999');
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ message: '404 Project Not Found' });
    });

    it('pages with x-* headers so that every project appears exactly once', async () => {
      const all = sim.state.visibleProjects(sim.state.users[0]).map(p => p.id).sort();
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 8 }), async perPage => {
          const seen: number[] = [];
          let page = '1';
          while (page) {
            const res = await get(`/projects?per_page=${perPage}&page=${page}`);
            expect(res.headers.get('x-total')).toBe(String(all.length));
            expect(res.headers.get('x-total-pages')).toBe(String(Math.ceil(all.length / perPage)));
            expect(res.headers.get('x-per-page')).toBe(String(perPage));
            expect(res.headers.get('x-page')).toBe(page);
            seen.push(...(await res.json()).map((p: any) => p.id));
            page = res.headers.get('x-next-page') ?? '';
          }
          expect([...seen].sort()).toEqual(all);
          expect(new Set(seen).size).toBe(seen.length);
        }),
        { numRuns: 8 },
      );
    });

    it('lets gitbeaker page through all projects, offset and keyset', async () => {
      const expected = sim.state.visibleProjects(sim.state.users[0]).map(p => p.id).sort();
      const offset = await client().Projects.all({ perPage: 2 });
      expect(offset.map(p => p.id).sort()).toEqual(expected);
      const keyset = await client().Projects.all({ pagination: 'keyset', orderBy: 'id', sort: 'asc', perPage: 3 });
      expect(keyset.map(p => p.id)).toEqual(expected);
    });

    it('rejects keyset paging ordered by anything but id, and bad order_by', async () => {
      expect((await get('/projects?pagination=keyset&order_by=name')).status).toBe(405);
      const bad = await get('/projects?order_by=stars');
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({ error: 'order_by does not have a valid value' });
    });
  });

  describe('pipelines and jobs', () => {
    it('lets gitbeaker page through every pipeline once, with pagination info', async () => {
      const project = await client().Projects.show('team-payments/payments-api');
      const pipelines = await client().Pipelines.all(project.id, { perPage: 7 });
      expect(pipelines).toHaveLength(PIPELINES_PER_PROJECT);
      expect(new Set(pipelines.map(p => p.id)).size).toBe(PIPELINES_PER_PROJECT);
      const expanded = await client().Pipelines.all(project.id, { perPage: 7, page: 2, showExpanded: true });
      expect(expanded.paginationInfo).toEqual({
        total: PIPELINES_PER_PROJECT,
        next: 3,
        current: 2,
        previous: 1,
        perPage: 7,
        totalPages: 5,
      });
      expect(expanded.data).toHaveLength(7);
    });

    it('filters by ref and status and rejects unknown status values', async () => {
      const project = await client().Projects.show('team-storefront/storefront-web');
      const tags = await client().Pipelines.all(project.id, { scope: 'tags' });
      expect(tags.every(p => p.ref.startsWith('v'))).toBe(true);
      const failed = await client().Pipelines.all(project.id, { status: 'failed' });
      expect(failed.every(p => p.status === 'failed')).toBe(true);
      const bad = await get(`/projects/${project.id}/pipelines?status=passed`);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({ error: 'status does not have a valid value' });
    });

    it('reports pipeline-failing on the newest main pipelines and recovers when cleared', async () => {
      const project = await client().Projects.show('team-payments/orders-service');
      const latest = () => get(`/projects/${project.id}/pipelines/latest?ref=main`).then(r => r.json());
      expect((await latest()).status).toBe('success');
      ctx.control.injectFault('prod-eu-1', { id: 'pipeline-failing', target: 'orders-service' });
      const failing = await latest();
      expect(failing.status).toBe('failed');
      const jobs = await client().Jobs.all(project.id, { pipelineId: failing.id });
      expect(jobs.find(j => j.name === 'unit-test')).toMatchObject({ status: 'failed', failure_reason: 'script_failure' });
      ctx.control.clearFault('prod-eu-1', 'pipeline-failing');
      expect((await latest()).status).toBe('success');
    });
  });

  it('pages project jobs with keyset links, newest first, every job once', async () => {
    const project = await client().Projects.show('team-payments/payments-api');
    const ids: number[] = [];
    let next: string | undefined = `${api}/projects/${project.id}/jobs?pagination=keyset&per_page=40`;
    while (next) {
      const res: Response = await fetch(next, { headers: { 'PRIVATE-TOKEN': ADMIN } });
      expect(res.headers.get('x-total')).toBeNull();
      ids.push(...(await res.json()).map((j: any) => j.id));
      next = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
    }
    expect(ids).toHaveLength(PIPELINES_PER_PROJECT * 5);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
  });

  describe('runners', () => {
    it('reports runners on a cluster with gitlab-runner-offline as offline, live', async () => {
      const runners = await client().Runners.all();
      const edge = runners.find(r => r.description === 'edge-rke2-1 kubernetes runner')!;
      expect(edge).toMatchObject({ status: 'offline', online: false });
      const online = await client().Runners.all({ status: 'online' } as any);
      expect(online.map(r => r.id)).not.toContain(edge.id);
      ctx.control.clearFault('edge-rke2-1', 'gitlab-runner-offline');
      const detail = await (await get(`/runners/${edge.id}`)).json();
      expect(detail).toMatchObject({ status: 'online', tag_list: ['kubernetes', 'edge-rke2-1'] });
      ctx.control.injectFault('mgmt', { id: 'gitlab-runner-offline', target: 'stale' });
      const stale = await (await get('/runners/all?status=stale')).json();
      const onMgmt = sim.state.runners.filter(r => r.cluster === 'mgmt').map(r => r.id);
      expect(stale.map((r: any) => r.id).sort()).toEqual(onMgmt.sort());
      expect(stale.every((r: any) => r.status === 'stale')).toBe(true);
      const paused = await (await get('/runners/all?paused=true')).json();
      expect(paused.every((r: any) => r.paused)).toBe(true);
      const bad = await get('/runners/all?status=sleeping');
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({ error: 'status does not have a valid value' });
    });
  });

  describe('rate limiting', () => {
    /** Windows are aligned to the epoch, as Rack::Attack's; start each test at a window's beginning. */
    const startOfWindow = (seconds: number) => {
      const windowMs = seconds * 1000;
      ctx.clock.advance(windowMs - (ctx.clock.now().getTime() % windowMs));
    };

    it('answers 429 with Retry-After and RateLimit-* headers over the limit', async () => {
      sim.setRateLimit({ requests: 2, windowSeconds: 60 });
      startOfWindow(60);
      expect((await get('/user')).status).toBe(200);
      expect((await get('/user')).status).toBe(200);
      const res = await get('/user');
      expect(res.status).toBe(429);
      expect(await res.text()).toBe('Retry later\n');
      expect(res.headers.get('ratelimit-name')).toBe('throttle_authenticated_api');
      expect(res.headers.get('ratelimit-limit')).toBe('2');
      expect(res.headers.get('ratelimit-observed')).toBe('3');
      expect(res.headers.get('ratelimit-remaining')).toBe('0');
      const reset = Number(res.headers.get('ratelimit-reset'));
      const retryAfter = Number(res.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(reset).toBeGreaterThan(ctx.clock.now().getTime() / 1000);
      expect(new Date(res.headers.get('ratelimit-resettime')!).getTime()).toBe(reset * 1000);
      ctx.clock.advance(60_000);
      expect((await get('/user')).status).toBe(200);
    });

    it('makes gitbeaker retry 429 ten times and then give up', async () => {
      sim.setRateLimit({ requests: 1, windowSeconds: 3600 });
      startOfWindow(3600);
      await client().Users.showCurrentUser();
      ctx.control.resetCounters();
      await expect(client().Users.showCurrentUser()).rejects.toBeInstanceOf(GitbeakerRetryError);
      expect(ctx.control.readCounters().byUpstream.gitlab).toBe(10);
    });

    it('lets gitbeaker succeed once the window resets during its retries', async () => {
      sim.setRateLimit({ requests: 1, windowSeconds: 3600 });
      startOfWindow(3600);
      const original = sim.handle;
      let throttled = 0;
      sim.handle = async (req, res, path) => {
        await original(req, res, path);
        if (res.statusCode === 429 && ++throttled === 2) ctx.clock.advance(3600_000);
      };
      await client().Users.showCurrentUser();
      await expect(client().Users.showCurrentUser()).resolves.toMatchObject({ id: 1 });
      expect(throttled).toBe(2);
    });
  });

  describe('scaffolder publish flow', () => {
    it('creates a project in a group and commits files with actions', async () => {
      const api2 = client();
      const me = await api2.Users.showCurrentUser();
      expect(await api2.Users.show(me.id)).toMatchObject({ username: 'sandbox-admin' });
      const ns = await api2.Namespaces.show('team-payments');
      expect(ns).toMatchObject({ kind: 'group', full_path: 'team-payments' });
      const existing = await api2.Groups.allProjects('team-payments', { search: 'new-service' });
      expect(existing).toEqual([]);
      const created = await api2.Projects.create({ name: 'new-service', namespaceId: ns.id, visibility: 'private' });
      expect(created).toMatchObject({ path_with_namespace: 'team-payments/new-service', empty_repo: true });
      const commit = await api2.Commits.create(created.id, 'main', 'Initial commit', [
        { action: 'create', filePath: 'README.md', content: '# new-service\n' },
        { action: 'create', filePath: 'src/index.ts', content: Buffer.from('export {};\n').toString('base64'), encoding: 'base64' },
      ]);
      expect(commit.title).toBe('Initial commit');
      const member = await api2.ProjectMembers.add(created.id, 50, { userId: 2 });
      expect(member).toMatchObject({ id: 2, access_level: 50 });
      expect((await api2.Groups.allProjects('team-payments', { search: 'new-service' })).map(p => p.id)).toEqual([created.id]);
      const file = await api2.RepositoryFiles.show(created.id, 'src/index.ts', 'main');
      expect(Buffer.from(file.content, 'base64').toString()).toBe('export {};\n');
      const again = await fetch(`${api}/projects/${created.id}/repository/commits`, {
        method: 'POST',
        headers: { 'PRIVATE-TOKEN': ADMIN, 'Content-Type': 'application/json' },
        body: JSON.stringify({ branch: 'main', commit_message: 'dup', actions: [{ action: 'create', file_path: 'README.md', content: 'x' }] }),
      });
      expect(again.status).toBe(400);
      expect(await again.json()).toEqual({ message: 'A file with this name already exists' });
    });

    it('starts a pipeline for a commit with a CI file that runs on simulated time', async () => {
      const project = await client().Projects.show('team-storefront/storefront-web');
      const commit = await client().Commits.create(project.id, 'main', 'Bump image', [
        { action: 'update', filePath: 'README.md', content: '# storefront-web v2\n' },
      ]);
      const pipelineId = (commit as any).last_pipeline.id;
      const status = async () => (await client().Pipelines.show(project.id, pipelineId)).status;
      expect(await status()).toBe('pending');
      ctx.clock.advance(40_000);
      expect(await status()).toBe('running');
      ctx.clock.advance(120_000);
      expect(await status()).toBe('success');
      const latest = await (await get(`/projects/${project.id}/pipelines/latest?ref=main`)).json();
      expect(latest).toMatchObject({ id: pipelineId, sha: commit.id });
    });

    it('answers validation failures in GitLab shapes', async () => {
      const post = (body: unknown) =>
        fetch(`${api}/projects`, {
          method: 'POST',
          headers: { 'PRIVATE-TOKEN': ADMIN, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
      const missing = await post({ visibility: 'private' });
      expect(missing.status).toBe(400);
      expect(await missing.json()).toEqual({ error: 'name, path are missing, at least one parameter must be provided' });
      const duplicate = await post({ name: 'payments-api', namespace_id: sim.state.findNamespace('team-payments')!.id });
      expect(duplicate.status).toBe(400);
      expect(await duplicate.json()).toEqual({ message: { name: ['has already been taken'], path: ['has already been taken'] } });
      const noNamespace = await post({ name: 'x', namespace_id: 4242 });
      expect(noNamespace.status).toBe(404);
      expect(await noNamespace.json()).toEqual({ message: '404 Namespace Not Found' });
    });
  });

  it('fails with a GitLab error body when the control API sets errorRate 1', async () => {
    ctx.control.setBehaviour({ upstream: 'gitlab' }, { errorRate: 1, errorStatus: 503 });
    const res = await get('/projects');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ message: '503 Service Unavailable' });
    ctx.control.resetBehaviour();
    expect((await get('/projects')).status).toBe(200);
  });

  it('answers unknown API routes with GitLab 404 body', async () => {
    const res = await get('/nothing/here');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: '404 Not Found' });
  });
});

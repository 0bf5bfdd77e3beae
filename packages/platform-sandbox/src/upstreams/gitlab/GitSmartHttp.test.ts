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
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { createTestContext, startTestServer, TestServer } from '../__testUtils__/testServer';
import { developerToken, readApiToken } from './assumptions';
import { createGitLabSimulator, GitLabSimulator } from './GitLabSimulator';

jest.setTimeout(60_000);

const ADMIN = 'glpat-test-token';

describe('GitLab git smart HTTP', () => {
  let sim: GitLabSimulator;
  let server: TestServer;
  let work: string;

  beforeEach(async () => {
    sim = createGitLabSimulator(createTestContext());
    server = await startTestServer([sim]);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'gitlab-git-test-'));
  });

  afterEach(async () => {
    await server.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  const repoUrl = (project: string, token?: string) => {
    const url = new URL(`${server.baseUrl}/gitlab/${project}.git`);
    if (token) {
      url.username = 'oauth2';
      url.password = token;
    }
    return url.toString();
  };

  /** The real git CLI, without any configuration of the machine it runs on. */
  const gitCli = (args: string[], cwd = work) =>
    new Promise<{ code: number; stdout: string; stderr: string }>(resolve => {
      execFile(
        'git',
        ['-c', 'credential.helper=', '-c', 'user.name=Test', '-c', 'user.email=test@example.internal', ...args],
        {
          cwd,
          timeout: 30_000,
          env: { PATH: process.env.PATH, HOME: work, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' },
        },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });

  const api = (apiPath: string, init: RequestInit = {}, token = ADMIN) =>
    fetch(`${server.baseUrl}/gitlab/api/v4${apiPath}`, {
      ...init,
      headers: { 'PRIVATE-TOKEN': token, 'Content-Type': 'application/json', ...init.headers },
    });

  it('clones an example project with the git CLI and shows a pushed commit through the REST API', async () => {
    const clone = await gitCli(['clone', repoUrl('team-payments/payments-api', ADMIN), 'payments']);
    expect(clone).toMatchObject({ code: 0 });
    const dir = path.join(work, 'payments');
    expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe('# payments-api\n');
    const seeded = await (await api('/projects/team-payments%2Fpayments-api/repository/commits')).json();
    expect((await gitCli(['rev-parse', 'HEAD'], dir)).stdout.trim()).toBe(seeded[0].id);

    const other = path.join(work, 'other');
    expect(await gitCli(['clone', repoUrl('team-payments/payments-api', ADMIN), 'other'])).toMatchObject({ code: 0 });

    fs.mkdirSync(path.join(dir, 'deploy'));
    fs.writeFileSync(path.join(dir, 'deploy', 'values.yaml'), 'image: payments-api:2.0.0\n');
    expect(await gitCli(['add', '.'], dir)).toMatchObject({ code: 0 });
    expect(await gitCli(['commit', '-m', 'Bump the image'], dir)).toMatchObject({ code: 0 });
    const push = await gitCli(['push', 'origin', 'main'], dir);
    expect(push).toMatchObject({ code: 0 });
    const head = (await gitCli(['rev-parse', 'HEAD'], dir)).stdout.trim();

    const commits = await (await api('/projects/team-payments%2Fpayments-api/repository/commits')).json();
    expect(commits.map((c: { id: string; title: string }) => [c.id, c.title])).toEqual([
      [head, 'Bump the image'],
      [seeded[0].id, 'Initial commit'],
    ]);
    const raw = await api('/projects/team-payments%2Fpayments-api/repository/files/deploy%2Fvalues.yaml/raw?ref=main');
    expect(await raw.text()).toBe('image: payments-api:2.0.0\n');
    const tree = await (await api('/projects/team-payments%2Fpayments-api/repository/tree?recursive=true')).json();
    expect(tree.map((e: { path: string; type: string }) => `${e.type}:${e.path}`)).toContain('blob:deploy/values.yaml');
    const branch = await (await api('/projects/team-payments%2Fpayments-api/repository/branches/main')).json();
    expect(branch.commit.id).toBe(head);

    // An earlier clone fetches the pushed commit.
    expect(await gitCli(['fetch', 'origin'], other)).toMatchObject({ code: 0 });
    expect((await gitCli(['rev-parse', 'origin/main'], other)).stdout.trim()).toBe(head);
    expect((await gitCli(['show', 'origin/main:deploy/values.yaml'], other)).stdout).toContain('2.0.0');
  });

  it('takes an isomorphic-git push into a new project, as the scaffolder does, and fetches it back', async () => {
    const created = await api('/projects', {
      method: 'POST',
      body: JSON.stringify({ name: 'checkout', path: 'checkout', namespace_id: 1, visibility: 'internal' }),
    });
    expect(created.status).toBe(201);
    const project = await created.json();
    expect(project).toMatchObject({ empty_repo: true, default_branch: null });
    expect(project.http_url_to_repo).toBe(`${server.baseUrl}/gitlab/sandbox-admin/checkout.git`);

    const dir = path.join(work, 'skeleton');
    fs.mkdirSync(path.join(dir, 'deploy'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'catalog-info.yaml'), 'kind: Component\n');
    fs.writeFileSync(path.join(dir, 'deploy', 'service.yaml'), 'kind: Service\n');
    const onAuth = () => ({ username: 'oauth2', password: ADMIN });
    await git.init({ fs, dir, defaultBranch: 'main' });
    await git.add({ fs, dir, filepath: '.' });
    const author = { name: 'Scaffolder', email: 'scaffolder@backstage.io' };
    const sha = await git.commit({ fs, dir, message: 'initial commit', author, committer: author });
    const pushed = await git.push({ fs, http, dir, url: project.http_url_to_repo, remote: 'origin', onAuth });
    expect(pushed.ok).toBe(true);

    const after = await (await api(`/projects/${project.id}`)).json();
    expect(after).toMatchObject({ empty_repo: false, default_branch: 'main' });
    const file = await (await api(`/projects/${project.id}/repository/files/deploy%2Fservice.yaml?ref=main`)).json();
    expect(Buffer.from(file.content, 'base64').toString()).toBe('kind: Service\n');
    expect(file.last_commit_id).toBe(sha);

    const cloneDir = path.join(work, 'clone');
    await git.clone({ fs, http, dir: cloneDir, url: project.http_url_to_repo, onAuth });
    expect(fs.readFileSync(path.join(cloneDir, 'catalog-info.yaml'), 'utf8')).toBe('kind: Component\n');

    // The links a scaffolder task prints open pages in the browser.
    const page = await fetch(`${server.baseUrl}/gitlab/sandbox-admin/checkout`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain(`${server.baseUrl}/gitlab/sandbox-admin/checkout.git`);
    const blob = await fetch(`${server.baseUrl}/gitlab/sandbox-admin/checkout/-/blob/main/deploy/service.yaml`);
    expect(await blob.text()).toContain('kind: Service');
    expect((await fetch(`${server.baseUrl}/gitlab/sandbox-admin/checkout/-/blob/main/nothing.yaml`)).status).toBe(404);

    // A commit made through the REST API lands in the repository too.
    const commit = await api(`/projects/${project.id}/repository/commits`, {
      method: 'POST',
      body: JSON.stringify({
        branch: 'main',
        commit_message: 'Add the pipeline',
        actions: [{ action: 'create', file_path: '.gitlab-ci.yml', content: 'stages: [build]\n' }],
      }),
    });
    expect(commit.status).toBe(201);
    const apiSha = (await commit.json()).id;
    await git.pull({ fs, http, dir: cloneDir, ref: 'main', singleBranch: true, author, onAuth });
    expect(await git.resolveRef({ fs, dir: cloneDir, ref: 'HEAD' })).toBe(apiSha);
    expect(fs.readFileSync(path.join(cloneDir, '.gitlab-ci.yml'), 'utf8')).toBe('stages: [build]\n');
    const fsck = await gitCli(['fsck', '--strict'], cloneDir);
    expect(fsck).toMatchObject({ code: 0 });
  });

  describe('auth', () => {
    const refs = (project: string, service: string, headers: Record<string, string> = {}) =>
      fetch(`${server.baseUrl}/gitlab/${project}.git/info/refs?service=${service}`, { headers });
    const basic = (token: string) => ({ Authorization: `Basic ${Buffer.from(`oauth2:${token}`).toString('base64')}` });

    it('asks for credentials with 401 and a Basic challenge when none are sent', async () => {
      for (const service of ['git-upload-pack', 'git-receive-pack']) {
        const res = await refs('team-payments/payments-api', service);
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Basic realm="GitLab"');
      }
    });

    it('refuses a wrong token with 401 and the git CLI reports it', async () => {
      const res = await refs('team-payments/payments-api', 'git-upload-pack', basic('glpat-wrong'));
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Basic realm="GitLab"');
      const clone = await gitCli(['clone', repoUrl('team-payments/payments-api', 'glpat-wrong'), 'denied']);
      expect(clone.code).not.toBe(0);
      expect(clone.stderr).toMatch(/Authentication failed|Access denied/);
      expect(clone.stderr).not.toContain('glpat-wrong');
    });

    it('answers 404 for a project that does not exist or the token cannot see', async () => {
      const missing = await refs('team-payments/nothing-here', 'git-upload-pack', basic(ADMIN));
      expect(missing.status).toBe(404);
      expect(await missing.text()).toMatch(/could not be found/);
      const hidden = await refs('platform/gitops-apps', 'git-upload-pack', basic(developerToken(ADMIN)));
      expect(hidden.status).toBe(404);
      const clone = await gitCli(['clone', repoUrl('team-payments/nothing-here', ADMIN), 'missing']);
      expect(clone.code).not.toBe(0);
      expect(clone.stderr).toMatch(/could not be found|not found/i);
    });

    it('never shows the page of a private project to a signed-out browser', async () => {
      expect((await fetch(`${server.baseUrl}/gitlab/platform/gitops-apps`)).status).toBe(404);
      expect((await fetch(`${server.baseUrl}/gitlab/platform/platform-docs`)).status).toBe(200);
    });

    it('clones a public project anonymously but never pushes without a token', async () => {
      expect((await refs('platform/platform-docs', 'git-upload-pack')).status).toBe(200);
      expect((await refs('platform/platform-docs', 'git-receive-pack')).status).toBe(401);
      const clone = await gitCli(['clone', repoUrl('platform/platform-docs'), 'docs']);
      expect(clone).toMatchObject({ code: 0 });
    });

    it('refuses pushes with 403 to a read_api token and to a developer outside their namespace', async () => {
      for (const token of [readApiToken(ADMIN), developerToken(ADMIN)]) {
        const res = await refs('team-payments/payments-api', 'git-receive-pack', basic(token));
        expect(res.status).toBe(403);
        expect(await res.text()).toBe('You are not allowed to push code to this project.');
      }
      const developerRead = await refs('team-payments/payments-api', 'git-upload-pack', basic(developerToken(ADMIN)));
      expect(developerRead.status).toBe(200);
      expect(developerRead.headers.get('content-type')).toBe('application/x-git-upload-pack-advertisement');
    });
  });

  describe('the lookups publish:gitlab makes before it pushes', () => {
    const client = (token = ADMIN) => new Gitlab({ host: `${server.baseUrl}/gitlab`, token });
    const statusOf = (error: unknown) => (error as { cause?: { response?: Response } }).cause?.response?.status;

    it('finds a group or a user namespace by path and answers 404 for an unknown one', async () => {
      expect(await client().Namespaces.show('team-payments')).toMatchObject({ kind: 'group', full_path: 'team-payments' });
      expect(await client().Namespaces.show('sandbox-admin')).toMatchObject({ kind: 'user', id: 1 });
      const missing = await client()
        .Namespaces.show('no-such-group')
        .catch(error => error);
      expect(statusOf(missing)).toBe(404);
    });

    it('searches a namespace for an existing project by path, as skipExisting does', async () => {
      const inGroup = await client().Groups.allProjects('team-payments', { search: 'payments-api' });
      expect(inGroup.map(p => p.path)).toEqual(['payments-api']);
      expect(await client().Users.allProjects('sandbox-admin', { search: 'payments-api' })).toEqual([]);
      await client().Projects.create({ namespaceId: 1, name: 'scratch', path: 'scratch', visibility: 'private' });
      const mine = await client().Users.allProjects('sandbox-admin', { search: 'scratch' });
      expect(mine.map(p => [p.path, p.http_url_to_repo])).toEqual([
        ['scratch', `${server.baseUrl}/gitlab/sandbox-admin/scratch.git`],
      ]);
    });

    it('refuses a second project with the same path in a namespace', async () => {
      const again = await client()
        .Projects.create({ namespaceId: 1, name: 'scratch', path: 'scratch' })
        .then(() => client().Projects.create({ namespaceId: 1, name: 'scratch', path: 'scratch' }))
        .catch(error => error);
      expect(statusOf(again)).toBe(400);
    });
  });
});

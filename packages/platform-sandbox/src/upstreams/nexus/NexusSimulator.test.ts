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

import fc from 'fast-check';
import { createTestContext, startTestServer, TestServer } from '../__testUtils__/testServer';
import { UpstreamContext } from '../types';
import { createNexusSimulator } from './NexusSimulator';

const BASIC = { Authorization: `Basic ${Buffer.from('admin:nexus-test-password').toString('base64')}` };

describe('Nexus simulator', () => {
  let ctx: UpstreamContext;
  let server: TestServer;

  beforeEach(async () => {
    ctx = createTestContext();
    server = await startTestServer([createNexusSimulator(ctx, { searchPageSize: 7 })]);
  });

  afterEach(() => server.close());

  const get = (path: string, headers: Record<string, string> = BASIC) =>
    fetch(`${server.baseUrl}/nexus/service/rest/v1${path}`, { headers, redirect: 'manual' });

  /** Follows continuation tokens until null; returns every item and the number of pages. */
  async function collect(path: string): Promise<{ items: any[]; pages: number }> {
    const items: any[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const res = await get(`${path}${token ? `${sep}continuationToken=${token}` : ''}`);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body).toHaveProperty('continuationToken');
      items.push(...body.items);
      token = body.continuationToken;
      pages += 1;
    } while (token !== null);
    return { items, pages };
  }

  it('answers the status probes without auth and with empty bodies', async () => {
    const status = await get('/status', {});
    expect(status.status).toBe(200);
    expect(await status.text()).toBe('');
    expect((await get('/status/writable', {})).status).toBe(200);
  });

  it('refuses missing or wrong Basic credentials with 401 and WWW-Authenticate', async () => {
    const variants: Record<string, string>[] = [{}, { Authorization: `Basic ${Buffer.from('admin:wrong').toString('base64')}` }];
    for (const headers of variants) {
      const res = await get('/status/check', headers);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('BASIC realm="Sonatype Nexus Repository Manager"');
      expect(await res.text()).toBe('');
    }
  });

  it('reports nexus faults in the writable probe, status checks and blob stores, live', async () => {
    ctx.control.injectFault('mgmt', { id: 'nexus-not-writable' });
    expect((await get('/status/writable', {})).status).toBe(503);
    const checks = await (await get('/status/check')).json();
    expect(checks['Read-Only Detector']).toMatchObject({ healthy: false });
    ctx.control.clearFault('mgmt');
    expect((await get('/status/writable', {})).status).toBe(200);
    ctx.control.injectFault('mgmt', { id: 'nexus-blobstore-full' });
    expect((await get('/status/writable', {})).status).toBe(503);
    expect((await (await get('/status/check')).json())['Blob Stores'].healthy).toBe(false);
    expect((await (await get('/blobstores')).json())[0].availableSpaceInBytes).toBe(0);
  });

  it('lists repositories and their docker detail', async () => {
    const repos = await (await get('/repositories')).json();
    expect(repos.map((r: any) => r.name)).toEqual(expect.arrayContaining(['docker-hosted', 'helm-hosted', 'docker-proxy']));
    const detail = await (await get('/repositories/docker/hosted/docker-hosted')).json();
    expect(detail.docker).toMatchObject({ v1Enabled: false, forceBasicAuth: true });
    expect((await get('/repositories/docker/hosted/helm-hosted')).status).toBe(404);
  });

  it('holds every example image and chart in each published version', async () => {
    const docker = (await collect('/components?repository=docker-hosted')).items;
    const helm = (await collect('/components?repository=helm-hosted')).items;
    for (const c of ctx.fleet.components) {
      expect(docker.filter(i => i.name === c.image).map(i => i.version)).toEqual(c.versions);
      expect(helm.filter(i => i.name === c.chart).map(i => i.version)).toEqual(c.versions);
    }
    expect(docker[0]).toMatchObject({ format: 'docker', group: null, repository: 'docker-hosted' });
    expect(docker[0].assets[0].path).toBe(`v2/${docker[0].name}/manifests/${docker[0].version}`);
  });

  it('pages components and assets in 100s with a null token on the last page, every item once', async () => {
    const { items, pages } = await collect('/components?repository=docker-proxy');
    expect(items).toHaveLength(250);
    expect(pages).toBe(3);
    expect(new Set(items.map(i => i.id)).size).toBe(250);
    const group = await collect('/components?repository=docker-group');
    expect(group.items.length).toBe(250 + ctx.fleet.components.reduce((n, c) => n + c.versions.length, 0));
    const assets = await collect('/assets?repository=docker-proxy');
    expect(new Set(assets.items.map(a => a.id)).size).toBe(250);
  });

  it('pages search results so that every match appears exactly once (any filter)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('library/*', 'library/nginx', '*grafana*', 'team-*'), fc.constantFrom('', '&sort=version', '&sort=name&direction=desc'), async (name, sort) => {
        const { items } = await collect(`/search?format=docker&name=${encodeURIComponent(name)}${sort}`);
        const ids = items.map(i => i.id);
        expect(new Set(ids).size).toBe(ids.length);
        const pattern = new RegExp(`^${name.replace(/\*/g, '.*')}$`);
        expect(items.every(i => pattern.test(i.name))).toBe(true);
        expect(ids.length).toBeGreaterThan(0);
      }),
      { numRuns: 12 },
    );
    const tags = (await collect('/search?repository=docker-hosted&name=team-payments/payments-api&sort=version')).items;
    expect(tags.map(t => t.version)).toEqual(['1.5.0', '1.4.1', '1.4.0']);
  });

  it('answers the components error paths with upstream statuses', async () => {
    const missing = await get('/components');
    expect(missing.status).toBe(422);
    const unknown = await get('/components?repository=nope');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toBe('Unable to locate repository with id nope');
    const first = await (await get('/components?repository=docker-proxy')).json();
    const foreign = await get(`/components?repository=helm-hosted&continuationToken=${first.continuationToken}`);
    expect(foreign.status).toBe(400);
    expect((await get('/components/not-an-id')).status).toBe(422);
    expect((await get(`/components/${Buffer.from(`docker-hosted:${'0'.repeat(32)}`).toString('base64url')}`)).status).toBe(404);
  });

  it('redirects a single asset download and refuses ambiguous or empty searches', async () => {
    const one = await get('/search/assets/download?repository=helm-hosted&name=payments-api&version=1.4.0');
    expect(one.status).toBe(302);
    expect(one.headers.get('location')).toBe('https://nexus.apps.example.internal/repository/helm-hosted/payments-api-1.4.0.tgz');
    const many = await get('/search/assets/download?repository=helm-hosted&name=payments-api');
    expect(many.status).toBe(400);
    const none = await get('/search/assets/download?name=ghost');
    expect(none.status).toBe(404);
  });

  it('refuses deletes while read-only and deletes otherwise', async () => {
    const [component] = (await (await get('/components?repository=helm-proxy')).json()).items;
    ctx.control.injectFault('mgmt', { id: 'nexus-not-writable' });
    const refused = await fetch(`${server.baseUrl}/nexus/service/rest/v1/components/${component.id}`, { method: 'DELETE', headers: BASIC });
    expect(refused.status).toBe(503);
    ctx.control.clearFault('mgmt');
    const deleted = await fetch(`${server.baseUrl}/nexus/service/rest/v1/components/${component.id}`, { method: 'DELETE', headers: BASIC });
    expect(deleted.status).toBe(204);
    expect((await get(`/components/${component.id}`)).status).toBe(404);
  });

  it('fails with an empty body when the control API sets errorRate 1', async () => {
    ctx.control.setBehaviour({ upstream: 'nexus' }, { errorRate: 1, errorStatus: 503 });
    const res = await get('/status', {});
    expect(res.status).toBe(503);
    expect(await res.text()).toBe('');
  });
});

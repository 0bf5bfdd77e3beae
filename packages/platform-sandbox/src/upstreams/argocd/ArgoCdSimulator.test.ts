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

import { createTestContext, startTestServer, TestServer } from '../__testUtils__/testServer';
import { UpstreamContext } from '../types';
import { createArgoCdSimulator } from './ArgoCdSimulator';
import { PLATFORM_APPS, PROGRESSING_MS, SYNC_DURATION_MS } from './assumptions';

const TOKEN = 'argocd-test-token';

describe('Argo CD simulator', () => {
  let ctx: UpstreamContext;
  let server: TestServer;

  beforeEach(async () => {
    ctx = createTestContext();
    server = await startTestServer([createArgoCdSimulator(ctx)]);
  });

  afterEach(() => server.close());

  const url = (cluster: string, path: string) => `${server.baseUrl}/argocd/${cluster}${path}`;
  const get = (cluster: string, path: string, headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}` }) =>
    fetch(url(cluster, path), { headers });
  const post = (cluster: string, path: string, body: unknown) =>
    fetch(url(cluster, path), {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const app = async (cluster: string, name: string) => (await get(cluster, `/api/v1/applications/${name}`)).json();

  describe('auth', () => {
    it('serves /api/version without auth, with capitalised keys', async () => {
      const res = await fetch(url('mgmt', '/api/version'));
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ Version: expect.stringMatching(/^v3\./), Platform: 'linux/amd64' });
    });

    it('answers 401 code 16 without a session and with a bad token', async () => {
      const missing = await get('mgmt', '/api/v1/applications', {});
      expect(missing.status).toBe(401);
      expect(await missing.json()).toEqual({ error: 'no session information', code: 16, message: 'no session information' });
      const bad = await get('mgmt', '/api/v1/applications', { Authorization: 'Bearer a.b.c' });
      expect(bad.status).toBe(401);
      expect(await bad.json()).toMatchObject({ code: 16, message: 'invalid session: token signature is invalid' });
    });

    it('issues a session token for username and password that expires on simulated time', async () => {
      const wrong = await fetch(url('mgmt', '/api/v1/session'), {
        method: 'POST',
        body: JSON.stringify({ username: 'admin', password: 'nope' }),
      });
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toEqual({ error: 'Invalid username or password', code: 16, message: 'Invalid username or password' });
      const ok = await fetch(url('mgmt', '/api/v1/session'), {
        method: 'POST',
        body: JSON.stringify({ username: 'admin', password: 'argocd-test-password' }),
      });
      const { token } = await ok.json();
      expect((await get('mgmt', '/api/v1/applications', { Authorization: `Bearer ${token}` })).status).toBe(200);
      expect((await get('mgmt', '/api/v1/applications', { Cookie: `argocd.token=${token}` })).status).toBe(200);
      ctx.clock.advance(25 * 3600_000);
      const expired = await get('mgmt', '/api/v1/applications', { Authorization: `Bearer ${token}` });
      expect(expired.status).toBe(401);
      expect(await expired.json()).toMatchObject({ code: 16, message: 'invalid session: token has invalid claims: token is expired' });
    });
  });

  describe('list', () => {
    it('lists the components deployed on the cluster and the platform apps', async () => {
      const list = await (await get('prod-eu-2', '/api/v1/applications')).json();
      const names = list.items.map((i: any) => i.metadata.name).sort();
      expect(names).toEqual(['orders-service', 'payments-api', ...PLATFORM_APPS.map(a => a.name)].sort());
      expect(list.metadata.resourceVersion).toEqual(expect.any(String));
    });

    it('matches the app-selector annotation the catalog uses (app.kubernetes.io/name)', async () => {
      const list = await (await get('prod-eu-1', '/api/v1/applications?selector=app.kubernetes.io%2Fname%3Dpayments-api')).json();
      expect(list.items.map((i: any) => i.metadata.name)).toEqual(['payments-api']);
    });

    it('filters by selector and projects, and returns null items when nothing matches', async () => {
      const bySelector = await (await get('prod-eu-1', '/api/v1/applications?selector=team%3Dteam-payments')).json();
      expect(bySelector.items.map((i: any) => i.metadata.name).sort()).toEqual(['orders-service', 'payments-api']);
      const byProject = await (await get('prod-eu-1', '/api/v1/applications?projects=platform&projects=storefront')).json();
      expect(byProject.items.every((i: any) => ['platform', 'storefront'].includes(i.spec.project))).toBe(true);
      expect(byProject.items).toHaveLength(PLATFORM_APPS.length + 1);
      const none = await (await get('prod-eu-1', '/api/v1/applications?selector=team%20in%20(nobody)')).json();
      expect(none.items).toBeNull();
      const bad = await get('prod-eu-1', '/api/v1/applications?selector=%3D%3D%3D');
      // List wraps the parse error without a gRPC code: Unknown, HTTP 500.
      expect(bad.status).toBe(500);
      expect(await bad.json()).toMatchObject({ code: 2, message: expect.stringMatching(/^error parsing the selector: /) });
    });

    it('projects fields: only whitelisted items.* paths, no kind or apiVersion', async () => {
      const fields = 'items.metadata.name,items.status.sync.status,items.status.health,items.status.history,items.spec.project';
      const list = await (await get('prod-eu-2', `/api/v1/applications?fields=${fields}`)).json();
      expect(Object.keys(list).sort()).toEqual(['items', 'metadata']);
      const orders = list.items.find((i: any) => i.metadata.name === 'orders-service');
      expect(orders).toEqual({
        metadata: { name: 'orders-service' },
        spec: { project: 'payments' },
        status: { sync: { status: 'OutOfSync' }, health: { status: 'Healthy', lastTransitionTime: expect.any(String) } },
      });
      const excluded = await (await get('prod-eu-2', '/api/v1/applications?fields=-items.status.resources')).json();
      expect(excluded.items[0].status.resources).toBeUndefined();
      expect(excluded.items[0].status.history).toBeDefined();
    });
  });

  describe('403 versus 404', () => {
    it('answers 403 for a missing app without project and 404 with one', async () => {
      const noProject = await get('mgmt', '/api/v1/applications/ghost');
      expect(noProject.status).toBe(403);
      expect(await noProject.json()).toEqual({ error: 'permission denied', code: 7, message: 'permission denied' });
      const withProject = await get('mgmt', '/api/v1/applications/ghost?project=platform');
      expect(withProject.status).toBe(404);
      expect(await withProject.json()).toEqual({
        error: 'applications.argoproj.io "ghost" not found',
        code: 5,
        message: 'applications.argoproj.io "ghost" not found',
      });
      const otherProject = await get('mgmt', '/api/v1/applications/traefik?project=payments');
      expect(otherProject.status).toBe(404);
      expect((await post('mgmt', '/api/v1/applications/ghost/sync', {})).status).toBe(403);
      expect((await get('mgmt', '/api/v1/applications/ghost/resource-tree')).status).toBe(403);
    });
  });

  describe('faults', () => {
    it('reports scenario faults: OutOfSync on prod-eu-2, Degraded on edge-rke2-1', async () => {
      expect((await app('prod-eu-2', 'orders-service')).status.sync.status).toBe('OutOfSync');
      expect((await app('prod-eu-2', 'payments-api')).status.sync.status).toBe('Synced');
      const degraded = await app('edge-rke2-1', 'storefront-web');
      expect(degraded.status.health.status).toBe('Degraded');
      const tree = await (await get('edge-rke2-1', '/api/v1/applications/storefront-web/resource-tree')).json();
      const pods = tree.nodes.filter((n: any) => n.kind === 'Pod');
      expect(pods.some((p: any) => p.health.status === 'Degraded')).toBe(true);
      expect(tree.nodes.find((n: any) => n.kind === 'HTTPRoute').networkingInfo.externalURLs).toEqual(['https://shop.apps.example.internal']);
    });

    it('follows a sync-failed fault injected at run time', async () => {
      expect((await app('prod-eu-1', 'payments-api')).status.operationState).toBeUndefined();
      ctx.control.injectFault('prod-eu-1', { id: 'argocd-sync-failed', target: 'payments-api' });
      const failed = await app('prod-eu-1', 'payments-api');
      expect(failed.status.operationState.phase).toBe('Failed');
      expect(failed.status.sync.status).toBe('OutOfSync');
      await post('prod-eu-1', '/api/v1/applications/payments-api/sync', {});
      ctx.clock.advance(SYNC_DURATION_MS);
      expect((await app('prod-eu-1', 'payments-api')).status.operationState.phase).toBe('Failed');
      ctx.control.clearFault('prod-eu-1', 'argocd-sync-failed');
      await post('prod-eu-1', '/api/v1/applications/payments-api/sync', {});
      ctx.clock.advance(SYNC_DURATION_MS);
      const synced = await app('prod-eu-1', 'payments-api');
      expect(synced.status.operationState.phase).toBe('Succeeded');
      expect(synced.status.sync.status).toBe('Synced');
    });
  });

  describe('operations over simulated time', () => {
    it('syncs Running → Succeeded, Progressing → Healthy, and records history', async () => {
      const before = await app('prod-eu-2', 'orders-service');
      const started = await (await post('prod-eu-2', '/api/v1/applications/orders-service/sync', { prune: true })).json();
      expect(started.status.operationState.phase).toBe('Running');
      expect(started.status.health.status).toBe('Progressing');
      const busy = await post('prod-eu-2', '/api/v1/applications/orders-service/sync', {});
      expect(busy.status).toBe(400);
      expect(await busy.json()).toMatchObject({ code: 9, message: 'another operation is already in progress' });
      ctx.clock.advance(SYNC_DURATION_MS);
      const done = await app('prod-eu-2', 'orders-service');
      expect(done.status.operationState.phase).toBe('Succeeded');
      expect(done.status.sync.status).toBe('Synced');
      expect(done.status.health.status).toBe('Progressing');
      expect(done.status.history).toHaveLength(before.status.history.length + 1);
      ctx.clock.advance(PROGRESSING_MS);
      expect((await app('prod-eu-2', 'orders-service')).status.health.status).toBe('Healthy');
      ctx.control.injectFault('prod-eu-2', { id: 'argocd-app-out-of-sync', target: 'orders-service' });
      expect((await app('prod-eu-2', 'orders-service')).status.sync.status).toBe('OutOfSync');
    });

    it('rolls back to a history id when automated sync is off', async () => {
      const before = await app('prod-eu-1', 'payments-api');
      expect(before.status.summary.images).toEqual(['registry.apps.example.internal/team-payments/payments-api:1.5.0']);
      const first = before.status.history[0];
      const res = await post('prod-eu-1', '/api/v1/applications/payments-api/rollback', { id: first.id });
      expect(res.status).toBe(200);
      const running = await res.json();
      expect(running.status.operationState.phase).toBe('Running');
      expect(running.status.health.status).toBe('Progressing');
      ctx.clock.advance(SYNC_DURATION_MS);
      const after = await app('prod-eu-1', 'payments-api');
      expect(after.status.operationState.phase).toBe('Succeeded');
      expect(after.status.health.status).toBe('Progressing');
      expect(after.status.history).toHaveLength(before.status.history.length + 1);
      expect(after.status.history[after.status.history.length - 1].revision).toBe(first.revision);
      expect(after.status.summary.images).toEqual(['registry.apps.example.internal/team-payments/payments-api:1.4.0']);
      const unknown = await post('prod-eu-1', '/api/v1/applications/payments-api/rollback', { id: 99 });
      expect(unknown.status).toBe(400);
      expect(await unknown.json()).toMatchObject({ code: 3 });
    });

    it('refuses rollback while automated sync is on', async () => {
      const res = await post('staging-1', '/api/v1/applications/payments-api/rollback', { id: 0 });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        error: 'rollback cannot be initiated when auto-sync is enabled',
        code: 9,
        message: 'rollback cannot be initiated when auto-sync is enabled',
      });
    });
  });

  it('streams ADDED then MODIFIED events as a sync moves on simulated time', async () => {
    const abort = new AbortController();
    const res = await fetch(url('prod-eu-2', '/api/v1/stream/applications?name=orders-service'), {
      headers: { Authorization: `Bearer ${TOKEN}` },
      signal: abort.signal,
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const nextEvent = async () => {
      while (!buffer.includes('\n\n')) {
        const { value } = await reader.read();
        buffer += decoder.decode(value, { stream: true });
      }
      const end = buffer.indexOf('\n\n');
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      return JSON.parse(event.replace(/^data: /, '')).result;
    };
    const added = await nextEvent();
    expect(added.type).toBe('ADDED');
    expect(added.application.status.sync.status).toBe('OutOfSync');
    await post('prod-eu-2', '/api/v1/applications/orders-service/sync', {});
    const running = await nextEvent();
    expect(running).toMatchObject({ type: 'MODIFIED', application: { status: { operationState: { phase: 'Running' } } } });
    ctx.clock.advance(SYNC_DURATION_MS);
    const done = await nextEvent();
    expect(done.application.status.operationState.phase).toBe('Succeeded');
    expect(done.application.status.sync.status).toBe('Synced');
    abort.abort();
  });

  it('fails in Argo CD shape when the control API sets errorRate 1 for one cluster', async () => {
    ctx.control.setBehaviour({ upstream: 'argocd', cluster: 'mgmt' }, { errorRate: 1, errorStatus: 503 });
    const res = await get('mgmt', '/api/v1/applications');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ code: 14, error: expect.any(String), message: expect.any(String) });
    expect((await get('prod-eu-1', '/api/v1/applications')).status).toBe(200);
  });

  describe('projects', () => {
    it('lists default and one project per application project, and gets one by name', async () => {
      const list = await (await get('prod-eu-1', '/api/v1/projects')).json();
      const names = list.items.map((p: any) => p.metadata.name);
      expect(names).toEqual(['default', 'payments', 'platform', 'storefront']);
      expect(list.metadata.resourceVersion).toEqual(expect.any(String));
      const payments = await (await get('prod-eu-1', '/api/v1/projects/payments')).json();
      expect(payments.spec.destinations).toEqual([{ server: 'https://kubernetes.default.svc', namespace: 'payments' }]);
      expect(payments.spec.sourceRepos).toEqual(['https://gitlab.apps.example.internal/platform/gitops-apps.git']);
      const missing = await get('prod-eu-1', '/api/v1/projects/ghost');
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({
        error: 'appprojects.argoproj.io "ghost" not found',
        code: 5,
        message: 'appprojects.argoproj.io "ghost" not found',
      });
    });
  });

  describe('applicationsets', () => {
    it('lists the sets that generate the apps, filtered by project and selector, with their apps in status', async () => {
      const list = await (await get('prod-eu-1', '/api/v1/applicationsets')).json();
      expect(list.items.map((s: any) => s.metadata.name)).toEqual(['payments-apps', 'platform-apps', 'storefront-apps']);
      const payments = list.items.find((s: any) => s.metadata.name === 'payments-apps');
      expect(payments.spec.template.spec.project).toBe('payments');
      expect(payments.status.resources.map((r: any) => r.name)).toEqual(['orders-service', 'payments-api']);
      expect(payments.status.resources[0]).toMatchObject({ kind: 'Application', status: expect.any(String), health: { status: expect.any(String) } });
      const byProject = await (await get('prod-eu-1', '/api/v1/applicationsets?projects=platform')).json();
      expect(byProject.items.map((s: any) => s.metadata.name)).toEqual(['platform-apps']);
      const none = await (await get('prod-eu-1', '/api/v1/applicationsets?selector=app.kubernetes.io%2Fpart-of%3Dnobody')).json();
      expect(none.items).toBeNull();
      const one = await (await get('prod-eu-1', '/api/v1/applicationsets/platform-apps')).json();
      expect(one.spec.generators[0].list.elements).toContainEqual({ name: 'traefik', namespace: 'traefik' });
      const missing = await get('prod-eu-1', '/api/v1/applicationsets/ghost');
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({
        code: 5,
        message: 'error getting ApplicationSet: applicationset.argoproj.io "ghost" not found',
      });
    });
  });

  describe('RBAC of the readonly account', () => {
    const READONLY = { Authorization: 'Bearer argocd-readonly-test-token' };
    const postAs = (path: string, body: unknown) =>
      fetch(url('prod-eu-1', path), {
        method: 'POST',
        headers: { ...READONLY, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });

    it('reads applications, projects and applicationsets', async () => {
      expect((await get('prod-eu-1', '/api/v1/applications', READONLY)).status).toBe(200);
      expect((await get('prod-eu-1', '/api/v1/projects', READONLY)).status).toBe(200);
      expect((await get('prod-eu-1', '/api/v1/applicationsets', READONLY)).status).toBe(200);
    });

    it('gets permission denied naming the sync action, and the plain denial for rollback; nothing starts', async () => {
      const sync = await postAs('/api/v1/applications/payments-api/sync', {});
      expect(sync.status).toBe(403);
      const body = await sync.json();
      expect(body.code).toBe(7);
      expect(body.message).toMatch(
        /^permission denied: applications, sync, payments\/payments-api, sub: readonly:apiKey, iat: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
      );
      expect(body.error).toBe(body.message);
      const rollback = await postAs('/api/v1/applications/payments-api/rollback', { id: 0 });
      expect(rollback.status).toBe(403);
      expect(await rollback.json()).toEqual({ error: 'permission denied', code: 7, message: 'permission denied' });
      expect((await app('prod-eu-1', 'payments-api')).status.operationState).toBeUndefined();
    });
  });

  it('answers a browser at the UI address of an application with its sync and health, without a session', async () => {
    const page = await fetch(url('prod-eu-1', '/applications/argocd/payments-api'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('argocd/payments-api on prod-eu-1');
    expect(html).toMatch(/sync: (Synced|OutOfSync)/);
    expect(html).not.toContain(TOKEN);
    const unknown = await (await fetch(url('prod-eu-1', '/applications/argocd/new-service'))).text();
    expect(unknown).toContain('Not among the applications this simulated Argo CD tracks');
  });

  it('answers an unknown cluster with 404', async () => {
    const res = await get('nowhere', '/api/v1/applications');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'Not Found', code: 5, message: 'Not Found' });
  });
});

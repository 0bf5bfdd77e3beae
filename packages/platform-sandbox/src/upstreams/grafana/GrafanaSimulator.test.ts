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
import { FAULT_LAYERS } from '../../scenario/types';
import { createTestContext, startTestServer, TestServer } from '../__testUtils__/testServer';
import { UpstreamContext } from '../types';
import { createGrafanaSimulator } from './GrafanaSimulator';

const AUTH = { Authorization: 'Bearer glsa_test_token' };

describe('Grafana simulator', () => {
  let ctx: UpstreamContext;
  let server: TestServer;

  beforeEach(async () => {
    ctx = createTestContext();
    server = await startTestServer([createGrafanaSimulator(ctx)]);
  });

  afterEach(() => server.close());

  const get = (path: string, headers: Record<string, string> = AUTH) =>
    fetch(`${server.baseUrl}/grafana${path}`, { headers });

  it('answers /api/health without auth', async () => {
    const res = await get('/api/health', {});
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ database: 'ok', version: expect.any(String) });
  });

  it('answers 401 with a JSON message without or with a wrong token', async () => {
    const missing = await get('/api/search', {});
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ message: 'Unauthorized' });
    const wrong = await get('/api/search', { Authorization: 'Bearer glsa_wrong' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ message: 'Invalid API key' });
  });

  it('searches by type, tag, folder and text', async () => {
    const folders = await (await get('/api/search?type=dash-folder')).json();
    expect(folders.every((h: any) => h.type === 'dash-folder')).toBe(true);
    const storage = await (await get('/api/search?type=dash-db&tag=platform&tag=storage')).json();
    expect(storage.map((h: any) => h.uid)).toEqual(['layer-storage']);
    expect(storage[0]).toMatchObject({ url: '/d/layer-storage/storage-longhorn', folderUid: 'platform', folderTitle: 'Platform' });
    const team = await (await get('/api/search?folderUIDs=team-payments')).json();
    expect(team.map((h: any) => h.uid).sort()).toEqual(['svc-orders-service', 'svc-payments-api']);
    const text = await (await get('/api/search?query=ARGO')).json();
    expect(text.map((h: any) => h.uid)).toEqual(['layer-gitops']);
  });

  it('pages with page/limit so that every hit appears once and a short page ends it', async () => {
    const all = (await (await get('/api/search?type=dash-db')).json()).map((h: any) => h.uid);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 7 }), async limit => {
        const seen: string[] = [];
        for (let page = 1; ; page++) {
          const hits = await (await get(`/api/search?type=dash-db&limit=${limit}&page=${page}`)).json();
          seen.push(...hits.map((h: any) => h.uid));
          if (hits.length < limit) break;
        }
        expect(seen).toEqual(all);
      }),
      { numRuns: 7 },
    );
  });

  it('serves a dashboard by uid and 404 for an unknown one', async () => {
    const ok = await (await get('/api/dashboards/uid/svc-payments-api')).json();
    expect(ok.dashboard).toMatchObject({ uid: 'svc-payments-api', title: 'Service / payments-api' });
    expect(ok.meta).toMatchObject({ type: 'db', url: '/d/svc-payments-api/service-payments-api', folderUid: 'team-payments' });
    const missing = await get('/api/dashboards/uid/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: 'Dashboard not found' });
  });

  it('fires one alert per active fault, labelled with cluster and layer, with runbook_url', async () => {
    const expectedCount = ctx.fleet.clusters.reduce((n, c) => n + ctx.control.faults(c.name).length, 0);
    const alerts = await (await get('/api/alertmanager/grafana/api/v2/alerts')).json();
    expect(alerts).toHaveLength(expectedCount);
    const longhorn = alerts.find((a: any) => a.labels.alertname === 'LonghornVolumeDegraded');
    expect(longhorn.labels).toMatchObject({ cluster: 'prod-eu-2', layer: 'storage', target: 'pvc-orders-db' });
    expect(longhorn.annotations.runbook_url).toBe('https://runbooks.apps.example.internal/longhorn-volume-degraded');
    expect(longhorn.status.state).toBe('active');

    const rules = await (await get('/api/prometheus/grafana/api/v1/rules')).json();
    const allRules = rules.data.groups.flatMap((g: any) => g.rules);
    expect(allRules).toHaveLength(Object.keys(FAULT_LAYERS).length);
    expect(allRules.find((r: any) => r.name === 'LonghornVolumeDegraded').state).toBe('firing');
    expect(allRules.find((r: any) => r.name === 'DexDown').state).toBe('inactive');

    ctx.control.injectFault('prod-eu-1', { id: 'dex-down' });
    const filtered = await (await get('/api/alertmanager/grafana/api/v2/alerts?filter=alertname%3D%22DexDown%22')).json();
    expect(filtered).toHaveLength(1);
    expect(filtered[0].labels).toMatchObject({ cluster: 'prod-eu-1', layer: 'identity', severity: 'critical' });
    const bad = await get('/api/alertmanager/grafana/api/v2/alerts?filter=%3D%3D');
    expect(bad.status).toBe(400);
    expect(typeof (await bad.json())).toBe('string');
    ctx.control.clearFault('prod-eu-1');
    const after = await (await get('/api/prometheus/grafana/api/v1/alerts')).json();
    expect(after.data.alerts.some((a: any) => a.labels.alertname === 'DexDown')).toBe(false);
  });

  it('fails with a JSON message body when the control API sets errorRate 1', async () => {
    ctx.control.setBehaviour({ upstream: 'grafana' }, { errorRate: 1, errorStatus: 500 });
    const res = await get('/api/search');
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ message: expect.any(String) });
  });
});

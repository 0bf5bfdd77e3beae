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
import { createMimirSimulator, createPrometheusSimulator } from './PrometheusSimulator';

describe('Prometheus and Mimir simulators', () => {
  let ctx: UpstreamContext;
  let server: TestServer;

  beforeEach(async () => {
    ctx = createTestContext();
    server = await startTestServer([createPrometheusSimulator(ctx), createMimirSimulator(ctx)]);
  });

  afterEach(() => server.close());

  const query = async (q: string, extra = '') => {
    const res = await fetch(`${server.baseUrl}/prometheus/api/v1/query?query=${encodeURIComponent(q)}${extra}`);
    return { status: res.status, body: await res.json() };
  };
  const vector = async (q: string) => {
    const { status, body } = await query(q);
    expect(status).toBe(200);
    expect(body.status).toBe('success');
    expect(body.data.resultType).toBe('vector');
    return body.data.result as Array<{ metric: Record<string, string>; value: [number, string] }>;
  };

  describe('PromQL subset over the fleet', () => {
    it('selects with =, !=, =~ and !~ matchers', async () => {
      const eq = await vector('up{cluster="mgmt", job="apiserver"}');
      expect(eq).toHaveLength(3);
      expect(eq[0].metric).toMatchObject({ __name__: 'up', job: 'apiserver', cluster: 'mgmt' });
      expect(typeof eq[0].value[0]).toBe('number');
      expect(eq[0].value[1]).toBe('1');
      const re = await vector('up{cluster=~"prod-.*", job="apiserver"}');
      expect(new Set(re.map(r => r.metric.cluster))).toEqual(new Set(['prod-eu-1', 'prod-eu-2']));
      const neq = await vector('up{cluster!="mgmt", cluster!~"prod-.*|staging-1|edge-.*", job="apiserver"}');
      expect(neq.map(r => r.metric.cluster)).toEqual(['onprem-kubeadm-1', 'onprem-kubeadm-1', 'onprem-kubeadm-1']);
    });

    it('aggregates with sum/count/max/min/avg by', async () => {
      const count = await vector('count by (cluster) (up{job="node-exporter"})');
      const mgmt = count.find(r => r.metric.cluster === 'mgmt')!;
      expect(mgmt.metric).toEqual({ cluster: 'mgmt' });
      expect(mgmt.value[1]).toBe('6');
      const sum = await vector('sum(up{job="node-exporter", cluster="onprem-kubeadm-1"})');
      expect(sum).toEqual([{ metric: {}, value: [expect.any(Number), '0'] }]);
      const max = await vector('max by (cluster) (metallb_allocator_addresses_total)');
      expect(max.every(r => r.value[1] === '20')).toBe(true);
      expect(await vector('min(kube_node_spec_unschedulable)')).toEqual([{ metric: {}, value: [expect.any(Number), '0'] }]);
      expect((await vector('avg(metallb_allocator_addresses_total)'))[0].value[1]).toBe('20');
    });

    it('answers the contract recipes according to the scenario faults', async () => {
      const notReady = await vector('kube_node_status_condition{condition="Ready",status="true"} == 0');
      expect(notReady.map(r => `${r.metric.cluster}/${r.metric.node}`)).toEqual(['staging-1/staging-1-md-0-2']);
      const degraded = await vector('longhorn_volume_robustness == 2');
      expect(degraded.map(r => r.metric.volume)).toEqual(['pvc-orders-db']);
      const expiring = await vector('certmanager_certificate_expiration_timestamp_seconds - time() < 30 * 86400');
      expect(expiring.map(r => `${r.metric.cluster}/${r.metric.name}`)).toEqual(['prod-eu-2/payments-api-tls']);
      const apps = await vector('argocd_app_info{health_status!="Healthy"}');
      expect(apps.map(r => `${r.metric.cluster}/${r.metric.name}`)).toEqual(['edge-rke2-1/storefront-web']);
      const pools = await vector('metallb_allocator_addresses_in_use_total >= metallb_allocator_addresses_total');
      expect(pools.map(r => r.metric.cluster)).toEqual(['staging-1']);
      const cilium = await vector('kube_daemonset_status_number_ready{daemonset="cilium"} < kube_daemonset_status_desired_number_scheduled{daemonset="cilium"}');
      expect(cilium.map(r => r.metric.cluster)).toEqual(['onprem-kubeadm-1']);
    });

    it('approximates rate over counters and filters with > 0', async () => {
      const errors = await vector('sum by (cluster, service) (rate(traefik_service_requests_total{code="500"}[5m])) > 1');
      expect(errors).toEqual([
        { metric: { cluster: 'staging-1', service: 'storefront-storefront-web-80@kubernetesgateway' }, value: [expect.any(Number), '12'] },
      ]);
    });

    it('follows faults injected and cleared at run time', async () => {
      const q = 'kube_node_status_condition{cluster="prod-eu-1",condition="Ready",status="true"} == 0';
      expect(await vector(q)).toEqual([]);
      ctx.control.injectFault('prod-eu-1', { id: 'node-not-ready', target: 'prod-eu-1-md-0-3' });
      expect((await vector(q)).map(r => r.metric.node)).toEqual(['prod-eu-1-md-0-3']);
      ctx.control.clearFault('prod-eu-1');
      expect(await vector(q)).toEqual([]);
    });
  });

  describe('errors', () => {
    it('answers parse errors with 400 bad_data', async () => {
      const { status, body } = await query('sum(up');
      expect(status).toBe(400);
      expect(body).toEqual({ status: 'error', errorType: 'bad_data', error: 'invalid parameter "query": 1:7: parse error: unclosed left parenthesis' });
      expect((await query('up{job=}')).status).toBe(400);
      expect((await query('1 > 2')).body.error).toMatch(/comparisons between scalars must use BOOL modifier/);
      expect((await query('up', '&time=yesterday')).status).toBe(400);
    });

    it('answers evaluation errors with 422 execution', async () => {
      const { status, body } = await query('{__name__=~"node_memory_.*"} * 2');
      expect(status).toBe(422);
      expect(body).toEqual({ status: 'error', errorType: 'execution', error: 'vector cannot contain metrics with the same labelset' });
    });

    it('validates range parameters and series matchers', async () => {
      const range = (params: string) => fetch(`${server.baseUrl}/prometheus/api/v1/query_range?query=up&${params}`).then(async r => ({ status: r.status, body: await r.json() }));
      expect((await range('start=200&end=100&step=15')).body.error).toBe('end timestamp must not be before start time');
      const points = await range('start=0&end=1000000&step=1');
      expect(points.status).toBe(400);
      expect(points.body.error).toMatch(/exceeded maximum resolution of 11,000 points/);
      const series = await fetch(`${server.baseUrl}/prometheus/api/v1/series`);
      expect(series.status).toBe(400);
      expect(await series.json()).toEqual({ status: 'error', errorType: 'bad_data', error: 'no match[] parameter provided' });
    });

    it('fails with the error envelope when the control API sets errorRate 1', async () => {
      ctx.control.setBehaviour({ upstream: 'prometheus' }, { errorRate: 1, errorStatus: 503 });
      const { status, body } = await query('up');
      expect(status).toBe(503);
      expect(body).toMatchObject({ status: 'error', errorType: expect.any(String), error: expect.any(String) });
    });
  });

  it('returns a matrix for query_range, also via POST form', async () => {
    const now = ctx.clock.now().getTime() / 1000;
    const res = await fetch(`${server.baseUrl}/prometheus/api/v1/query_range`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: 'traefik_entrypoint_requests_total{cluster="mgmt",code="200"}', start: String(now - 600), end: String(now), step: '60s' }),
    });
    const body = await res.json();
    expect(body.data.resultType).toBe('matrix');
    const values = body.data.result[0].values.map((v: [number, string]) => Number(v[1]));
    expect(values).toHaveLength(11);
    expect(values[10] - values[0]).toBe(40 * 600);
  });

  it('lists series, labels and label values', async () => {
    const series = await (await fetch(`${server.baseUrl}/prometheus/api/v1/series?match[]=${encodeURIComponent('up{job="dex"}')}`)).json();
    expect(series.data).toHaveLength(ctx.fleet.clusters.length);
    const labels = await (await fetch(`${server.baseUrl}/prometheus/api/v1/labels`)).json();
    expect(labels.data).toEqual(expect.arrayContaining(['__name__', 'cluster', 'job', 'node']));
    const names = await (await fetch(`${server.baseUrl}/prometheus/api/v1/label/__name__/values`)).json();
    expect(names.data).toEqual(expect.arrayContaining(['up', 'node_memory_MemAvailable_bytes', 'node_filesystem_avail_bytes', 'argocd_app_info', 'metallb_allocator_addresses_in_use_total']));
  });

  it('exposes the text format per cluster for scraping', async () => {
    const res = await fetch(`${server.baseUrl}/prometheus/metrics/staging-1`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
    const text = await res.text();
    expect(text).toContain('# TYPE up gauge');
    expect(text).toContain('# TYPE traefik_entrypoint_requests_total counter');
    for (const line of text.trim().split('\n').filter(l => !l.startsWith('#'))) {
      // Each sample carries the 15 s slot it belongs to, in milliseconds.
      const [, timestamp] = /^[a-zA-Z_:][a-zA-Z0-9_:]*\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\} -?[0-9.e+]+ (\d+)$/.exec(line) ?? [];
      expect(timestamp).toMatch(/^\d+$/);
      expect(Number(timestamp) % 15_000).toBe(0);
      expect(line).toContain('cluster="staging-1"');
    }
    expect((await fetch(`${server.baseUrl}/prometheus/metrics/nowhere`)).status).toBe(404);
  });

  it('lists the fault alert rules and firing alerts like a Prometheus ruler', async () => {
    const rules = await (await fetch(`${server.baseUrl}/prometheus/api/v1/rules`)).json();
    const storage = rules.data.groups.find((g: any) => g.name === 'storage');
    const degraded = storage.rules.find((r: any) => r.name === 'LonghornVolumeDegraded');
    expect(degraded).toMatchObject({ state: 'firing', type: 'alerting', query: 'longhorn_volume_robustness == 2' });
    expect(degraded.alerts[0]).toMatchObject({ state: 'firing', labels: { cluster: 'prod-eu-2', layer: 'storage' } });
    // The rule's expression agrees with the series Prometheus serves.
    const series = await vector(degraded.query);
    expect(series.map(s => s.metric.cluster)).toEqual([degraded.alerts[0].labels.cluster]);
    const alerts = await (await fetch(`${server.baseUrl}/prometheus/api/v1/alerts`)).json();
    expect(alerts.data.alerts.every((a: any) => a.state === 'firing')).toBe(true);
    const other = await (await fetch(`${server.baseUrl}/mimir/prometheus/api/v1/rules`, { headers: { 'X-Scope-OrgID': 'other' } })).json();
    expect(other.data.groups).toEqual([]);
  });

  describe('Mimir', () => {
    const mimir = (q: string, headers: Record<string, string>) =>
      fetch(`${server.baseUrl}/mimir/prometheus/api/v1/query?query=${encodeURIComponent(q)}`, { headers });

    it('requires X-Scope-OrgID and serves the tenant under /prometheus', async () => {
      const missing = await mimir('up', {});
      expect(missing.status).toBe(401);
      expect(await missing.text()).toBe('no org id\n');
      const own = await (await mimir('count(up)', { 'X-Scope-OrgID': 'platform' })).json();
      expect(Number(own.data.result[0].value[1])).toBeGreaterThan(0);
      const other = await (await mimir('up', { 'X-Scope-OrgID': 'other-team' })).json();
      expect(other.data.result).toEqual([]);
    });

    it('can be failed on its own through the control API (upstream prometheus, cluster mimir)', async () => {
      ctx.control.setBehaviour({ upstream: 'prometheus', cluster: 'mimir' }, { errorRate: 1, errorStatus: 500 });
      const res = await mimir('up', { 'X-Scope-OrgID': 'platform' });
      expect(res.status).toBe(500);
      expect(await res.json()).toMatchObject({ status: 'error', errorType: 'internal' });
      expect((await query('up')).status).toBe(200);
    });
  });
});

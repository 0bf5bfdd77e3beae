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
import { createLokiSimulator } from './LokiSimulator';

const TENANT = { 'X-Scope-OrgID': 'platform' };

describe('Loki simulator', () => {
  let ctx: UpstreamContext;
  let server: TestServer;

  beforeEach(async () => {
    ctx = createTestContext();
    server = await startTestServer([createLokiSimulator(ctx)]);
  });

  afterEach(() => server.close());

  const get = (path: string, headers: Record<string, string> = TENANT) =>
    fetch(`${server.baseUrl}/loki${path}`, { headers });
  const queryRange = async (query: string, extra = '') =>
    get(`/loki/api/v1/query_range?query=${encodeURIComponent(query)}${extra}`);

  it('requires X-Scope-OrgID and answers 401 "no org id" in plain text', async () => {
    const res = await get('/loki/api/v1/labels', {});
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('no org id\n');
  });

  it('returns streams with nanosecond string timestamps, newest first, up to limit', async () => {
    const body = await (await queryRange('{app="payments-api", cluster="prod-eu-1"}', '&limit=7')).json();
    expect(body.status).toBe('success');
    expect(body.data.resultType).toBe('streams');
    const [stream] = body.data.result;
    expect(stream.stream).toMatchObject({ app: 'payments-api', namespace: 'payments', cluster: 'prod-eu-1' });
    expect(stream.values).toHaveLength(7);
    const ts = stream.values.map((v: [string, string]) => v[0]);
    expect(ts.every((t: string) => /^\d{19}$/.test(t))).toBe(true);
    expect([...ts].sort().reverse()).toEqual(ts);
    const forward = await (await queryRange('{app="payments-api", cluster="prod-eu-1"}', '&limit=3&direction=forward')).json();
    const fts = forward.data.result[0].values.map((v: [string, string]) => BigInt(v[0]));
    expect(fts[0] < fts[1]).toBe(true);
  });

  it('returns exactly limit entries across streams, ordered by direction, none twice', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 60 }), fc.constantFrom('forward', 'backward'), async (limit, direction) => {
        const body = await (await queryRange('{namespace="payments"}', `&limit=${limit}&direction=${direction}`)).json();
        const entries: Array<[bigint, string]> = body.data.result.flatMap((s: any) =>
          s.values.map((v: [string, string]) => [BigInt(v[0]), `${s.stream.pod}|${v[0]}`]),
        );
        expect(entries).toHaveLength(limit);
        expect(new Set(entries.map(e => e[1])).size).toBe(limit);
        const times = entries.map(e => e[0]).sort((a, b) => (a < b ? -1 : 1));
        const now = BigInt(ctx.clock.now().getTime()) * 1_000_000n;
        const hour = 3_600_000n * 1_000_000n;
        expect(times.every(t => t <= now && t > now - hour)).toBe(true);
        // Backward returns the newest entries, forward the oldest of the window (one line every 10 s).
        const slack = 20_000_000_000n;
        const edge = direction === 'backward' ? times[times.length - 1] : times[0];
        expect(direction === 'backward' ? now - edge < slack : edge - (now - hour) <= slack).toBe(true);
      }),
      { numRuns: 15 },
    );
  });

  it('filters lines and labels, and reports error logs only while a fault is active', async () => {
    const errors = async () => {
      const body = await (await queryRange('{namespace="longhorn-system", cluster="prod-eu-2"} |= "level=error"')).json();
      return body.data.result.flatMap((s: any) => s.values);
    };
    expect((await errors()).length).toBeGreaterThan(0);
    ctx.control.clearFault('prod-eu-2', 'longhorn-volume-degraded');
    expect(await errors()).toEqual([]);
    const viaLogfmt = await (await queryRange('{cluster="edge-rke2-1", app="storefront-web"} | logfmt | level="error"')).json();
    expect(viaLogfmt.data.result[0].values.every((v: string[]) => v[1].startsWith('level=error'))).toBe(true);
  });

  it('evaluates count_over_time with sum by into a matrix', async () => {
    const body = await (await queryRange('sum by (cluster) (count_over_time({app="storefront-web"}[1m]))', '&step=60')).json();
    expect(body.data.resultType).toBe('matrix');
    const clusters = body.data.result.map((s: any) => s.metric.cluster).sort();
    expect(clusters).toEqual(['edge-rke2-1', 'onprem-kubeadm-1', 'prod-eu-1', 'staging-1']);
    const sample = body.data.result[0].values[1];
    expect(typeof sample[0]).toBe('number');
    expect(sample[1]).toBe('6');
  });

  it('answers parse errors and bad ranges with 400 plain text', async () => {
    const parse = await queryRange('{app="x"');
    expect(parse.status).toBe(400);
    expect(await parse.text()).toMatch(/^parse error at line 1, col \d+: syntax error: unexpected/);
    const tooLong = await queryRange('{app="x"}', '&start=0&end=4000000');
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toMatch(/query time range exceeds the limit/);
    const instantLog = await get(`/loki/api/v1/query?query=${encodeURIComponent('{app="x"}')}`);
    expect(instantLog.status).toBe(400);
  });

  it('lists labels and label values, and nothing for another tenant', async () => {
    const labels = await (await get('/loki/api/v1/labels')).json();
    expect(labels).toEqual({ status: 'success', data: ['app', 'cluster', 'container', 'job', 'namespace', 'pod'] });
    const apps = await (await get('/loki/api/v1/label/app/values?query=%7Bnamespace%3D%22payments%22%7D')).json();
    expect(apps.data).toEqual(['orders-service', 'payments-api']);
    const other = await (await get('/loki/api/v1/labels', { 'X-Scope-OrgID': 'other' })).json();
    expect(other.data).toEqual([]);
    const several = await (await get('/loki/api/v1/labels', { 'X-Scope-OrgID': 'other|platform' })).json();
    expect(several.data).toEqual(labels.data);
  });

  it('is not ready and drops that cluster\'s logs under loki-not-ready', async () => {
    expect((await get('/ready', {})).status).toBe(200);
    ctx.control.injectFault('prod-eu-1', { id: 'loki-not-ready' });
    const ready = await get('/ready', {});
    expect(ready.status).toBe(503);
    const body = await (await queryRange('{cluster="prod-eu-1"}')).json();
    expect(body.data.result).toEqual([]);
  });

  it('fails in plain text when the control API sets errorRate 1', async () => {
    ctx.control.setBehaviour({ upstream: 'loki' }, { errorRate: 1, errorStatus: 500 });
    const res = await get('/loki/api/v1/labels');
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  });
});

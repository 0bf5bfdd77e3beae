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
import { createTempoSimulator } from './TempoSimulator';

const TENANT = { 'X-Scope-OrgID': 'platform' };

describe('Tempo simulator', () => {
  let ctx: UpstreamContext;
  let server: TestServer;

  beforeEach(async () => {
    ctx = createTestContext();
    server = await startTestServer([createTempoSimulator(ctx)]);
  });

  afterEach(() => server.close());

  const get = (path: string, headers: Record<string, string> = TENANT) =>
    fetch(`${server.baseUrl}/tempo${path}`, { headers });
  const search = async (q: string, extra = '') =>
    (await get(`/api/search?q=${encodeURIComponent(q)}${extra}`)).json();

  it('is ready without a tenant, but queries need X-Scope-OrgID', async () => {
    expect(await (await get('/ready', {})).text()).toBe('ready\n');
    const res = await get('/api/search?q=%7B%7D', {});
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('no org id\n');
  });

  it('finds traces of a service by TraceQL and returns each by id', async () => {
    const result = await search('{ resource.service.name = "payments-api" }', '&limit=5');
    expect(result.traces).toHaveLength(5);
    expect(result.traces.every((t: any) => t.rootServiceName === 'payments-api')).toBe(true);
    const id = result.traces[0].traceID;
    const trace = await (await get(`/api/traces/${id}`)).json();
    const resource = trace.batches[0].resource.attributes;
    expect(resource).toContainEqual({ key: 'service.name', value: { stringValue: 'payments-api' } });
    expect(Buffer.from(trace.batches[0].scopeSpans[0].spans[0].traceId, 'base64').toString('hex')).toBe(id);
    const v2 = await (await get(`/api/v2/traces/${id}`)).json();
    expect(v2.status).toBe('COMPLETE');
  });

  it('answers 404 for unknown traces and for another tenant', async () => {
    const [first] = (await search('{ resource.service.name = "orders-service" }', '&limit=1')).traces;
    expect((await get(`/api/traces/${'0'.repeat(31)}1`)).status).toBe(404);
    expect((await get(`/api/traces/${first.traceID}`, { 'X-Scope-OrgID': 'someone-else' })).status).toBe(404);
    expect((await search('{}')).traces.length).toBeGreaterThan(0);
    const other = await (await get('/api/search?q=%7B%7D', { 'X-Scope-OrgID': 'someone-else' })).json();
    expect(other.traces).toEqual([]);
  });

  it('answers 400 in plain text for a TraceQL parse error', async () => {
    const res = await get(`/api/search?q=${encodeURIComponent('{ resource.service.name = }')}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/^invalid TraceQL query: parse error at line 1, col \d+: syntax error: unexpected }/);
  });

  it('produces error traces only while a fault hits the service', async () => {
    const errorsOf = async () => (await search('{ resource.service.name = "storefront-web" && status = error }', '&limit=50')).traces;
    const before = await errorsOf();
    expect(before.length).toBeGreaterThan(0);
    expect(new Set(before.map((t: any) => t.traceID)).size).toBe(before.length);
    ctx.control.clearFault('edge-rke2-1', 'argocd-app-degraded');
    ctx.control.clearFault('staging-1', 'httproute-backend-missing');
    expect(await errorsOf()).toEqual([]);
  });

  it('lists tag values for service.name', async () => {
    const body = await (await get('/api/search/tag/service.name/values')).json();
    expect(body.tagValues).toEqual(['orders-service', 'payments-api', 'storefront-web']);
    const v2 = await (await get('/api/v2/search/tag/resource.service.name/values')).json();
    expect(v2.tagValues[0]).toEqual({ type: 'string', value: 'orders-service' });
  });

  it('fails in plain text when the control API sets errorRate 1', async () => {
    ctx.control.setBehaviour({ upstream: 'tempo' }, { errorRate: 1, errorStatus: 503 });
    const res = await get('/api/search?q=%7B%7D');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  });
});

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

import { createTestContext, startTestServer, TestServer } from './__testUtils__/testServer';
import { createUpstreamSimulators } from './index';
import { UpstreamContext, UpstreamSimulator } from './types';

/** A request each simulator answers with 200 when healthy, with the credentials it needs. */
const PROBES: Record<string, { path: string; headers?: Record<string, string> }> = {
  gitlab: { path: '/api/v4/projects', headers: { 'PRIVATE-TOKEN': 'glpat-test-token' } },
  argocd: { path: '/api/v1/applications', headers: { Authorization: 'Bearer argocd-test-token' } },
  grafana: { path: '/api/search', headers: { Authorization: 'Bearer glsa_test_token' } },
  tempo: { path: '/api/search?q=%7B%7D', headers: { 'X-Scope-OrgID': 'platform' } },
  loki: { path: '/loki/api/v1/labels', headers: { 'X-Scope-OrgID': 'platform' } },
  nexus: { path: '/service/rest/v1/repositories', headers: { Authorization: `Basic ${Buffer.from('admin:nexus-test-password').toString('base64')}` } },
  prometheus: { path: '/api/v1/query?query=up' },
  mimir: { path: '/prometheus/api/v1/query?query=up', headers: { 'X-Scope-OrgID': 'platform' } },
  alertmanager: { path: '/api/v2/alerts' },
  haproxy: { path: '/stats;csv' },
  keepalived: { path: '/nodes' },
};

describe('createUpstreamSimulators', () => {
  let ctx: UpstreamContext;
  let simulators: UpstreamSimulator[];
  let server: TestServer;

  beforeEach(async () => {
    ctx = createTestContext();
    simulators = createUpstreamSimulators(ctx);
    server = await startTestServer(simulators);
  });

  afterEach(() => server.close());

  const url = (s: UpstreamSimulator) => `${server.baseUrl}/${s.mount}${s.perCluster ? '/prod-eu-1' : ''}${PROBES[s.mount].path}`;

  it('mounts every upstream once, each answering its probe', async () => {
    const mounts = simulators.map(s => s.mount);
    expect(new Set(mounts).size).toBe(mounts.length);
    expect(mounts.sort()).toEqual(Object.keys(PROBES).sort());
    for (const s of simulators) {
      const res = await fetch(url(s), { headers: PROBES[s.mount].headers });
      expect([s.mount, res.status]).toEqual([s.mount, 200]);
    }
  });

  it('counts requests per upstream and closes the connection when told to refuse', async () => {
    ctx.control.setBehaviour({ upstream: '*' }, { refuse: true });
    for (const s of simulators) {
      await expect(fetch(url(s), { headers: PROBES[s.mount].headers })).rejects.toThrow();
    }
    const counters = ctx.control.readCounters();
    expect(counters.total).toBe(simulators.length);
    expect(counters.byCluster['prod-eu-1']).toEqual({ 'argocd:GET': 1, 'haproxy:GET': 1, 'keepalived:GET': 1 });
  });

  it('leaves a request unanswered while told to hang, until the client gives up', async () => {
    ctx.control.setBehaviour({ upstream: 'gitlab' }, { hang: true });
    const gitlab = simulators.find(s => s.mount === 'gitlab')!;
    const abort = new AbortController();
    const pending = fetch(url(gitlab), { headers: PROBES.gitlab.headers, signal: abort.signal });
    while ((ctx.control.readCounters().byUpstream.gitlab ?? 0) === 0) {
      await new Promise(resolve => setImmediate(resolve));
    }
    abort.abort();
    await expect(pending).rejects.toThrow(/abort/i);
  });
});

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
import { createHaproxySimulator } from '../haproxy/HaproxySimulator';
import { STAT_COLUMNS } from '../haproxy/statsCsv';
import { createKeepalivedSimulator } from '../keepalived/KeepalivedSimulator';
import { UpstreamContext } from '../types';

/** Parses the stats CSV by header name, as clients must. */
function parseCsv(text: string): Array<Record<string, string>> {
  const [header, ...rows] = text.trim().split('\n');
  expect(header.startsWith('# ')).toBe(true);
  const columns = header.slice(2).split(',');
  expect(columns.pop()).toBe('');
  return rows.map(row => {
    expect(row.endsWith(',')).toBe(true);
    const cells = row.split(',');
    return Object.fromEntries(columns.map((c, i) => [c, cells[i]]));
  });
}

describe('HAProxy and Keepalived simulators', () => {
  let ctx: UpstreamContext;
  let server: TestServer;

  beforeEach(async () => {
    ctx = createTestContext();
    server = await startTestServer([createHaproxySimulator(ctx), createKeepalivedSimulator(ctx)]);
  });

  afterEach(() => server.close());

  const stats = async (cluster: string) => {
    const res = await fetch(`${server.baseUrl}/haproxy/${cluster}/stats;csv`);
    expect(res.status).toBe(200);
    return parseCsv(await res.text());
  };
  const states = async (cluster: string) =>
    (await (await fetch(`${server.baseUrl}/keepalived/${cluster}/nodes`)).json()).map((n: any) => n.state);

  it('serves the stats CSV with the static columns, FRONTEND, servers and BACKEND rows', async () => {
    const rows = await stats('prod-eu-1');
    expect(Object.keys(rows[0])).toEqual([...STAT_COLUMNS]);
    const api = rows.filter(r => r.pxname === 'k8s-api-be');
    expect(api.map(r => r.svname)).toEqual(['prod-eu-1-control-plane-1', 'prod-eu-1-control-plane-2', 'prod-eu-1-control-plane-3', 'BACKEND']);
    expect(rows.find(r => r.pxname === 'k8s-api' && r.svname === 'FRONTEND')).toMatchObject({ status: 'OPEN', type: '0' });
    expect(api.every(r => r.status === 'UP')).toBe(true);
    expect(api[0]).toMatchObject({ type: '2', check_status: 'L4OK' });
  });

  it('marks a server DOWN under haproxy-backend-down and recovers when cleared', async () => {
    const down = (await stats('onprem-kubeadm-1')).filter(r => r.status === 'DOWN');
    expect(down.map(r => `${r.pxname}/${r.svname}`)).toEqual(['k8s-api-be/onprem-kubeadm-1-cp-3']);
    expect(down[0].check_status).toBe('L4CON');
    ctx.control.injectFault('prod-eu-1', { id: 'haproxy-backend-down', target: 'prod-eu-1-md-0-2' });
    const prod = (await stats('prod-eu-1')).filter(r => r.status === 'DOWN').map(r => `${r.pxname}/${r.svname}`);
    expect(prod).toEqual(['ingress-http-be/prod-eu-1-md-0-2', 'ingress-https-be/prod-eu-1-md-0-2']);
    ctx.control.clearFault('onprem-kubeadm-1');
    expect((await stats('onprem-kubeadm-1')).some(r => r.status === 'DOWN')).toBe(false);
  });

  it('answers unknown clusters and paths with 404 and an HTML body', async () => {
    const res = await fetch(`${server.baseUrl}/haproxy/nowhere/stats;csv`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect((await fetch(`${server.baseUrl}/haproxy/mgmt/stats`)).status).toBe(404);
  });

  it('reports exactly one MASTER normally, two under split brain, FAULT under keepalived-fault', async () => {
    expect(await states('mgmt')).toEqual(['MASTER', 'BACKUP']);
    expect(await states('edge-rke2-1')).toEqual(['MASTER', 'MASTER']);
    ctx.control.injectFault('mgmt', { id: 'keepalived-fault', target: 'mgmt-lb-1' });
    expect(await states('mgmt')).toEqual(['FAULT', 'MASTER']);
    const file = await fetch(`${server.baseUrl}/keepalived/mgmt/nodes/mgmt-lb-1/VI_1.state`);
    expect(await file.text()).toBe('FAULT\n');
    const dump = await (await fetch(`${server.baseUrl}/keepalived/mgmt/nodes/mgmt-lb-2/keepalived.json`)).json();
    expect(dump[0].data).toMatchObject({ iname: 'VI_1', state: 2, vrid: 51 });
    const metrics = await (await fetch(`${server.baseUrl}/keepalived/mgmt/nodes/mgmt-lb-1/metrics`)).text();
    expect(metrics).toMatch(/^keepalived_vrrp_state\{iname="VI_1",intf="eth0",vrid="51",ip_address="[0-9.]+"\} 3$/m);
    expect((await fetch(`${server.baseUrl}/keepalived/mgmt/nodes/ghost/VI_1.state`)).status).toBe(404);
  });

  it('fails when the control API sets errorRate 1 for one cluster', async () => {
    ctx.control.setBehaviour({ upstream: 'haproxy', cluster: 'mgmt' }, { errorRate: 1, errorStatus: 503 });
    const res = await fetch(`${server.baseUrl}/haproxy/mgmt/stats;csv`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('503 Service Unavailable');
    expect((await fetch(`${server.baseUrl}/haproxy/prod-eu-1/stats;csv`)).status).toBe(200);
    ctx.control.setBehaviour({ upstream: 'keepalived' }, { errorRate: 1, errorStatus: 500 });
    expect((await fetch(`${server.baseUrl}/keepalived/mgmt/nodes`)).status).toBe(500);
  });
});

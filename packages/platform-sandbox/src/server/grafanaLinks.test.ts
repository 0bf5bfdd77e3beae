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

import { parse } from 'yaml';
import { defaultFleet } from '../scenario/defaultFleet';
import { createUpstreamSimulators } from '../upstreams';
import { appConfigYaml } from './sandboxFiles';
import { Sandbox, startSandbox } from './startSandbox';

describe("the portal's Grafana links lead to the simulated Grafana", () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({
      fleet: defaultFleet(),
      port: 0,
      controlPort: 0,
      realTimeTicks: false,
      upstreams: createUpstreamSimulators,
    });
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  it('configures platform.links.grafana with datasource uids Grafana lists', async () => {
    const links = parse(appConfigYaml(sandbox)).platform.links.grafana;
    expect(links.baseUrl).toBe(`${sandbox.url}/grafana`);
    const datasources = await (
      await fetch(`${sandbox.url}/grafana/api/datasources`, {
        headers: { Authorization: `Bearer ${sandbox.credentials.grafanaToken}` },
      })
    ).json();
    const byType = Object.fromEntries(datasources.map((d: any) => [d.type, d.uid]));
    expect(links.datasources).toEqual({ prometheus: byType.prometheus, loki: byType.loki, tempo: byType.tempo });
  });

  it('answers an Explore link in a browser with the decoded panes, not a 401', async () => {
    const panes = { a1: { datasource: 'tempo', queries: [{ refId: 'A', query: '{ resource.service.name = "payments-api" }' }], range: { from: 'now-1h', to: 'now' } } };
    const res = await fetch(`${sandbox.url}/grafana/explore?schemaVersion=1&orgId=1&panes=${encodeURIComponent(JSON.stringify(panes))}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('resource.service.name = \\&#34;payments-api\\&#34;');
    expect((await fetch(`${sandbox.url}/grafana/d/svc-payments-api?orgId=1`)).status).toBe(200);
    expect((await fetch(`${sandbox.url}/grafana/api/search`)).status).toBe(401);
  });
});

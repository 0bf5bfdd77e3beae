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
import { createArgoCdSimulator } from './argocd/ArgoCdSimulator';
import { SYNC_DURATION_MS } from './argocd/assumptions';
import { createPrometheusSimulator } from './prometheus/PrometheusSimulator';
import { UpstreamContext } from './types';

describe('upstreams tell the same story', () => {
  let ctx: UpstreamContext;
  let server: TestServer;

  beforeEach(async () => {
    ctx = createTestContext();
    server = await startTestServer([createArgoCdSimulator(ctx), createPrometheusSimulator(ctx)]);
  });

  afterEach(() => server.close());

  it('shows a sync that repaired drift in Argo CD as Synced in argocd_app_info too', async () => {
    const syncStatus = async () => {
      const q = encodeURIComponent('argocd_app_info{cluster="prod-eu-2",name="orders-service"}');
      const body = await (await fetch(`${server.baseUrl}/prometheus/api/v1/query?query=${q}`)).json();
      return body.data.result[0].metric.sync_status;
    };
    expect(await syncStatus()).toBe('OutOfSync');
    const sync = await fetch(`${server.baseUrl}/argocd/prod-eu-2/api/v1/applications/orders-service/sync`, {
      method: 'POST',
      headers: { Authorization: 'Bearer argocd-test-token' },
      body: '{}',
    });
    expect(sync.status).toBe(200);
    ctx.clock.advance(SYNC_DURATION_MS);
    expect(await syncStatus()).toBe('Synced');
  });
});

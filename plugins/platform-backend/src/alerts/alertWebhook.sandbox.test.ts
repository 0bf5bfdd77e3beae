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

import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { LayerHealthResponse } from '@platform-portal/plugin-platform-common';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { platformPlugin } from '../plugin';
import { captureScheduler } from '../__testUtils__/captureScheduler';
import {
  RealAlertmanager,
  realBinary,
  Sandbox,
  startRealAlertmanager,
} from '@platform-portal/platform-sandbox';
import { sandboxControl } from '../__testUtils__/sandboxControl';
import {
  ALERT_WEBHOOK_SECRET,
  sandboxPlatformConfig,
} from '../__testUtils__/sandboxPlatformConfig';
import { startUpstreamSandbox } from '../__testUtils__/startUpstreamSandbox';
import { platformTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const SUITE = "Alertmanager's webhook, sent by the real Alertmanager";
const binary = realBinary(
  'PLATFORM_TEST_ALERTMANAGER_BIN',
  'Alertmanager',
  SUITE,
);

/** Resolves once `condition` holds; fails after `withinMs` (a bound, not a measurement). */
async function until(condition: () => Promise<boolean>, withinMs = 30_000) {
  const deadline = Date.now() + withinMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 100));
  }
}

/** Alertmanager sending every alert at once, to the portal, with `secret`. */
function alertmanagerConfig(webhookUrl: string, secret: string): string {
  return `
route:
  receiver: portal
  group_by: ['...']
  group_wait: 0s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: portal
    webhook_configs:
      - url: ${JSON.stringify(webhookUrl)}
        send_resolved: true
        http_config:
          authorization:
            credentials: ${JSON.stringify(secret)}
`;
}

const payload = (alerts: Array<Record<string, unknown>>) => ({
  version: '4',
  groupKey: '{}:{}',
  truncatedAlerts: 0,
  status: 'firing',
  receiver: 'portal',
  groupLabels: {},
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://alertmanager.example',
  alerts,
});

const firing = (labels: Record<string, string>) => ({
  status: 'firing',
  labels,
  annotations: { summary: 'test alert' },
  startsAt: '2026-12-07T10:00:00Z',
  endsAt: '0001-01-01T00:00:00Z',
  generatorURL: 'http://prometheus.example/graph',
  fingerprint: 'c0ffee0123456789',
});

(binary ? describe : describe.skip)(SUITE, () => {
  const databases = platformTestDatabases();
  const scheduler = captureScheduler();
  let sandbox: Sandbox;
  let server: any;
  let stopBackend: () => Promise<void>;
  let webhookUrl: string;
  const alertmanagers: RealAlertmanager[] = [];

  const layer = async (cluster: string, id: string) =>
    (await request(server).get(`/api/platform/health/${cluster}/${id}`))
      .body as LayerHealthResponse;
  const post = (body: unknown, authorization?: string) => {
    const req = request(server).post('/api/platform/alerts');
    if (authorization) req.set('Authorization', authorization);
    return req.send(body as object);
  };

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    const base = sandboxPlatformConfig(sandbox);
    const knex = await databases.init('SQLITE_3');
    const backend = await startTestBackend({
      features: [
        platformPlugin,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            ...base,
            platform: {
              ...base.platform,
              // No watches and the poll an hour away: only an alert explains a new verdict.
              health: {
                refreshIntervalSeconds: 3600,
                watch: { enabled: false, debounceMs: 50 },
              },
              alerts: {
                webhook: {
                  secret: ALERT_WEBHOOK_SECRET,
                  alertLayers: { KeepalivedFault: 'external-lb' },
                },
              },
            },
          },
        }),
        scheduler.module,
      ],
    });
    server = backend.server;
    stopBackend = () => backend.stop();
    const { port } = backend.server.address() as AddressInfo;
    webhookUrl = `http://127.0.0.1:${port}/api/platform/alerts`;
    await scheduler.refreshHealth();
  });

  afterAll(async () => {
    await Promise.all(alertmanagers.map(a => a.stop()));
    await stopBackend?.();
    await sandbox?.stop();
  });

  afterEach(async () => {
    await sandboxControl(sandbox, 'DELETE', '/faults?cluster=prod-eu-1');
    await sandboxControl(sandbox, 'DELETE', '/faults?cluster=prod-eu-2');
  });

  async function alertmanager(secret: string) {
    const started = await startRealAlertmanager(
      binary!,
      alertmanagerConfig(webhookUrl, secret),
    );
    alertmanagers.push(started);
    return started;
  }

  it('re-checks the layer an alert names when Alertmanager sends it, and only that layer', async () => {
    const am = await alertmanager(ALERT_WEBHOOK_SECRET);
    const hardware = await layer('prod-eu-1', 'hardware');
    expect((await layer('prod-eu-1', 'artifacts')).verdict).toBe('ok');
    await sandboxControl(sandbox, 'POST', '/faults', {
      cluster: 'prod-eu-1',
      id: 'nexus-not-writable',
    });

    await am.postAlerts([
      {
        labels: {
          alertname: 'NexusNotWritable',
          cluster: 'prod-eu-1',
          layer: 'artifacts',
        },
      },
    ]);

    await until(
      async () => (await layer('prod-eu-1', 'artifacts')).verdict !== 'ok',
    );
    expect((await layer('prod-eu-1', 'artifacts')).verdict).toBe('critical');
    expect((await layer('prod-eu-1', 'hardware')).observedAt).toBe(
      hardware.observedAt,
    );
  });

  it('maps an alert without a layer label through its alertname', async () => {
    const am = await alertmanager(ALERT_WEBHOOK_SECRET);
    expect((await layer('prod-eu-1', 'external-lb')).verdict).toBe('ok');
    await sandboxControl(sandbox, 'POST', '/faults', {
      cluster: 'prod-eu-1',
      id: 'keepalived-fault',
    });

    await am.postAlerts([
      { labels: { alertname: 'KeepalivedFault', cluster: 'prod-eu-1' } },
    ]);

    await until(
      async () => (await layer('prod-eu-1', 'external-lb')).verdict !== 'ok',
    );
  });

  it('401 for an Alertmanager with the wrong secret, and nothing re-checked', async () => {
    const am = await alertmanager('not-the-configured-secret');
    const before = await layer('prod-eu-1', 'identity');
    await am.postAlerts([
      {
        labels: {
          alertname: 'DexDown',
          cluster: 'prod-eu-1',
          layer: 'identity',
        },
      },
    ]);
    // Alertmanager counts the webhook's refusal as a failed notification.
    await until(
      async () =>
        (await am.metric(
          'alertmanager_notifications_failed_total{integration="webhook"}',
        )) > 0,
    );

    // An accepted alert of the same cluster: a re-check of identity, had the
    // refused one been taken, would run with it.
    const artifacts = await layer('prod-eu-1', 'artifacts');
    const res = await post(
      payload([firing({ cluster: 'prod-eu-1', layer: 'artifacts' })]),
      `Bearer ${ALERT_WEBHOOK_SECRET}`,
    );
    expect(res.status).toBe(202);
    await until(
      async () =>
        (await layer('prod-eu-1', 'artifacts')).observedAt !==
        artifacts.observedAt,
    );
    expect((await layer('prod-eu-1', 'identity')).observedAt).toBe(
      before.observedAt,
    );
  });

  it.each([
    ['missing', undefined],
    ['wrong', 'Bearer not-the-configured-secret'],
    ['not a bearer', ALERT_WEBHOOK_SECRET],
  ])(
    '401 when the secret is %s, naming the config key',
    async (_how, authorization) => {
      const res = await post(
        payload([firing({ cluster: 'prod-eu-1', layer: 'storage' })]),
        authorization,
      );
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({
        name: 'AuthenticationError',
        message: expect.stringContaining('platform.alerts.webhook.secret'),
      });
      expect(res.text).not.toContain(ALERT_WEBHOOK_SECRET);
    },
  );

  it.each([
    ['version', { ...payload([]), version: '3' }],
    ['alerts', { ...payload([]), alerts: 'none' }],
    ['status', { ...payload([]), status: 'burning' }],
    ['alerts[0].labels', payload([{ status: 'firing' }])],
    [
      'alerts[0].labels.cluster',
      payload([{ ...firing({}), labels: { cluster: 7 } }]),
    ],
    ['body', [1, 2]],
  ])("400 naming '%s' for a malformed notification", async (field, body) => {
    const res = await post(body, `Bearer ${ALERT_WEBHOOK_SECRET}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      field === 'body' ? 'Invalid body' : `Invalid field '${field}'`,
    );
  });

  it('accepts alerts of unknown clusters and layers, counting what it ignored', async () => {
    const res = await post(
      payload([
        firing({ cluster: 'nowhere-1', layer: 'storage' }),
        firing({ alertname: 'Unmapped', cluster: 'prod-eu-1' }),
        firing({ cluster: 'prod-eu-1', layer: 'not-a-layer' }),
        firing({ cluster: 'prod-eu-2', layer: 'storage' }),
      ]),
      `Bearer ${ALERT_WEBHOOK_SECRET}`,
    );
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      alerts: 4,
      rechecked: [{ cluster: 'prod-eu-2', layers: ['storage'] }],
      ignored: { unknownCluster: 1, unknownLayer: 2 },
    });
  });
});

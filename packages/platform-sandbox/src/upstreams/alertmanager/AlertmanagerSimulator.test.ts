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

import {
  createTestContext,
  startTestServer,
  TestServer,
} from '../__testUtils__/testServer';
import { UpstreamContext } from '../types';
import { createAlertmanagerSimulator } from './AlertmanagerSimulator';
import { labelSetFingerprint } from './postedAlerts';

describe('Alertmanager simulator', () => {
  let ctx: UpstreamContext;
  let server: TestServer;

  beforeEach(async () => {
    ctx = createTestContext();
    server = await startTestServer([createAlertmanagerSimulator(ctx)]);
  });

  afterEach(() => server.close());

  const api = (path: string, init?: RequestInit) =>
    fetch(`${server.baseUrl}/alertmanager/api/v2${path}`, init);
  const alerts = async (params = '') => (await api(`/alerts${params}`)).json();
  const postSilence = (body: unknown) =>
    api('/silences', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const inOneHour = () =>
    new Date(ctx.clock.now().getTime() + 3600_000).toISOString();

  it('reports one active alert per fault with the gettableAlert fields', async () => {
    const list = await alerts();
    const expected = ctx.fleet.clusters.reduce(
      (n, c) => n + ctx.control.faults(c.name).length,
      0,
    );
    expect(list).toHaveLength(expected);
    for (const alert of list) {
      expect(Object.keys(alert)).toEqual(
        expect.arrayContaining([
          'labels',
          'annotations',
          'receivers',
          'fingerprint',
          'startsAt',
          'updatedAt',
          'endsAt',
          'status',
        ]),
      );
      expect(new Date(alert.endsAt).getTime()).toBeGreaterThan(
        ctx.clock.now().getTime(),
      );
      expect(alert.status).toEqual({
        state: 'active',
        silencedBy: [],
        inhibitedBy: [],
        mutedBy: [],
      });
    }
    const split = list.find(
      (a: any) => a.labels.alertname === 'KeepalivedSplitBrain',
    );
    expect(split.labels).toMatchObject({
      cluster: 'edge-rke2-1',
      layer: 'external-lb',
      severity: 'critical',
    });
    expect(split.receivers).toEqual([{ name: 'platform-oncall' }]);
  });

  it('filters by matchers and answers a bad matcher with 400 and a JSON string', async () => {
    const critical = await alerts(
      '?filter=severity%3D%22critical%22&filter=cluster%3D~%22edge-.*%22',
    );
    expect(
      critical.every(
        (a: any) =>
          a.labels.severity === 'critical' &&
          a.labels.cluster === 'edge-rke2-1',
      ),
    ).toBe(true);
    expect(critical.length).toBeGreaterThan(0);
    const bad = await api('/alerts?filter=%3D%3D%3D');
    expect(bad.status).toBe(400);
    expect(typeof (await bad.json())).toBe('string');
    // go-swagger reads a word it does not know as false rather than refusing it.
    const maybe = await api('/alerts?active=maybe');
    expect(maybe.status).toBe(200);
    expect(
      (await maybe.json()).filter((a: any) => a.status.state === 'active'),
    ).toEqual([]);
  });

  it('follows faults live', async () => {
    ctx.control.injectFault('prod-eu-1', { id: 'keepalived-fault' });
    expect(
      (await alerts('?filter=alertname%3D%22KeepalivedFault%22')).map(
        (a: any) => a.labels.cluster,
      ),
    ).toEqual(['prod-eu-1']);
    ctx.control.clearFault('prod-eu-1');
    expect(await alerts('?filter=alertname%3D%22KeepalivedFault%22')).toEqual(
      [],
    );
  });

  it('silences alerts: suppressed, hidden with silenced=false, back after expiry', async () => {
    const created = await postSilence({
      matchers: [
        { name: 'cluster', value: 'staging-1', isRegex: false, isEqual: true },
      ],
      startsAt: ctx.clock.now().toISOString(),
      endsAt: inOneHour(),
      createdBy: 'sre',
      comment: 'maintenance',
    });
    expect(created.status).toBe(200);
    const { silenceID } = await created.json();
    const staging = await alerts('?filter=cluster%3D%22staging-1%22');
    expect(staging.length).toBeGreaterThan(0);
    expect(
      staging.every(
        (a: any) =>
          a.status.state === 'suppressed' &&
          a.status.silencedBy[0] === silenceID,
      ),
    ).toBe(true);
    expect(
      await alerts('?filter=cluster%3D%22staging-1%22&silenced=false'),
    ).toEqual([]);
    const listed = await (await api('/silences')).json();
    expect(listed[0]).toMatchObject({
      id: silenceID,
      status: { state: 'active' },
      createdBy: 'sre',
    });
    expect(
      (await api(`/silence/${silenceID}`, { method: 'DELETE' })).status,
    ).toBe(200);
    expect(
      (await (await api(`/silence/${silenceID}`)).json()).status.state,
    ).toBe('expired');
    expect(
      (await alerts('?filter=cluster%3D%22staging-1%22'))[0].status.state,
    ).toBe('active');
    ctx.clock.advance(2 * 3600_000);
    expect(
      (await api('/silence/00000000-0000-4000-a000-000000000000')).status,
    ).toBe(404);
  });

  it('marks a future silence pending until its start on simulated time', async () => {
    const startsAt = new Date(
      ctx.clock.now().getTime() + 600_000,
    ).toISOString();
    const { silenceID } = await (
      await postSilence({
        matchers: [{ name: 'alertname', value: 'TargetDown', isRegex: false }],
        startsAt,
        endsAt: inOneHour(),
        createdBy: 'x',
        comment: 'y',
      })
    ).json();
    expect(
      (await (await api(`/silence/${silenceID}`)).json()).status.state,
    ).toBe('pending');
    ctx.clock.advance(600_000);
    expect(
      (await (await api(`/silence/${silenceID}`)).json()).status.state,
    ).toBe('active');
  });

  it('rejects invalid silences with 400 and a JSON string body, missing fields with 422 naming the field', async () => {
    const who = { createdBy: 'sre', comment: 'c' };
    const cases = [
      {
        matchers: [{ name: '', value: 'x', isRegex: false }],
        startsAt: ctx.clock.now().toISOString(),
        endsAt: inOneHour(),
        ...who,
      },
      {
        matchers: [{ name: 'a', value: 'x', isRegex: false }],
        startsAt: inOneHour(),
        endsAt: ctx.clock.now().toISOString(),
        ...who,
      },
      {
        matchers: [{ name: 'a', value: '', isRegex: false }],
        startsAt: ctx.clock.now().toISOString(),
        endsAt: inOneHour(),
        ...who,
      },
    ];
    for (const body of cases) {
      const res = await postSilence(body);
      expect(res.status).toBe(400);
      expect(typeof (await res.json())).toBe('string');
    }
    const noMatchers = await postSilence({
      matchers: [],
      startsAt: ctx.clock.now().toISOString(),
      endsAt: inOneHour(),
      ...who,
    });
    expect(noMatchers.status).toBe(422);
    expect(await noMatchers.json()).toEqual({
      code: 612,
      message: 'matchers in body should have at least 1 items',
    });
    const noComment = await postSilence({
      matchers: [{ name: 'a', value: 'x', isRegex: false }],
      startsAt: ctx.clock.now().toISOString(),
      endsAt: inOneHour(),
    });
    expect(noComment.status).toBe(422);
    expect(await noComment.json()).toEqual({
      code: 602,
      message: 'comment in body is required',
    });
  });

  it('reports status with cluster, version info and config', async () => {
    const status = await (await api('/status')).json();
    expect(status.cluster.status).toBe('ready');
    expect(status.versionInfo.version).toMatch(/^0\./);
    expect(status.config.original).toContain('receivers:');
  });

  it('fails when the control API sets errorRate 1', async () => {
    ctx.control.setBehaviour(
      { upstream: 'alertmanager' },
      { errorRate: 1, errorStatus: 500 },
    );
    expect((await api('/alerts')).status).toBe(500);
  });

  describe('POST /alerts', () => {
    const post = (body: unknown) =>
      api('/alerts', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const posted = async (alertname: string) =>
      (await alerts(`?filter=alertname%3D%22${alertname}%22`)) as any[];

    it('fingerprints a label set as Prometheus does', () => {
      // prometheus/common model: TestMetricToFingerprint.
      expect(
        labelSetFingerprint({
          name: 'garland, briggs',
          fear: 'love is not enough',
        }),
      ).toBe(BigInt('5799056148416392346').toString(16).padStart(16, '0'));
      expect(labelSetFingerprint({})).toBe(
        BigInt('14695981039346656037').toString(16),
      );
    });

    it('shows a posted alert in GET /alerts and its groups, routed and silenced like the others', async () => {
      const startsAt = new Date(
        ctx.clock.now().getTime() - 60_000,
      ).toISOString();
      const res = await post([
        {
          labels: {
            alertname: 'DeployStuck',
            cluster: 'prod-eu-1',
            severity: 'critical',
            empty: '',
          },
          annotations: { summary: 'Rollout of checkout is stuck' },
          startsAt,
          generatorURL: 'http://prometheus.example/graph?g0.expr=up',
        },
      ]);
      expect(res.status).toBe(200);
      const [alert] = await posted('DeployStuck');
      expect(alert).toMatchObject({
        labels: {
          alertname: 'DeployStuck',
          cluster: 'prod-eu-1',
          severity: 'critical',
        },
        annotations: { summary: 'Rollout of checkout is stuck' },
        startsAt,
        generatorURL: 'http://prometheus.example/graph?g0.expr=up',
        receivers: [{ name: 'platform-oncall' }],
        fingerprint: labelSetFingerprint({
          alertname: 'DeployStuck',
          cluster: 'prod-eu-1',
          severity: 'critical',
        }),
        status: { state: 'active' },
      });
      // Without endsAt it resolves after Alertmanager's resolve_timeout.
      expect(
        new Date(alert.endsAt).getTime() - new Date(alert.updatedAt).getTime(),
      ).toBe(5 * 60_000);
      expect(alert.labels).not.toHaveProperty('empty');
      const groups = await (await api('/alerts/groups')).json();
      const group = groups.find(
        (g: any) => g.labels.alertname === 'DeployStuck',
      );
      expect(group.alerts.map((a: any) => a.fingerprint)).toEqual([
        alert.fingerprint,
      ]);

      expect(
        (
          await postSilence({
            matchers: [
              {
                name: 'alertname',
                value: 'DeployStuck',
                isRegex: false,
                isEqual: true,
              },
            ],
            startsAt: ctx.clock.now().toISOString(),
            endsAt: inOneHour(),
            createdBy: 'test',
            comment: 'known',
          })
        ).status,
      ).toBe(200);
      expect(await posted('DeployStuck')).toEqual([
        expect.objectContaining({
          status: expect.objectContaining({ state: 'suppressed' }),
        }),
      ]);
    });

    it('merges a repeat of the same label set and drops an alert once it resolves', async () => {
      const labels = { alertname: 'QueueBacklog', cluster: 'prod-eu-1' };
      const first = new Date(ctx.clock.now().getTime() - 120_000).toISOString();
      expect(
        (
          await post([
            { labels, annotations: { summary: 'old' }, startsAt: first },
          ])
        ).status,
      ).toBe(200);
      ctx.clock.advance(60_000);
      const endsAt = new Date(
        ctx.clock.now().getTime() + 600_000,
      ).toISOString();
      const startsAt = ctx.clock.now().toISOString();
      expect(
        (
          await post([
            { labels, annotations: { summary: 'new' }, startsAt, endsAt },
          ])
        ).status,
      ).toBe(200);
      expect(await posted('QueueBacklog')).toEqual([
        expect.objectContaining({
          startsAt: first,
          endsAt,
          annotations: { summary: 'new' },
        }),
      ]);
      ctx.clock.advance(601_000);
      expect(await posted('QueueBacklog')).toEqual([]);

      const resolved = new Date(
        ctx.clock.now().getTime() - 1_000,
      ).toISOString();
      const past = new Date(ctx.clock.now().getTime() - 60_000).toISOString();
      expect(
        (
          await post([
            {
              labels: { alertname: 'AlreadyOver' },
              startsAt: past,
              endsAt: resolved,
            },
          ])
        ).status,
      ).toBe(200);
      expect(await posted('AlreadyOver')).toEqual([]);
    });

    it('answers invalid alerts with 400 naming the problem and keeps the valid ones of the batch', async () => {
      const res = await post([
        { labels: {} },
        { labels: { 'bad-name': 'x' } },
        {
          labels: { alertname: 'Backwards' },
          startsAt: inOneHour(),
          endsAt: ctx.clock.now().toISOString(),
        },
        { labels: { alertname: 'StillStored' } },
      ]);
      expect(res.status).toBe(400);
      expect(await res.json()).toBe(
        'at least one label pair required; invalid label set: invalid name "bad-name"; start time must be before end time',
      );
      expect(await posted('StillStored')).toHaveLength(1);
      expect(await posted('Backwards')).toEqual([]);

      const notAnArray = await post({ labels: { alertname: 'X' } });
      expect(notAnArray.status).toBe(400);
      expect((await notAnArray.json()).message).toMatch(
        /^parsing alerts body from "" failed, because json: cannot unmarshal object/,
      );
      const notJson = await api('/alerts', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '[{',
      });
      expect(notJson.status).toBe(400);
    });
  });
});

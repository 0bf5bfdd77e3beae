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

import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  bareEntity,
  entityUrl,
  paymentsApi,
  renderEntityCard,
} from '../../__testUtils__/entityCardFixtures';
import { itShowsTheBackendsMessage } from '../../__testUtils__/cardStateTests';
import { GrafanaCard } from './GrafanaCard';

const server = setupServer();
registerMswTestHooks(server);
const FIND = { timeout: 10_000 };
const CARD_URL = entityUrl('grafana');

const answer = (body: object) =>
  server.use(http.get(CARD_URL, () => HttpResponse.json(body)));

/** The pane of a Grafana Explore link, decoded. */
function paneOf(href: string) {
  const url = new URL(href);
  expect(url.origin + url.pathname).toBe('https://grafana.example/explore');
  return Object.values(JSON.parse(url.searchParams.get('panes')!))[0] as any;
}

describe('GrafanaCard', () => {
  it('shows the annotations to add, and still links traces and logs', async () => {
    let asked = false;
    server.use(
      http.get(`${CARD_URL}*`, () => {
        asked = true;
        return HttpResponse.json({});
      }),
    );
    await renderEntityCard(<GrafanaCard />, bareEntity);
    expect(
      await screen.findByText(
        'Grafana is not configured for this entity',
        undefined,
        FIND,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/grafana\/alert-label-selector: service=docs-site/),
    ).toBeInTheDocument();
    const traces = paneOf(
      screen.getByRole('link', { name: /View traces/ }).getAttribute('href')!,
    );
    expect(traces.queries[0].query).toBe(
      '{ resource.service.name = "docs-site" }',
    );
    expect(asked).toBe(false);
  });

  it('links traces to Tempo with the TraceQL of the service and logs to Loki with its namespace and app', async () => {
    answer({
      configured: true,
      dashboards: [],
      alerts: [],
      observedAt: '2026-11-26T10:00:00Z',
    });
    await renderEntityCard(<GrafanaCard />, paymentsApi);
    const traces = paneOf(
      (
        await screen.findByRole('link', { name: /View traces/ }, FIND)
      ).getAttribute('href')!,
    );
    expect(traces.datasource).toBe('tempo-uid');
    expect(traces.range).toEqual({ from: 'now-1h', to: 'now' });
    expect(traces.queries[0]).toMatchObject({
      datasource: { type: 'tempo', uid: 'tempo-uid' },
      queryType: 'traceql',
      query: '{ resource.service.name = "payments-api" }',
    });
    const logs = paneOf(
      screen.getByRole('link', { name: /View logs/ }).getAttribute('href')!,
    );
    expect(logs.datasource).toBe('loki-uid');
    expect(logs.queries[0].expr).toBe(
      '{namespace="payments", app="payments-api"}',
    );
  });

  it('names the config key when Explore datasources are not configured', async () => {
    answer({
      configured: true,
      dashboards: [],
      alerts: [],
      observedAt: '2026-11-26T10:00:00Z',
    });
    await renderEntityCard(<GrafanaCard />, paymentsApi, {});
    const traces = await screen.findByRole(
      'button',
      { name: /View traces/ },
      FIND,
    );
    expect(traces).toBeDisabled();
    expect(
      screen.getByTitle(/platform.links.grafana.datasources.tempo/),
    ).toBeInTheDocument();
  });

  itShowsTheBackendsMessage(
    { server, card: <GrafanaCard />, url: CARD_URL },
    {
      title: /Grafana could not be read/,
      name: 'AuthenticationError',
      message: "Grafana rejected the portal's credentials (HTTP 401)",
      status: 401,
      shown: /Grafana rejected the portal's credentials/,
    },
  );

  it('says so when no dashboard matches and no alert fires', async () => {
    answer({
      configured: true,
      dashboardSelector: 'payments-api',
      dashboards: [],
      alertSelector: 'service=payments-api',
      alerts: [],
      observedAt: '2026-11-26T10:00:00Z',
    });
    await renderEntityCard(<GrafanaCard />, paymentsApi);
    expect(
      await screen.findByText(
        'No dashboard matches payments-api.',
        undefined,
        FIND,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No alert with service=payments-api is firing.'),
    ).toBeInTheDocument();
  });

  it('lists dashboards and firing alerts with severity, state, summary, runbook and linked trace ids', async () => {
    answer({
      configured: true,
      dashboardSelector: 'payments-api',
      dashboards: [
        {
          uid: 'svc-payments-api',
          title: 'Service / payments-api',
          path: '/d/svc-payments-api/service-payments-api',
          folderTitle: 'team-payments',
          tags: ['payments-api'],
        },
      ],
      alertSelector: 'service=payments-api',
      alerts: [
        {
          name: 'PaymentsApiErrors',
          state: 'Alerting',
          severity: 'critical',
          summary:
            'Errors rising, e.g. traceID=4bf92f3577b34da6a3ce929d0e0e4736',
          runbookUrl: 'https://runbooks.example/payments-errors',
          activeAt: '2026-11-26T09:00:00Z',
          labels: { service: 'payments-api', cluster: 'prod-eu-1' },
        },
      ],
      observedAt: '2026-11-26T10:00:00Z',
    });
    await renderEntityCard(<GrafanaCard />, paymentsApi);
    const dashboards = await screen.findByRole(
      'list',
      { name: 'Dashboards' },
      FIND,
    );
    expect(
      within(dashboards).getByRole('link', {
        name: /^Service \/ payments-api/,
      }),
    ).toHaveAttribute(
      'href',
      'https://grafana.example/d/svc-payments-api/service-payments-api',
    );
    const alerts = screen.getByRole('list', { name: 'Firing alerts' });
    expect(within(alerts).getByText('PaymentsApiErrors')).toBeInTheDocument();
    expect(within(alerts).getByText('critical')).toBeInTheDocument();
    expect(within(alerts).getByText('Alerting')).toBeInTheDocument();
    expect(within(alerts).getByText('prod-eu-1')).toBeInTheDocument();
    expect(
      within(alerts).getByRole('link', { name: /^Runbook/ }),
    ).toHaveAttribute('href', 'https://runbooks.example/payments-errors');
    const trace = within(alerts).getByRole('link', {
      name: /^4bf92f3577b34da6a3ce929d0e0e4736/,
    });
    expect(paneOf(trace.getAttribute('href')!).queries[0]).toMatchObject({
      datasource: { type: 'tempo', uid: 'tempo-uid' },
      query: '4bf92f3577b34da6a3ce929d0e0e4736',
    });
  });
});

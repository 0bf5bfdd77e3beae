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
import { application } from '../../__testUtils__/argocdFixtures';
import {
  bareEntity,
  entityUrl,
  paymentsApi,
  renderEntityCard,
} from '../../__testUtils__/entityCardFixtures';
import { DeploymentStatusCard } from './DeploymentStatusCard';
import { hasDeploymentAnnotations } from './hasDeploymentAnnotations';

const server = setupServer();
registerMswTestHooks(server);
const FIND = { timeout: 10_000 };

const argocd = {
  configured: true,
  selector: 'argocd/app-selector: app.kubernetes.io/name=payments-api',
  applications: [
    application({
      instance: 'prod-eu-1',
      images: ['nexus.example/team-payments/payments-api:1.5.0'],
    }),
    application({
      instance: 'staging-1',
      healthStatus: 'Degraded',
      healthMessage: 'Deployment payments-api has 1 of 3 pods available',
      images: ['nexus.example/team-payments/payments-api:1.5.0'],
    }),
    application({ instance: 'prod-eu-2', syncStatus: 'OutOfSync', images: [] }),
  ],
  instanceErrors: [{ instance: 'edge-rke2-1', message: 'timed out' }],
};

const gitlab = {
  configured: true,
  project: { path: 'team-payments/payments-api', defaultBranch: 'main' },
  defaultBranch: [
    {
      id: 42,
      ref: 'main',
      status: 'failed',
      sha: 'abcdef0123456789',
      createdAt: '2026-12-07T09:00:00Z',
      webUrl:
        'https://gitlab.example/team-payments/payments-api/-/pipelines/42',
      stages: [],
    },
  ],
  mergeRequests: [],
  observedAt: '2026-12-07T10:00:00Z',
};

const grafana = {
  configured: true,
  alertSelector: 'service=payments-api',
  dashboards: [],
  alerts: [
    {
      name: 'PaymentsApiErrorRate',
      state: 'Alerting',
      severity: 'critical',
      summary: '5xx above 5 %',
      labels: { cluster: 'staging-1', service: 'payments-api' },
    },
  ],
  observedAt: '2026-12-07T10:00:00Z',
};

function answer(overrides: { grafana?: () => Response } = {}) {
  server.use(
    http.get(entityUrl('argocd'), () => HttpResponse.json(argocd)),
    http.get(entityUrl('gitlab'), () => HttpResponse.json(gitlab)),
    http.get(
      entityUrl('grafana'),
      overrides.grafana ?? (() => HttpResponse.json(grafana)),
    ),
  );
}

describe('DeploymentStatusCard', () => {
  it('shows the firing alert, every cluster worst first with its version, and the latest pipeline', async () => {
    answer();
    await renderEntityCard(<DeploymentStatusCard />, paymentsApi);
    const alerts = await screen.findByRole('region', { name: 'Firing alerts' });
    expect(
      await within(alerts).findByText(/PaymentsApiErrorRate/, undefined, FIND),
    ).toBeInTheDocument();
    expect(alerts).toHaveTextContent('alerting on staging-1: 5xx above 5 %');

    const table = await screen.findByRole(
      'table',
      { name: 'Deployment status per cluster' },
      FIND,
    );
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(r => r.firstElementChild?.textContent)).toEqual([
      'staging-1payments-api',
      'prod-eu-2payments-api',
      'prod-eu-1payments-api',
    ]);
    expect(rows[0]).toHaveTextContent('Degraded');
    expect(rows[0]).toHaveTextContent('1 of 3 pods available');
    expect(rows[0]).toHaveTextContent('1.5.0');
    // Without an image tag the synced revision stands in.
    expect(rows[1]).toHaveTextContent('OutOfSync');
    expect(rows[1]).toHaveTextContent('3333333a');
    expect(
      screen.getByText('Argo CD on edge-rke2-1 could not be read: timed out'),
    ).toBeInTheDocument();

    const pipeline = screen.getByRole('region', { name: 'Latest pipeline' });
    expect(
      within(pipeline).getByRole('link', { name: /^Pipeline #42/ }),
    ).toHaveAttribute(
      'href',
      'https://gitlab.example/team-payments/payments-api/-/pipelines/42',
    );
    expect(pipeline).toHaveTextContent('failed');
    expect(pipeline).toHaveTextContent('on main at abcdef01');
  });

  it('shows what it could read when one upstream fails', async () => {
    answer({
      grafana: () =>
        HttpResponse.json(
          {
            error: {
              name: 'ServiceUnavailableError',
              message: 'Grafana is down',
            },
          },
          { status: 503 },
        ),
    });
    await renderEntityCard(<DeploymentStatusCard />, paymentsApi);
    const alerts = screen.getByRole('region', { name: 'Firing alerts' });
    expect(
      await within(alerts).findByText(
        /Could not be read: .*Grafana is down/,
        undefined,
        FIND,
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole(
        'table',
        { name: 'Deployment status per cluster' },
        FIND,
      ),
    ).toBeInTheDocument();
  });
});

describe('hasDeploymentAnnotations', () => {
  it('holds for components naming their applications, project or alerts, and no others', () => {
    expect(hasDeploymentAnnotations(paymentsApi)).toBe(true);
    expect(hasDeploymentAnnotations(bareEntity)).toBe(false);
    expect(hasDeploymentAnnotations({ ...paymentsApi, kind: 'API' })).toBe(
      false,
    );
  });
});

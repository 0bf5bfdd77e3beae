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
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Route, Routes } from 'react-router-dom';
import {
  PLATFORM_BASE,
  renderWithPlatformApi,
} from '../../__testUtils__/renderWithPlatformApi';
import { LayerHealthPage } from './LayerHealthPage';

const server = setupServer();
registerMswTestHooks(server);

const observedAt = '2026-11-26T10:00:00.000Z';

function page() {
  return (
    <Routes>
      <Route
        path="/platform/clusters/:cluster/layers/:layer"
        element={<LayerHealthPage />}
      />
    </Routes>
  );
}

describe('LayerHealthPage', () => {
  beforeEach(() => {
    server.use(
      http.get(`${PLATFORM_BASE}/environment`, () =>
        HttpResponse.json({ simulated: true, clusterCount: 6 }),
      ),
      http.get(`${PLATFORM_BASE}/health/prod-eu-2/history`, () =>
        HttpResponse.json({
          cluster: 'prod-eu-2',
          changes: [
            {
              cluster: 'prod-eu-2',
              layer: 'security',
              from: 'ok',
              to: 'warning',
              changedAt: observedAt,
              message: 'renewal overdue',
            },
            {
              cluster: 'prod-eu-2',
              layer: 'storage',
              from: 'ok',
              to: 'warning',
              changedAt: observedAt,
              message: 'volume degraded',
            },
          ],
        }),
      ),
    );
  });

  it('shows each check with its evidence, the runbook steps in the page, owners and the layer history', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/health/prod-eu-2/security`, () =>
        HttpResponse.json({
          cluster: 'prod-eu-2',
          layer: 'security',
          verdict: 'warning',
          observedAt,
          checks: [
            {
              id: 'certificates-renewing',
              title: 'Certificates renew on time',
              verdict: 'warning',
              message: 'payments/payments-api-tls is past its renewal time',
              evidence: [
                {
                  object: 'Certificate/payments/payments-api-tls',
                  field: 'status.renewalTime',
                  value: '2026-11-01T00:00:00Z',
                  observedAt,
                },
              ],
              runbook: 'certificate-renewal-stuck',
            },
            {
              id: 'issuers-ready',
              title: 'ClusterIssuers Ready',
              verdict: 'ok',
              message: 'all ready',
              evidence: [],
            },
          ],
        }),
      ),
    );
    await renderWithPlatformApi(page(), {
      route: '/platform/clusters/prod-eu-2/layers/security',
    });
    expect(
      await screen.findByText(
        'payments/payments-api-tls is past its renewal time',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Certificate/payments/payments-api-tls'),
    ).toBeInTheDocument();
    expect(screen.getByText('2026-11-01T00:00:00Z')).toBeInTheDocument();
    expect(
      screen.getByText('Runbook: Certificate Expiry Emergency'),
    ).toBeInTheDocument();
    expect(screen.getByText('Force re-issuance if stuck')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Certificate Expiry Emergency' }),
    ).toHaveAttribute('href', '#runbook-certificate-renewal-stuck');
    expect(
      screen.getByRole('link', { name: 'platform-team' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/renewal overdue/)).toBeInTheDocument();
    expect(screen.queryByText(/volume degraded/)).not.toBeInTheDocument();
  });

  it('shows no runbook when every check passes', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/health/prod-eu-2/security`, () =>
        HttpResponse.json({
          cluster: 'prod-eu-2',
          layer: 'security',
          verdict: 'ok',
          observedAt,
          checks: [
            {
              id: 'issuers-ready',
              title: 'ClusterIssuers Ready',
              verdict: 'ok',
              message: 'all ready',
              evidence: [],
            },
          ],
        }),
      ),
    );
    await renderWithPlatformApi(page(), {
      route: '/platform/clusters/prod-eu-2/layers/security',
    });
    expect(await screen.findByText('all ready')).toBeInTheDocument();
    expect(screen.queryByText(/^Runbook:/)).not.toBeInTheDocument();
  });

  it('refuses a layer id that does not exist, naming it', async () => {
    await renderWithPlatformApi(page(), {
      route: '/platform/clusters/prod-eu-2/layers/kitchen',
    });
    expect(
      await screen.findByText(/There is no layer called 'kitchen'/),
    ).toBeInTheDocument();
  });
});

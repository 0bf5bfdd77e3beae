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
import { Route, Routes } from 'react-router-dom';
import {
  PLATFORM_BASE,
  renderWithPlatformApi,
} from '../../__testUtils__/renderWithPlatformApi';
import { refusedApi } from '../../__testUtils__/fleetFixtures';
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

  it('names the runbook step each failing check calls for, as it reads on the cluster’s provisioner, and none for an OK check', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/health/staging-1/history`, () =>
        HttpResponse.json({ cluster: 'staging-1', changes: [] }),
      ),
      http.get(`${PLATFORM_BASE}/health/staging-1/hardware`, () =>
        HttpResponse.json({
          cluster: 'staging-1',
          layer: 'hardware',
          verdict: 'critical',
          observedAt,
          checks: [
            {
              id: 'hardware.workers-ready',
              title: 'Worker nodes are Ready',
              verdict: 'critical',
              message: '1 of 2 worker nodes not Ready: staging-1-md-0-2',
              evidence: [
                {
                  object: 'Node/staging-1-md-0-2',
                  field: 'status.conditions[Ready]',
                  value: 'Unknown (NodeStatusUnknown)',
                  observedAt,
                },
              ],
              runbook: 'add-worker-node',
              remediation: {
                runbook: 'remove-node',
                runbookTitle: 'Replacing a Failed Node',
                step: 1,
                text: 'Cordon the node',
                commands: ['kubectl cordon staging-1-md-0-2'],
                provisioner: 'cluster-api',
                values: {
                  cluster: 'staging-1',
                  'management-cluster': 'mgmt',
                  'failed-node': 'staging-1-md-0-2',
                  'capi-namespace': 'clusters',
                },
              },
            },
            {
              id: 'hardware.node-pressure',
              title: 'No node reports memory, disk or PID pressure',
              verdict: 'ok',
              message: 'No pressure',
              evidence: [],
              runbook: 'add-worker-node',
            },
          ],
        }),
      ),
    );
    await renderWithPlatformApi(page(), {
      route: '/platform/clusters/staging-1/layers/hardware',
    });
    const link = await screen.findByRole('link', {
      name: 'Replacing a Failed Node, step 1: Cordon the node',
    });
    expect(link).toHaveAttribute('href', '#runbook-remove-node');
    // The OK check links to no remediation.
    const okRow = screen.getByText('No pressure').closest('tr')!;
    expect(within(okRow).queryByRole('link')).not.toBeInTheDocument();
    const steps = screen.getByRole('region', {
      name: 'Runbook: Replacing a Failed Node',
    });
    expect(
      within(steps).getByText('Steps for Cluster API'),
    ).toBeInTheDocument();
    expect(steps.textContent).toContain('kubectl cordon staging-1-md-0-2');
    expect(steps.textContent).toContain(
      'kubectl --context mgmt -n clusters delete machine <machine>',
    );
    expect(
      within(steps).getByText('(the failing check points here)'),
    ).toBeInTheDocument();
    const adding = screen.getByRole('region', {
      name: 'Runbook: Adding a New Worker Node',
    });
    expect(adding.textContent).toContain('scale machinedeployment');
    expect(adding.textContent).not.toContain('kubeadm join');
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

  it('while the API cannot be reached: the last known verdict as of its time, the cause once, and only the runbooks that need no API', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/health/prod-eu-2/networking`, () =>
        HttpResponse.json({
          cluster: 'prod-eu-2',
          layer: 'networking',
          verdict: 'critical',
          observedAt,
          stale: true,
          lastKnown: true,
          checks: [
            {
              id: 'networking.cilium-agents',
              title: 'Cilium agents ready',
              verdict: 'critical',
              message: 'cilium-x7k2p not ready on worker-2',
              evidence: [],
              runbook: 'cilium-network-policy-drops',
            },
          ],
          unreachable: refusedApi('prod-eu-2'),
        }),
      ),
    );
    await renderWithPlatformApi(page(), {
      route: '/platform/clusters/prod-eu-2/layers/networking',
    });
    expect(
      await screen.findByRole('region', {
        name: /Kubernetes API unreachable: connection refused/,
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('Last known Critical')).toBeInTheDocument();
    expect(screen.getAllByText(/could not be reached/)).toHaveLength(1);
    expect(
      screen.getByRole('heading', {
        name: 'Runbook: Kubernetes API Endpoint Unreachable',
      }),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/Cilium Network Policy Blocking Traffic/),
    ).not.toBeInTheDocument();
    expect(screen.queryByText(/kubectl/)).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Run diagnostic/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('navigation', { name: 'Breadcrumb' }),
    ).toHaveTextContent('Platform/prod-eu-2/Networking');
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

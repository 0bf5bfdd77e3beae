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
import { LAYERS } from '@platform-portal/plugin-platform-common';
import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Route, Routes, useParams } from 'react-router-dom';
import {
  clusterSummary,
  fleetHealth,
  refusedApi,
} from '../../__testUtils__/fleetFixtures';
import {
  PLATFORM_BASE,
  renderWithPlatformApi,
} from '../../__testUtils__/renderWithPlatformApi';
import { FleetHealthPage } from './FleetHealthPage';

const server = setupServer();
registerMswTestHooks(server);

function DrillDownProbe() {
  const { cluster, layer } = useParams();
  return <p>drill-down of {`${cluster}/${layer}`}</p>;
}

function serve(health: object, clusters: object[], simulated = false) {
  server.use(
    http.get(`${PLATFORM_BASE}/health`, () => HttpResponse.json(health)),
    http.get(`${PLATFORM_BASE}/clusters`, () =>
      HttpResponse.json({ clusters }),
    ),
    http.get(`${PLATFORM_BASE}/layers`, () =>
      HttpResponse.json({ layers: LAYERS }),
    ),
    http.get(`${PLATFORM_BASE}/environment`, () =>
      HttpResponse.json({ simulated, clusterCount: 2 }),
    ),
  );
}

describe('FleetHealthPage', () => {
  it('shows every cluster × layer with verdicts told in words, and the counts', async () => {
    serve(
      fleetHealth([
        { name: 'prod-eu-1' },
        {
          name: 'staging-1',
          verdicts: { storage: 'warning', 'internal-lb': 'critical' },
        },
      ]),
      [
        clusterSummary('prod-eu-1', 'production'),
        clusterSummary('staging-1', 'staging'),
      ],
      true,
    );
    await renderWithPlatformApi(<FleetHealthPage />);
    const matrix = await screen.findByRole('table', {
      name: 'Fleet health matrix',
    });
    expect(
      within(matrix).getByRole('link', { name: 'staging-1 Storage: Warning' }),
    ).toBeInTheDocument();
    expect(
      within(matrix).getByRole('link', {
        name: 'staging-1 Internal LB: Critical',
      }),
    ).toBeInTheDocument();
    expect(
      within(matrix).getByRole('link', { name: 'prod-eu-1 Storage: OK' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Critical layers: 1')).toBeInTheDocument();
    expect(screen.getByText('Warning layers: 1')).toBeInTheDocument();
    expect(screen.getByText('OK layers: 24')).toBeInTheDocument();
    expect(screen.getByTestId('critical-clusters')).toHaveTextContent(
      'Critical clusters: 1',
    );
    expect(screen.getByText(/Simulated fleet/)).toBeInTheDocument();
  });

  it('puts an unreachable cluster first, critical, with its last known verdicts greyed as of their time, and says so once', async () => {
    serve(
      fleetHealth([
        { name: 'prod-eu-1', verdicts: { storage: 'critical' } },
        {
          name: 'onprem-kubeadm-1',
          verdicts: { 'internal-lb': 'critical' },
          unreachable: refusedApi('onprem-kubeadm-1'),
        },
        { name: 'staging-1', verdicts: { gitops: 'warning' } },
      ]),
      [
        clusterSummary('prod-eu-1', 'production'),
        clusterSummary('onprem-kubeadm-1', 'production'),
        clusterSummary('staging-1', 'staging'),
      ],
    );
    await renderWithPlatformApi(<FleetHealthPage />);
    const matrix = await screen.findByRole('table', {
      name: 'Fleet health matrix',
    });
    const rows = within(matrix).getAllByRole('row').slice(1);
    expect(
      rows.map(r => within(r).getAllByRole('link')[0].textContent),
    ).toEqual(['onprem-kubeadm-1', 'prod-eu-1', 'staging-1']);
    expect(screen.getByTestId('critical-clusters')).toHaveTextContent(
      'Critical clusters: 2 (1 API unreachable)',
    );
    // Its last known Critical still counts.
    expect(screen.getByText('Critical layers: 2')).toBeInTheDocument();
    const down = rows[0];
    expect(
      within(down).getByRole('link', {
        name: /^onprem-kubeadm-1 Internal LB: last known Critical as of /,
      }),
    ).toBeInTheDocument();
    expect(
      within(down).getAllByRole('link', { name: /last known OK as of/ }),
    ).toHaveLength(LAYERS.length - 1);
    expect(within(down).getAllByText(/API unreachable/)).toHaveLength(1);
    expect(within(down).getByText('Refused for 10 min')).toBeInTheDocument();
    expect(matrix.textContent).not.toContain('could not be reached');
  });

  it('links a cell to the drill-down of that cluster and layer', async () => {
    serve(fleetHealth([{ name: 'prod-eu-1' }]), [
      clusterSummary('prod-eu-1', 'production'),
    ]);
    await renderWithPlatformApi(<FleetHealthPage />);
    const cell = await screen.findByRole('link', {
      name: 'prod-eu-1 External LB: OK',
    });
    expect(cell.getAttribute('href')).toMatch(
      /clusters\/prod-eu-1\/layers\/external-lb$/,
    );
  });

  it('moves between cells with the arrow keys, is one Tab stop, and opens a cell with Enter', async () => {
    serve(
      fleetHealth([
        // More critical layers than staging-1: the first row, worst first.
        {
          name: 'prod-eu-1',
          verdicts: { storage: 'critical', security: 'critical' },
        },
        { name: 'staging-1', verdicts: { 'internal-lb': 'critical' } },
      ]),
      [
        clusterSummary('prod-eu-1', 'production'),
        clusterSummary('staging-1', 'staging'),
      ],
    );
    const user = userEvent.setup();
    await renderWithPlatformApi(
      <Routes>
        <Route path="/" element={<FleetHealthPage />} />
        <Route
          path="/clusters/:cluster/layers/:layer"
          element={<DrillDownProbe />}
        />
      </Routes>,
    );
    const first = await screen.findByRole('link', { name: 'prod-eu-1' });
    act(() => first.focus());
    const focused = () =>
      document.activeElement?.getAttribute('aria-label') ??
      document.activeElement?.textContent;

    await user.keyboard('{ArrowRight}');
    expect(focused()).toBe('prod-eu-1 Provisioning: OK');
    await user.keyboard('{ArrowDown}');
    expect(focused()).toBe('staging-1 Provisioning: OK');
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}');
    expect(focused()).toBe('staging-1 Internal LB: Critical');
    await user.keyboard('{ArrowUp}');
    expect(focused()).toBe('prod-eu-1 Internal LB: OK');
    await user.keyboard('{End}');
    expect(focused()).toBe('prod-eu-1 Observability: OK');
    await user.keyboard('{ArrowRight}');
    expect(focused()).toBe('prod-eu-1 Observability: OK');
    await user.keyboard('{Home}');
    expect(focused()).toBe('prod-eu-1');
    // Tab leaves the matrix; Shift+Tab comes back to the cell it left.
    const table = screen.getByRole('table', { name: 'Fleet health matrix' });
    await user.tab();
    expect(table.contains(document.activeElement)).toBe(false);
    await user.tab({ shift: true });
    expect(focused()).toBe('prod-eu-1');
    await user.keyboard(
      '{ArrowRight}{ArrowDown}{ArrowRight}{ArrowRight}{ArrowRight}',
    );
    expect(focused()).toBe('staging-1 External LB: OK');
    await user.keyboard('{ArrowRight}');
    expect(focused()).toBe('staging-1 Internal LB: Critical');

    await user.keyboard('{Enter}');
    expect(
      await screen.findByText('drill-down of staging-1/internal-lb'),
    ).toBeInTheDocument();
  });

  it('hides healthy clusters when asked for problems only', async () => {
    serve(
      fleetHealth([
        { name: 'prod-eu-1' },
        { name: 'staging-1', verdicts: { gitops: 'warning' } },
      ]),
      [
        clusterSummary('prod-eu-1', 'production'),
        clusterSummary('staging-1', 'staging'),
      ],
    );
    await renderWithPlatformApi(<FleetHealthPage />);
    await screen.findByRole('table', { name: 'Fleet health matrix' });
    expect(screen.getByText('2 of 2 clusters')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Only problems' }));
    expect(screen.getByText('1 of 2 clusters')).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'prod-eu-1' }),
    ).not.toBeInTheDocument();
  });

  it('marks stale verdicts as stale rather than ok', async () => {
    serve(fleetHealth([{ name: 'edge-1', stale: true }]), [
      clusterSummary('edge-1', 'development'),
    ]);
    await renderWithPlatformApi(<FleetHealthPage />);
    expect(
      await screen.findByRole('link', { name: 'edge-1 Hardware: OK (stale)' }),
    ).toBeInTheDocument();
  });

  it('renders only a window of rows for a large fleet', async () => {
    const names = Array.from(
      { length: 1000 },
      (_, i) => `c-${String(i).padStart(4, '0')}`,
    );
    serve(
      fleetHealth(names.map(name => ({ name }))),
      names.map(name => clusterSummary(name, 'production')),
    );
    await renderWithPlatformApi(<FleetHealthPage />);
    await screen.findByText('1000 of 1000 clusters');
    const rows = within(
      screen.getByRole('table', { name: 'Fleet health matrix' }),
    ).getAllByRole('row');
    expect(rows.length).toBeLessThan(100);
    expect(screen.getByRole('link', { name: 'c-0000' })).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'c-0999' }),
    ).not.toBeInTheDocument();
  });

  it('says how to add clusters when there are none', async () => {
    serve({ layers: [], clusters: [], counts: {} }, []);
    await renderWithPlatformApi(<FleetHealthPage />);
    expect(await screen.findByText('No clusters yet')).toBeInTheDocument();
  });

  it('names the missing permission when health may not be read', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/health`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'Missing permission platform.health.read',
            },
            request: { method: 'GET', url: '/api/platform/health' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
      http.get(`${PLATFORM_BASE}/clusters`, () =>
        HttpResponse.json({ clusters: [] }),
      ),
      http.get(`${PLATFORM_BASE}/layers`, () =>
        HttpResponse.json({ layers: LAYERS }),
      ),
      http.get(`${PLATFORM_BASE}/environment`, () =>
        HttpResponse.json({ simulated: false, clusterCount: 0 }),
      ),
    );
    await renderWithPlatformApi(<FleetHealthPage />);
    expect(
      await screen.findByText(
        'You do not have permission platform.health.read',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/refused the request: Missing permission/),
    ).toBeInTheDocument();
  });
});

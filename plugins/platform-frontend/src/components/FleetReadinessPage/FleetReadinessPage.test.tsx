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
import { FleetReadinessResponse } from '@platform-portal/plugin-platform-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  PLATFORM_BASE,
  renderWithPlatformApi,
} from '../../__testUtils__/renderWithPlatformApi';
import { readinessFixture } from '../BuildOutReadiness/readinessFixtures';
import { FleetReadinessPage } from './FleetReadinessPage';

const server = setupServer();
registerMswTestHooks(server);
jest.setTimeout(30_000);

function summary(cluster: string, failed: number[]) {
  const { phases, ...rest } = readinessFixture(cluster, { failed });
  return {
    ...rest,
    phases: phases.map(({ steps: _s, title: _t, ...p }) => p),
  };
}

const fleet: FleetReadinessResponse = {
  clusters: [
    summary('prod-eu-1', []),
    summary('onprem-kubeadm-1', [9]),
    summary('prod-eu-2', [40]),
    {
      cluster: 'edge-rke2-1',
      score: { percent: 0, passed: 0, attested: 0, total: 50 },
      outOfOrder: false,
      phases: [],
      error: 'Kubernetes API of cluster edge-rke2-1 did not answer in time',
    },
  ],
};

/** The cluster column of the table, top to bottom. */
function clusterNames() {
  return screen
    .getAllByRole('row')
    .slice(1)
    .map(r => within(r).getAllByRole('cell')[0].textContent);
}

/** Picks an option of one of the page's select fields. */
async function choose(field: string, option: string) {
  await userEvent.click(
    screen.getByRole('button', { name: new RegExp(`^${field}`) }),
  );
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

describe('FleetReadinessPage', () => {
  beforeEach(() => {
    server.use(
      http.get(`${PLATFORM_BASE}/environment`, () =>
        HttpResponse.json({ simulated: true, clusterCount: 4 }),
      ),
    );
  });

  it('lists the clusters stuck earliest first, with the phase, the out-of-order flag and the clusters that failed to answer', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/readiness`, () => HttpResponse.json(fleet)),
    );
    await renderWithPlatformApi(<FleetReadinessPage />);
    expect(await screen.findByText('Clusters (4 of 4)')).toBeInTheDocument();
    expect(clusterNames()).toEqual([
      'onprem-kubeadm-1',
      'prod-eu-2',
      'edge-rke2-1',
      'prod-eu-1',
    ]);
    const rows = screen.getAllByRole('row').slice(1);
    expect(
      within(rows[0]).getByText('Phase 2: Cluster Bootstrap'),
    ).toBeInTheDocument();
    expect(
      within(rows[0]).getByText(/Phases 3, 4, .* pass while phase 2 fails/),
    ).toBeInTheDocument();
    expect(
      within(rows[0]).getByRole('img', {
        name: /^Phase 2: Cluster Bootstrap, failing; 4 of 6 steps passed/,
      }),
    ).toBeInTheDocument();
    expect(
      within(rows[0]).getByRole('img', {
        name: /^Phase 3: Load Balancing Foundation, passing; .*; passes while phase 2 fails$/,
      }),
    ).toBeInTheDocument();
    expect(
      within(rows[0]).getByRole('link', { name: 'onprem-kubeadm-1' }),
    ).toHaveAttribute('href', '/clusters/onprem-kubeadm-1/readiness');
    expect(
      within(rows[2]).getByText(/did not answer in time/),
    ).toBeInTheDocument();
    expect(within(rows[3]).getByText('Every phase passes')).toBeInTheDocument();
  });

  it('counts the steps awaiting a person apart from those that passed', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/readiness`, () => HttpResponse.json(fleet)),
    );
    await renderWithPlatformApi(<FleetReadinessPage />);
    const row = (
      await screen.findByRole('link', { name: 'prod-eu-1' })
    ).closest('tr')!;
    // Every automatic step passed; the five attestation steps are not.
    expect(
      within(row).getByText('45 of 50 steps passed, 5 awaiting attestation'),
    ).toBeInTheDocument();
    expect(
      within(row).getByRole('img', {
        name: /^Phase 2: Cluster Bootstrap, passing; 5 of 6 steps passed, 1 awaiting attestation$/,
      }),
    ).toBeInTheDocument();
  });

  it('narrows the fleet to the clusters stuck in one phase, or built out of order, and reorders it', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/readiness`, () => HttpResponse.json(fleet)),
    );
    await renderWithPlatformApi(<FleetReadinessPage />);
    await screen.findByText('Clusters (4 of 4)');

    await choose('Show', 'Stuck in phase 9: GitOps (1)');
    expect(clusterNames()).toEqual(['prod-eu-2']);
    expect(screen.getByText('Clusters (1 of 4)')).toBeInTheDocument();

    await choose('Show', 'Stuck in phase 4: Storage Foundation (0)');
    expect(screen.getByText('No cluster matches')).toBeInTheDocument();

    await choose('Show', 'Stuck in any phase (2)');
    expect(clusterNames()).toEqual(['onprem-kubeadm-1', 'prod-eu-2']);

    await choose('Show', 'Built out of order (2)');
    await choose('Order', 'Most advanced first');
    expect(clusterNames()).toEqual(['prod-eu-2', 'onprem-kubeadm-1']);

    await choose('Show', 'All clusters (4)');
    await choose('Order', 'Cluster name');
    expect(clusterNames()).toEqual([
      'edge-rke2-1',
      'onprem-kubeadm-1',
      'prod-eu-1',
      'prod-eu-2',
    ]);
  });

  it('shows a progress bar while the backend answers', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/readiness`, async () => {
        await delay('infinite');
        return HttpResponse.json(fleet);
      }),
    );
    await renderWithPlatformApi(<FleetReadinessPage />);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows the backend’s message when readiness cannot be read', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/readiness`, () =>
        HttpResponse.json(
          {
            error: { name: 'Error', message: 'store unavailable' },
            response: { statusCode: 500 },
          },
          { status: 500 },
        ),
      ),
    );
    await renderWithPlatformApi(<FleetReadinessPage />);
    expect(
      await screen.findByText(/store unavailable \(HTTP 500\)/),
    ).toBeInTheDocument();
  });

  it('says when no cluster is configured', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/readiness`, () =>
        HttpResponse.json({ clusters: [] }),
      ),
    );
    await renderWithPlatformApi(<FleetReadinessPage />);
    expect(await screen.findByText('No clusters')).toBeInTheDocument();
  });

  it('names the missing permission on a 403', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/readiness`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'Missing permission platform.health.read',
            },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await renderWithPlatformApi(<FleetReadinessPage />);
    expect(
      await screen.findByText(
        'You do not have permission platform.health.read',
      ),
    ).toBeInTheDocument();
  });
});

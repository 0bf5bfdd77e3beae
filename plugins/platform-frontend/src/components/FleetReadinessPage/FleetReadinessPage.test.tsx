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
import { http, HttpResponse } from 'msw';
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
    expect(
      await screen.findByText('Build-out readiness (4 clusters)'),
    ).toBeInTheDocument();
    const rows = screen.getAllByRole('row').slice(1);
    const names = rows.map(r => within(r).getAllByRole('cell')[0].textContent);
    expect(names).toEqual([
      'onprem-kubeadm-1',
      'prod-eu-2',
      'edge-rke2-1',
      'prod-eu-1',
    ]);
    expect(
      within(rows[0]).getByText('Phase 2: Cluster Bootstrap'),
    ).toBeInTheDocument();
    expect(
      within(rows[0]).getByText(/Phases 3, 4, .* pass while phase 2 fails/),
    ).toBeInTheDocument();
    expect(
      within(rows[0]).getByRole('link', { name: 'onprem-kubeadm-1' }),
    ).toHaveAttribute('href', '/clusters/onprem-kubeadm-1/readiness');
    expect(
      within(rows[2]).getByText(/did not answer in time/),
    ).toBeInTheDocument();
    expect(within(rows[3]).getByText('Every phase passes')).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Only clusters stuck in a phase' }),
    );
    expect(
      screen.getByText('Build-out readiness (2 clusters)'),
    ).toBeInTheDocument();
    expect(screen.queryByText('prod-eu-1')).not.toBeInTheDocument();
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

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
import { API_UNREACHABLE_RUNBOOKS } from '@platform-portal/plugin-platform-common';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { fleetHealth } from '../../__testUtils__/fleetFixtures';
import {
  PLATFORM_BASE,
  renderWithPlatformApi,
} from '../../__testUtils__/renderWithPlatformApi';
import { FleetAttentionCard } from './FleetAttentionCard';

const server = setupServer();
registerMswTestHooks(server);

const answer = (body: object, status = 200) =>
  server.use(
    http.get(`${PLATFORM_BASE}/health`, () =>
      HttpResponse.json(body, { status }),
    ),
  );

describe('FleetAttentionCard', () => {
  it('lists the clusters that need attention worst first, an unreachable one at the top, each linking to its page', async () => {
    answer(
      fleetHealth([
        { name: 'prod-eu-1' },
        {
          name: 'staging-1',
          verdicts: { hardware: 'critical', storage: 'critical' },
        },
        { name: 'prod-eu-2', verdicts: { security: 'warning' } },
        {
          name: 'onprem-kubeadm-1',
          unreachable: {
            endpoint: 'https://10.0.0.10:6443',
            errorClass: 'refused',
            message: 'connect ECONNREFUSED 10.0.0.10:6443',
            since: new Date(Date.now() - 3_600_000).toISOString(),
            lastAttemptAt: new Date().toISOString(),
            runbooks: [...API_UNREACHABLE_RUNBOOKS],
          },
        },
      ]),
    );
    await renderWithPlatformApi(<FleetAttentionCard />);
    const list = await screen.findByRole('list', {
      name: 'Clusters that need attention',
    });
    const names = within(list)
      .getAllByRole('link')
      .map(link => link.textContent);
    expect(names).toEqual(['onprem-kubeadm-1', 'staging-1', 'prod-eu-2']);
    expect(
      within(list).getByRole('link', { name: 'staging-1' }),
    ).toHaveAttribute('href', '/platform/clusters/staging-1');
    expect(
      within(list).getByText(/Kubernetes API unreachable since/),
    ).toBeInTheDocument();
    expect(within(list).getByText('Hardware, Storage')).toBeInTheDocument();
  });

  it('says so when every cluster is OK', async () => {
    answer(fleetHealth([{ name: 'prod-eu-1' }, { name: 'prod-eu-2' }]));
    await renderWithPlatformApi(<FleetAttentionCard />);
    expect(
      await screen.findByText('Every one of the 2 clusters is OK.'),
    ).toBeInTheDocument();
  });

  it('shows at most five and points to the fleet view for the rest', async () => {
    answer(
      fleetHealth(
        Array.from({ length: 7 }, (_, i) => ({
          name: `edge-${i}`,
          verdicts: { networking: 'warning' as const },
        })),
      ),
    );
    await renderWithPlatformApi(<FleetAttentionCard />);
    const list = await screen.findByRole('list', {
      name: 'Clusters that need attention',
    });
    expect(within(list).getAllByRole('link')).toHaveLength(5);
    expect(screen.getByText(/and 2 more in the/)).toBeInTheDocument();
  });

  it("shows the backend's refusal", async () => {
    answer(
      {
        error: {
          name: 'NotAllowedError',
          message: 'Missing permission platform.health.read',
        },
        request: { method: 'GET', url: '/health' },
        response: { statusCode: 403 },
      },
      403,
    );
    await renderWithPlatformApi(<FleetAttentionCard />);
    expect(
      await screen.findByText(
        'You do not have permission platform.health.read',
      ),
    ).toBeInTheDocument();
  });
});

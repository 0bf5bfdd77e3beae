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

import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  registerMswTestHooks,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Route, Routes } from 'react-router-dom';
import {
  PLATFORM_BASE,
  renderWithPlatformApi,
} from '../../__testUtils__/renderWithPlatformApi';
import { readinessFixture } from '../BuildOutReadiness/readinessFixtures';
import { Router } from './Router';

const server = setupServer();
registerMswTestHooks(server);
jest.setTimeout(30_000);

/** The platform pages mounted where the app mounts them. */
function renderAt(route: string) {
  return renderWithPlatformApi(
    <TestApiProvider apis={[[permissionApiRef, mockApis.permission()]]}>
      <Routes>
        <Route path="/platform/*" element={<Router />} />
      </Routes>
    </TestApiProvider>,
    { route },
  );
}

const { phases, ...prodEu2 } = readinessFixture('prod-eu-2', { failed: [40] });

describe('the platform pages lead to build-out readiness and back', () => {
  beforeEach(() => {
    server.use(
      http.get(`${PLATFORM_BASE}/environment`, () =>
        HttpResponse.json({ simulated: true, clusterCount: 1 }),
      ),
      http.get(`${PLATFORM_BASE}/readiness`, () =>
        HttpResponse.json({
          clusters: [
            {
              ...prodEu2,
              phases: phases.map(({ steps: _s, title: _t, ...p }) => p),
            },
          ],
        }),
      ),
      http.get(`${PLATFORM_BASE}/readiness/prod-eu-2`, () =>
        HttpResponse.json(readinessFixture('prod-eu-2', { failed: [40] })),
      ),
      // The health views' content does not matter here, only their links.
      http.get(`${PLATFORM_BASE}/*`, () =>
        HttpResponse.json(
          { error: { name: 'Error', message: 'not in this test' } },
          { status: 500 },
        ),
      ),
    );
  });

  it('from the fleet health page to the fleet readiness page and its clusters', async () => {
    await renderAt('/platform');
    const readiness = await screen.findByRole('button', {
      name: 'Build-out readiness',
    });
    expect(readiness).toHaveAttribute('href', '/platform/readiness');
    await userEvent.click(readiness);

    expect(
      await screen.findByText('Clusters (1 of 1)'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Fleet health' }),
    ).toHaveAttribute('href', '/platform');
    expect(screen.getByRole('link', { name: 'prod-eu-2' })).toHaveAttribute(
      'href',
      '/platform/clusters/prod-eu-2/readiness',
    );
  });

  it('from a cluster page to its readiness, and from there back to the cluster and the fleet', async () => {
    await renderAt('/platform/clusters/prod-eu-2');
    const readiness = await screen.findByRole('button', {
      name: 'Build-out readiness and sizing',
    });
    expect(readiness).toHaveAttribute(
      'href',
      '/platform/clusters/prod-eu-2/readiness',
    );
    await userEvent.click(readiness);

    expect(
      await screen.findByText('Stuck in phase 9: GitOps'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Cluster health' }),
    ).toHaveAttribute('href', '/platform/clusters/prod-eu-2');
    expect(
      screen.getByRole('button', { name: 'Fleet readiness' }),
    ).toHaveAttribute('href', '/platform/readiness');
  });
});

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

import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  registerMswTestHooks,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ReactElement } from 'react';
import { Route, Routes } from 'react-router-dom';
import {
  PLATFORM_BASE,
  renderWithPlatformApi,
} from '../__testUtils__/renderWithPlatformApi';
import { ClusterReadinessPage } from './BuildOutReadiness';
import { ClusterHealthPage } from './ClusterHealthPage';
import { ClusterLayersCard, ClusterNodesCard } from './ClusterEntity';
import { FleetHealthPage } from './FleetHealthPage';
import { FleetReadinessPage } from './FleetReadinessPage';
import { LayerHealthPage } from './LayerHealthPage';

const server = setupServer();
registerMswTestHooks(server);

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'prod-eu-2' },
  spec: { type: 'kubernetes-cluster', owner: 'platform-team' },
};

/** Every platform read refused as the backend refuses it. */
function refuseEverything(permission: string) {
  server.use(
    http.get(`${PLATFORM_BASE}/environment`, () =>
      HttpResponse.json({ simulated: true, clusterCount: 6 }),
    ),
    http.get(`${PLATFORM_BASE}/*`, ({ request }) =>
      HttpResponse.json(
        {
          error: {
            name: 'NotAllowedError',
            message: `Missing permission ${permission}`,
          },
          request: { method: 'GET', url: new URL(request.url).pathname },
          response: { statusCode: 403 },
        },
        { status: 403 },
      ),
    ),
  );
}

const views: Array<{ name: string; element: ReactElement; route: string }> = [
  { name: 'FleetHealthPage', element: <FleetHealthPage />, route: '/' },
  {
    name: 'ClusterHealthPage',
    element: (
      <Routes>
        <Route
          path="/platform/clusters/:cluster"
          element={<ClusterHealthPage />}
        />
      </Routes>
    ),
    route: '/platform/clusters/prod-eu-2',
  },
  {
    name: 'LayerHealthPage',
    element: (
      <Routes>
        <Route
          path="/platform/clusters/:cluster/layers/:layer"
          element={<LayerHealthPage />}
        />
      </Routes>
    ),
    route: '/platform/clusters/prod-eu-2/layers/storage',
  },
  {
    name: 'FleetReadinessPage',
    element: <FleetReadinessPage />,
    route: '/platform/readiness',
  },
  {
    // Readiness and sizing, both refused: said once.
    name: 'ClusterReadinessPage',
    element: (
      <TestApiProvider apis={[[permissionApiRef, mockApis.permission()]]}>
        <Routes>
          <Route
            path="/platform/clusters/:cluster/readiness"
            element={<ClusterReadinessPage />}
          />
        </Routes>
      </TestApiProvider>
    ),
    route: '/platform/clusters/prod-eu-2/readiness',
  },
  {
    name: 'ClusterLayersCard',
    element: (
      <EntityProvider entity={entity}>
        <ClusterLayersCard />
      </EntityProvider>
    ),
    route: '/',
  },
  {
    name: 'ClusterNodesCard',
    element: (
      <EntityProvider entity={entity}>
        <ClusterNodesCard />
      </EntityProvider>
    ),
    route: '/',
  },
];

describe('a view the backend refuses with 403', () => {
  it.each(views)(
    '$name names the missing permission instead of a generic error',
    async ({ element, route }) => {
      refuseEverything('platform.health.read');
      await renderWithPlatformApi(element, { route });
      expect(
        await screen.findByText(
          'You do not have permission platform.health.read',
        ),
      ).toBeInTheDocument();
      expect(screen.getAllByText(/You do not have permission/)).toHaveLength(1);
      expect(
        screen.queryByText(/The platform backend could not answer/),
      ).not.toBeInTheDocument();
    },
  );

  it('keeps the generic error panel, with the message, for other failures', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/health/prod-eu-2`, () =>
        HttpResponse.json(
          {
            error: { name: 'Error', message: 'store unavailable' },
            request: { method: 'GET', url: '/api/platform/health/prod-eu-2' },
            response: { statusCode: 500 },
          },
          { status: 500 },
        ),
      ),
    );
    await renderWithPlatformApi(
      <EntityProvider entity={entity}>
        <ClusterLayersCard />
      </EntityProvider>,
    );
    expect(
      await screen.findByText(/The platform backend could not answer/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/store unavailable \(HTTP 500\)/),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/You do not have permission/),
    ).not.toBeInTheDocument();
  });
});

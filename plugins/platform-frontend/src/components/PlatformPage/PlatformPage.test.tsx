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

import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { LAYERS } from '@platform-portal/plugin-platform-common';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { platformApiRef } from '../../api/PlatformApi';
import { PlatformClient } from '../../api/PlatformClient';
import { PlatformPage } from './PlatformPage';

const server = setupServer();
registerMswTestHooks(server);

const BASE = 'http://backend.test/api/platform';

function renderPage() {
  const discoveryApi = mockApis.discovery({ baseUrl: 'http://backend.test' });
  const fetchApi = new MockFetchApi();
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [discoveryApiRef, discoveryApi],
        [fetchApiRef, fetchApi],
        [platformApiRef, new PlatformClient({ discoveryApi, fetchApi })],
      ]}
    >
      <PlatformPage />
    </TestApiProvider>,
  );
}

describe('PlatformPage', () => {
  it('lists the layers the backend returns, with their owners', async () => {
    server.use(
      http.get(`${BASE}/layers`, () => HttpResponse.json({ layers: LAYERS })),
      http.get(`${BASE}/environment`, () =>
        HttpResponse.json({ simulated: false, clusterCount: 2 }),
      ),
    );
    await renderPage();
    expect(await screen.findByText('External LB')).toBeInTheDocument();
    expect(screen.getByText('Observability')).toBeInTheDocument();
    expect(screen.getAllByText('infrastructure-team').length).toBeGreaterThan(
      0,
    );
    expect(screen.queryByText(/Simulated fleet/)).not.toBeInTheDocument();
  });

  it('says plainly when the fleet is simulated', async () => {
    server.use(
      http.get(`${BASE}/layers`, () => HttpResponse.json({ layers: LAYERS })),
      http.get(`${BASE}/environment`, () =>
        HttpResponse.json({ simulated: true, clusterCount: 6 }),
      ),
    );
    await renderPage();
    expect(
      await screen.findByText(/Simulated fleet: these 6 clusters/),
    ).toBeInTheDocument();
  });

  it("shows the backend's error message when the request fails", async () => {
    server.use(
      http.get(`${BASE}/layers`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'Missing permission platform.health.read',
            },
            request: { method: 'GET', url: '/api/platform/layers' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
      http.get(`${BASE}/environment`, () =>
        HttpResponse.json({ simulated: false, clusterCount: 0 }),
      ),
    );
    await renderPage();
    expect(
      await screen.findByText(
        /Missing permission platform.health.read \(HTTP 403\)/,
      ),
    ).toBeInTheDocument();
  });
});

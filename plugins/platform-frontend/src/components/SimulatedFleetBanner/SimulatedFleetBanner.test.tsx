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
import {
  PLATFORM_BASE,
  renderWithPlatformApi,
} from '../../__testUtils__/renderWithPlatformApi';
import { SimulatedFleetBanner } from './SimulatedFleetBanner';

const server = setupServer();
registerMswTestHooks(server);

function serveEnvironment(environment: object) {
  server.use(
    http.get(`${PLATFORM_BASE}/environment`, () =>
      HttpResponse.json(environment),
    ),
  );
}

describe('SimulatedFleetBanner', () => {
  it('says the whole fleet is simulated', async () => {
    serveEnvironment({ simulated: true, clusterCount: 6 });
    await renderWithPlatformApi(<SimulatedFleetBanner />);
    expect(
      await screen.findByRole('status', { name: 'Simulated fleet' }),
    ).toHaveTextContent(
      'Simulated fleet: these 6 clusters and their upstreams are served by platform-sandbox',
    );
  });

  it('names the clusters whose Kubernetes API is a real control plane', async () => {
    serveEnvironment({
      simulated: true,
      clusterCount: 6,
      realKubernetes: ['mgmt', 'prod-eu-1', 'prod-eu-2'],
    });
    await renderWithPlatformApi(<SimulatedFleetBanner />);
    const banner = await screen.findByRole('status', {
      name: 'Simulated fleet',
    });
    expect(banner).toHaveTextContent(
      'the Kubernetes API of mgmt, prod-eu-1 and prod-eu-2 is a real control plane',
    );
    expect(banner).toHaveTextContent(
      'the other upstreams of these 6 clusters are served by platform-sandbox',
    );
  });
});

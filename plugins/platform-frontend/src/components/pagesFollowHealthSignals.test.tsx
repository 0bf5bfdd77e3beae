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
import {
  ClusterHealthResponse,
  HEALTH_SIGNAL_CHANNEL,
  HealthSignal,
  HealthVerdict,
  LAYERS,
} from '@platform-portal/plugin-platform-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Route, Routes } from 'react-router-dom';
import { clusterSummary, fleetHealth } from '../__testUtils__/fleetFixtures';
import {
  PLATFORM_BASE,
  renderWithPlatformApi,
} from '../__testUtils__/renderWithPlatformApi';
import { TestSignalApi } from '../__testUtils__/TestSignalApi';
import { ClusterHealthPage } from './ClusterHealthPage';
import { FleetHealthPage } from './FleetHealthPage';

const server = setupServer();
registerMswTestHooks(server);

/** Storage of prod-eu-1 as the backend stores it now. */
let storage: HealthVerdict;
/** GET requests of each platform path the pages made. */
let requests: Record<string, number>;

const signal = (cluster: string, layer: string, to: HealthVerdict) =>
  ({
    cluster,
    changes: [{ layer, from: 'ok', to, changedAt: new Date().toISOString() }],
  } satisfies HealthSignal);

function clusterHealth(): ClusterHealthResponse {
  return {
    cluster: 'prod-eu-1',
    verdict: storage,
    layers: LAYERS.map(l => ({
      cluster: 'prod-eu-1',
      layer: l.id,
      verdict: l.id === 'storage' ? storage : 'ok',
      observedAt: new Date().toISOString(),
      stale: false,
      checks: [],
    })),
  };
}

beforeEach(() => {
  storage = 'ok';
  requests = {};
  server.events.on('request:start', ({ request }) => {
    const path = new URL(request.url).pathname.replace('/api/platform', '');
    requests[path] = (requests[path] ?? 0) + 1;
  });
  server.use(
    http.get(`${PLATFORM_BASE}/health`, () =>
      HttpResponse.json(
        fleetHealth([
          { name: 'prod-eu-1', verdicts: { storage } },
          { name: 'staging-1' },
        ]),
      ),
    ),
    http.get(`${PLATFORM_BASE}/clusters`, () =>
      HttpResponse.json({
        clusters: [
          clusterSummary('prod-eu-1', 'production'),
          clusterSummary('staging-1', 'staging'),
        ],
      }),
    ),
    http.get(`${PLATFORM_BASE}/health/prod-eu-1`, () =>
      HttpResponse.json(clusterHealth()),
    ),
    http.get(`${PLATFORM_BASE}/health/prod-eu-1/history`, () =>
      HttpResponse.json({ cluster: 'prod-eu-1', changes: [] }),
    ),
    http.get(`${PLATFORM_BASE}/clusters/prod-eu-1`, () =>
      HttpResponse.json({
        ...clusterSummary('prod-eu-1', 'production'),
        kubernetesVersions: ['v1.31.2'],
        nodes: [],
      }),
    ),
    http.get(`${PLATFORM_BASE}/environment`, () =>
      HttpResponse.json({ simulated: false, clusterCount: 2 }),
    ),
    http.get(`${PLATFORM_BASE}/layers`, () =>
      HttpResponse.json({ layers: LAYERS }),
    ),
  );
  // Fake timers that still run: a page that polled would fetch once the test
  // skips ten minutes ahead.
  jest.useFakeTimers({ advanceTimers: true });
});

afterEach(() => {
  server.events.removeAllListeners();
  jest.useRealTimers();
});

/** Ten minutes pass with the page open. */
async function tenMinutesLater() {
  await act(async () => {
    jest.advanceTimersByTime(10 * 60_000);
  });
}

describe('open health pages follow platform:health signals, without polling', () => {
  it('the fleet matrix shows a stored verdict change once its signal arrives', async () => {
    const signals = new TestSignalApi();
    await renderWithPlatformApi(<FleetHealthPage />, { signals });
    const matrix = await screen.findByRole('table', {
      name: 'Fleet health matrix',
    });
    expect(
      within(matrix).getByRole('link', { name: 'prod-eu-1 Storage: OK' }),
    ).toBeInTheDocument();
    expect(signals.subscriberCount(HEALTH_SIGNAL_CHANNEL)).toBe(1);

    storage = 'critical';
    await tenMinutesLater();
    expect(requests['/health']).toBe(1);
    expect(
      within(matrix).getByRole('link', { name: 'prod-eu-1 Storage: OK' }),
    ).toBeInTheDocument();

    act(() =>
      signals.publish(
        HEALTH_SIGNAL_CHANNEL,
        signal('prod-eu-1', 'storage', 'critical'),
      ),
    );
    expect(
      await within(matrix).findByRole('link', {
        name: 'prod-eu-1 Storage: Critical',
      }),
    ).toBeInTheDocument();
    expect(requests['/health']).toBe(2);
  });

  it('the cluster page reloads on its own cluster’s signal, not on another’s', async () => {
    const signals = new TestSignalApi();
    await renderWithPlatformApi(
      <Routes>
        <Route
          path="/platform/clusters/:cluster"
          element={<ClusterHealthPage />}
        />
      </Routes>,
      { route: '/platform/clusters/prod-eu-1', signals },
    );
    await screen.findByText('Layers');
    const storageRow = () => screen.getByRole('row', { name: /Storage/ });
    expect(within(storageRow()).getByText('OK')).toBeInTheDocument();

    storage = 'critical';
    await tenMinutesLater();
    act(() =>
      signals.publish(
        HEALTH_SIGNAL_CHANNEL,
        signal('staging-1', 'storage', 'critical'),
      ),
    );
    await tenMinutesLater();
    expect(requests['/health/prod-eu-1']).toBe(1);
    expect(within(storageRow()).getByText('OK')).toBeInTheDocument();

    act(() =>
      signals.publish(
        HEALTH_SIGNAL_CHANNEL,
        signal('prod-eu-1', 'storage', 'critical'),
      ),
    );
    // The table is drawn anew: look the row up again until it shows the new verdict.
    await waitFor(() =>
      expect(within(storageRow()).getByText('Critical')).toBeInTheDocument(),
    );
    expect(requests['/health/prod-eu-1']).toBe(2);
  });
});

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
import { SizingResponse } from '@platform-portal/plugin-platform-common';
import { screen, within } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  PLATFORM_BASE,
  renderWithPlatformApi,
} from '../../__testUtils__/renderWithPlatformApi';
import { SizingCard } from './SizingCard';

const server = setupServer();
registerMswTestHooks(server);
jest.setTimeout(30_000);

const node = (name: string, role: 'control-plane' | 'worker') => ({
  name,
  role,
  ready: true,
  capacity: { cpu: 4, memoryGiB: 8, diskGiB: 100, pods: 110 },
  allocatable: { cpu: 4, memoryGiB: 7, diskGiB: 90, pods: 110 },
  requested: { cpu: 1, memoryGiB: 2, pods: 12 },
});

const sizing: SizingResponse = {
  cluster: 'staging-1',
  profile: 'minimum',
  observedAt: '2026-11-26T10:00:00.000Z',
  nodes: [
    node('staging-1-control-plane-1', 'control-plane'),
    node('staging-1-md-0-1', 'worker'),
    node('staging-1-md-0-2', 'worker'),
  ],
  findings: [
    {
      rule: 'pods-per-node',
      title: 'Pods per node',
      severity: 'ok',
      layer: 'hardware',
      message: 'Fullest node staging-1-md-0-1 runs 12 of 110 pods',
      numbers: { pods: 12, maxPods: 110 },
      recommendation: 'Kubernetes allows 110 pods per node by default.',
    },
    {
      rule: 'workers-n-plus-one',
      title: 'N+1 workers',
      severity: 'warning',
      layer: 'hardware',
      message: 'Losing staging-1-md-0-1 leaves too few GiB of memory',
      numbers: { requestedMemoryGiB: 9, allocatableMemoryGiBWithoutLargest: 7 },
      recommendation: 'Add 1 worker(s) the size of staging-1-md-0-1.',
    },
  ],
  usageError:
    'Prometheus is not configured; set platform.upstreams.prometheus.url',
};

describe('SizingCard', () => {
  it('lists the findings worst first with the cluster’s numbers and the guide’s recommendation', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/sizing/staging-1`, () =>
        HttpResponse.json(sizing),
      ),
    );
    await renderWithPlatformApi(<SizingCard cluster="staging-1" />);
    expect(
      await screen.findByText(
        "1 control-plane and 2 worker nodes against the guide's minimum sizing",
      ),
    ).toBeInTheDocument();
    const rows = screen.getAllByRole('row').slice(1);
    expect(within(rows[0]).getByText('N+1 workers')).toBeInTheDocument();
    expect(within(rows[0]).getByText('Warning')).toBeInTheDocument();
    expect(
      within(rows[0]).getByText(
        'requestedMemoryGiB: 9, allocatableMemoryGiBWithoutLargest: 7',
      ),
    ).toBeInTheDocument();
    expect(
      within(rows[0]).getByText(
        'Add 1 worker(s) the size of staging-1-md-0-1.',
      ),
    ).toBeInTheDocument();
    expect(within(rows[1]).getByText('Pods per node')).toBeInTheDocument();
    expect(
      screen.getByText(/Usage from Prometheus unavailable/),
    ).toBeInTheDocument();
  });

  it('shows a progress bar while the backend answers', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/sizing/staging-1`, async () => {
        await delay('infinite');
        return HttpResponse.json(sizing);
      }),
    );
    await renderWithPlatformApi(<SizingCard cluster="staging-1" />);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(screen.queryByText('Sizing')).not.toBeInTheDocument();
  });

  it('says when no node is visible', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/sizing/staging-1`, () =>
        HttpResponse.json({ ...sizing, nodes: [], findings: [] }),
      ),
    );
    await renderWithPlatformApi(<SizingCard cluster="staging-1" />);
    expect(await screen.findByText('No nodes to size')).toBeInTheDocument();
  });

  it('shows the backend’s message, and names a missing permission', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/sizing/staging-1`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'ServiceUnavailableError',
              message:
                'Cannot size cluster staging-1: Kubernetes API did not answer in time',
            },
            response: { statusCode: 503 },
          },
          { status: 503 },
        ),
      ),
    );
    const first = await renderWithPlatformApi(
      <SizingCard cluster="staging-1" />,
    );
    expect(
      await screen.findByText(/did not answer in time \(HTTP 503\)/),
    ).toBeInTheDocument();
    first.unmount();

    server.use(
      http.get(`${PLATFORM_BASE}/sizing/staging-1`, () =>
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
    await renderWithPlatformApi(<SizingCard cluster="staging-1" />);
    expect(
      await screen.findByText(
        'You do not have permission platform.health.read',
      ),
    ).toBeInTheDocument();
  });
});

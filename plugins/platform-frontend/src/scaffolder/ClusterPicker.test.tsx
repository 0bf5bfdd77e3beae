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
import { ClustersResponse } from '@platform-portal/plugin-platform-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ClusterPicker } from './ClusterPicker';
import {
  PLATFORM_BASE,
  renderScaffolderField,
} from '../__testUtils__/renderScaffolderField';

const server = setupServer();
registerMswTestHooks(server);

const FLEET: ClustersResponse = {
  clusters: [
    {
      name: 'mgmt',
      provisioner: 'kubeadm',
      environment: 'management',
      management: true,
      verdict: 'ok',
    },
    {
      name: 'staging-1',
      provisioner: 'cluster-api',
      environment: 'staging',
      management: false,
      managementCluster: 'mgmt',
      verdict: 'critical',
    },
    {
      name: 'prod-eu-1',
      provisioner: 'cluster-api',
      environment: 'production',
      management: false,
      managementCluster: 'mgmt',
      verdict: 'ok',
    },
  ],
};

describe('ClusterPicker', () => {
  beforeEach(() => {
    server.use(
      http.get(`${PLATFORM_BASE}/clusters`, () => HttpResponse.json(FLEET)),
    );
  });

  it('offers the workload clusters with environment and health, healthiest first, without the management cluster, and reports the catalog ref', async () => {
    const { onChange } = await renderScaffolderField(ClusterPicker, {
      schema: { title: 'Cluster' },
    });
    await userEvent.click(
      await screen.findByRole('button', { name: /Cluster/ }),
    );
    expect(
      screen.getAllByRole('option').map(option => option.textContent),
    ).toEqual(['prod-eu-1 — production, OK', 'staging-1 — staging, Critical']);
    await userEvent.click(
      screen.getByRole('option', { name: 'staging-1 — staging, Critical' }),
    );
    expect(onChange).toHaveBeenLastCalledWith('resource:default/staging-1');
  });

  it('says when the chosen cluster is Critical', async () => {
    await renderScaffolderField(ClusterPicker, {
      formData: 'resource:default/staging-1',
    });
    expect(
      await screen.findByText(
        'staging-1 is Critical now: check its health page before adding to it.',
      ),
    ).toBeInTheDocument();
  });

  it('offers the management cluster only to templates that ask for it', async () => {
    await renderScaffolderField(ClusterPicker, {
      uiOptions: { includeManagement: true },
      schema: { title: 'Cluster' },
    });
    await userEvent.click(
      await screen.findByRole('button', { name: /Cluster/ }),
    );
    expect(
      screen.getByRole('option', { name: 'mgmt — management, OK' }),
    ).toBeInTheDocument();
  });

  it('says why when the clusters cannot be listed', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/clusters`, () =>
        HttpResponse.json(
          { error: { name: 'Error', message: 'database unavailable' } },
          { status: 503 },
        ),
      ),
    );
    await renderScaffolderField(ClusterPicker);
    expect(
      await screen.findByText(/The clusters could not be listed/),
    ).toBeInTheDocument();
  });
});

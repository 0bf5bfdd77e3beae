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
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { LAYERS } from '@platform-portal/plugin-platform-common';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  PLATFORM_BASE,
  renderWithPlatformApi,
} from '../../__testUtils__/renderWithPlatformApi';
import { ClusterActionsCard } from './ClusterActionsCard';
import { ClusterLayersCard } from './ClusterLayersCard';
import { ClusterOverviewCard } from './ClusterOverviewCard';
import { isKubernetesClusterEntity } from './isKubernetesClusterEntity';

const server = setupServer();
registerMswTestHooks(server);

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'prod-eu-2',
    annotations: {
      'platform-portal.io/cluster-provisioner': 'cluster-api',
      'platform-portal.io/kubernetes-version': 'v1.33.4',
      'platform-portal.io/control-plane-count': '3',
      'platform-portal.io/worker-count': '4',
      'platform-portal.io/cluster-phase': 'Provisioned',
      'platform-portal.io/management-cluster': 'mgmt',
    },
  },
  spec: { type: 'kubernetes-cluster', owner: 'platform-team' },
};

describe('cluster entity cards', () => {
  it('recognises cluster resources only', () => {
    expect(isKubernetesClusterEntity(entity)).toBe(true);
    expect(
      isKubernetesClusterEntity({ ...entity, spec: { type: 'database' } }),
    ).toBe(false);
    expect(isKubernetesClusterEntity({ ...entity, kind: 'Component' })).toBe(
      false,
    );
  });

  it('shows provisioner, version, node counts and phase from the entity', async () => {
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <ClusterOverviewCard />
      </EntityProvider>,
    );
    expect(screen.getByText('cluster-api')).toBeInTheDocument();
    expect(screen.getByText('v1.33.4')).toBeInTheDocument();
    expect(screen.getByText('Provisioned')).toBeInTheDocument();
    expect(screen.getByText('mgmt')).toBeInTheDocument();
  });

  it('lists the 13 layers with their verdicts, linking to the evidence', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/health/prod-eu-2`, () =>
        HttpResponse.json({
          cluster: 'prod-eu-2',
          verdict: 'warning',
          layers: LAYERS.map(l => ({
            cluster: 'prod-eu-2',
            layer: l.id,
            verdict: l.id === 'storage' ? 'warning' : 'ok',
            checks: [],
            observedAt: '2026-11-26T10:00:00Z',
          })),
        }),
      ),
    );
    await renderWithPlatformApi(
      <EntityProvider entity={entity}>
        <ClusterLayersCard />
      </EntityProvider>,
    );
    const storage = await screen.findByRole('link', { name: 'Storage' });
    expect(storage.getAttribute('href')).toBe(
      '/platform/clusters/prod-eu-2/layers/storage',
    );
    expect(screen.getAllByText('OK')).toHaveLength(12);
    expect(screen.getByText('Warning')).toBeInTheDocument();
  });

  it('offers scale and upgrade to those allowed to provision, with the cluster filled in', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            permissionApiRef,
            mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
          ],
        ]}
      >
        <EntityProvider entity={entity}>
          <ClusterActionsCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    // MUI gives a link styled as a button the button role.
    const scale = await screen.findByRole('button', { name: 'Scale workers' });
    const url = new URL(
      scale.closest('a')!.getAttribute('href')!,
      'http://portal',
    );
    expect(url.pathname).toBe(
      '/create/templates/default/platform-cluster-scale',
    );
    expect(JSON.parse(url.searchParams.get('formData')!)).toEqual({
      cluster: 'resource:default/prod-eu-2',
    });
  });
});

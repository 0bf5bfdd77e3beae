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
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockFetchApi,
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { ArgocdApplication } from '@platform-portal/plugin-platform-common';
import { platformApiRef } from '../api/PlatformApi';
import { PlatformClient } from '../api/PlatformClient';
import { PLATFORM_BASE } from './renderWithPlatformApi';
import { ArgocdCard } from '../components/ArgocdCard';

export const ARGOCD_URL = `${PLATFORM_BASE}/entity/default/component/payments-api/argocd`;

export const annotatedEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: {
      'argocd/app-selector': 'app.kubernetes.io/name=payments-api',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
};

const rev = (n: number) => `${String(n).repeat(7)}${'a'.repeat(33)}`;

export function application(
  overrides: Partial<ArgocdApplication> = {},
): ArgocdApplication {
  return {
    instance: 'prod-eu-1',
    name: 'payments-api',
    project: 'payments',
    syncStatus: 'Synced',
    healthStatus: 'Healthy',
    revision: rev(3),
    automatedSync: false,
    history: [
      {
        id: 3,
        revision: rev(3),
        deployedAt: '2026-11-20T10:00:00Z',
        initiatedBy: 'admin',
      },
      {
        id: 2,
        revision: rev(2),
        deployedAt: '2026-11-13T10:00:00Z',
        initiatedBy: 'admin',
      },
      { id: 1, revision: rev(1), deployedAt: '2026-11-06T10:00:00Z' },
      { id: 0, revision: rev(4), deployedAt: '2026-10-30T10:00:00Z' },
    ],
    operation: {
      phase: 'Succeeded',
      revision: rev(3),
      startedAt: '2026-11-20T09:59:20Z',
      initiatedBy: 'admin',
    },
    resources: {
      total: 7,
      byHealth: { Healthy: 6, Degraded: 1 },
      outOfSync: 0,
    },
    images: ['registry.example/team-payments/payments-api:1.5.0'],
    externalURLs: [],
    ...overrides,
  };
}

export function renderCard(
  entity: Entity,
  permission: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  const discoveryApi = mockApis.discovery({ baseUrl: 'http://backend.test' });
  const fetchApi = new MockFetchApi();
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [discoveryApiRef, discoveryApi],
        [fetchApiRef, fetchApi],
        [platformApiRef, new PlatformClient({ discoveryApi, fetchApi })],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: permission === AuthorizeResult.ALLOW ? 'ALLOW' : 'DENY',
          }),
        ],
      ]}
    >
      <EntityProvider entity={entity}>
        <ArgocdCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

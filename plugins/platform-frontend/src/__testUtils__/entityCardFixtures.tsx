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
import {
  configApiRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  MockFetchApi,
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { ReactElement } from 'react';
import { platformApiRef } from '../api/PlatformApi';
import { PlatformClient } from '../api/PlatformClient';
import { PLATFORM_BASE } from './renderWithPlatformApi';

/** payments-api as catalog/components.yaml declares it. */
export const paymentsApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: {
      'backstage.io/kubernetes-id': 'payments-api',
      'backstage.io/kubernetes-namespace': 'payments',
      'gitlab.com/project-slug': 'team-payments/payments-api',
      'nexus-repository-manager/docker.image-name':
        'team-payments/payments-api',
      'platform-portal.io/nexus-helm-chart': 'payments-api',
      'grafana/dashboard-selector': 'payments-api',
      'grafana/alert-label-selector': 'service=payments-api',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
};

/** An entity with none of the integrations' annotations. */
export const bareEntity: Entity = {
  ...paymentsApi,
  metadata: { name: 'docs-site', namespace: 'default' },
};

export const entityUrl = (integration: string) =>
  `${PLATFORM_BASE}/entity/default/component/payments-api/${integration}`;

export const GRAFANA_LINKS = {
  platform: {
    links: {
      grafana: {
        baseUrl: 'https://grafana.example',
        datasources: { tempo: 'tempo-uid', loki: 'loki-uid' },
      },
    },
  },
};

/** Renders an entity card with the real PlatformClient talking to msw handlers. */
export function renderEntityCard(
  card: ReactElement,
  entity: Entity,
  config: object = GRAFANA_LINKS,
) {
  const discoveryApi = mockApis.discovery({ baseUrl: 'http://backend.test' });
  const fetchApi = new MockFetchApi();
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [discoveryApiRef, discoveryApi],
        [fetchApiRef, fetchApi],
        [configApiRef, mockApis.config({ data: config })],
        [platformApiRef, new PlatformClient({ discoveryApi, fetchApi })],
      ]}
    >
      <EntityProvider entity={entity}>{card}</EntityProvider>
    </TestApiProvider>,
  );
}

/** A failure in the Backstage error envelope, as the backend sends it. */
export function backendErrorBody(
  name: string,
  message: string,
  status: number,
) {
  return {
    error: { name, message },
    request: { method: 'GET', url: '/api/platform/entity' },
    response: { statusCode: status },
  };
}

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
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ClusterActionsCard } from './ClusterActionsCard';

// In a file of its own: permission answers are cached per module instance,
// so an allowed answer from another test would be reused here.
const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'prod-eu-2' },
  spec: { type: 'kubernetes-cluster', owner: 'platform-team' },
};

describe('ClusterActionsCard without the provision permission', () => {
  it('explains the missing buttons to everyone else', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            permissionApiRef,
            mockApis.permission({ authorize: AuthorizeResult.DENY }),
          ],
        ]}
      >
        <EntityProvider entity={entity}>
          <ClusterActionsCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(
        /need the platform.cluster.provision permission/,
        undefined,
        {
          timeout: 10_000,
        },
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'Scale workers' }),
    ).not.toBeInTheDocument();
  });
});

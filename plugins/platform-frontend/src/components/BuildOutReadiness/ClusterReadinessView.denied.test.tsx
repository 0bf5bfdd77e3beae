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

import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  registerMswTestHooks,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  PLATFORM_BASE,
  renderWithPlatformApi,
} from '../../__testUtils__/renderWithPlatformApi';
import { ClusterReadinessView } from './ClusterReadinessView';
import { readinessFixture } from './readinessFixtures';

// In a file of its own: permission answers are cached per module instance.
const server = setupServer();
registerMswTestHooks(server);
jest.setTimeout(30_000);

describe('ClusterReadinessView without the provision permission', () => {
  it('shows the steps awaiting attestation but offers no attest action', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/readiness/prod-eu-2`, () =>
        HttpResponse.json(readinessFixture('prod-eu-2', { failed: [7] })),
      ),
    );
    await renderWithPlatformApi(
      <TestApiProvider
        apis={[
          [
            permissionApiRef,
            mockApis.permission({ authorize: AuthorizeResult.DENY }),
          ],
        ]}
      >
        <ClusterReadinessView cluster="prod-eu-2" />
      </TestApiProvider>,
    );
    expect(await screen.findByText('Awaiting attestation')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Attest' }),
    ).not.toBeInTheDocument();
  });
});

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
import { fireEvent, screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  PLATFORM_BASE,
  renderWithPlatformApi,
} from '../../__testUtils__/renderWithPlatformApi';
import { stuckCertificateRun } from './diagnosticFixture';
import { RunbookDiagnostic } from './RunbookDiagnostic';

// In a file of its own: permission answers are cached per module instance.
const server = setupServer();
registerMswTestHooks(server);
jest.setTimeout(30_000);

describe('RunbookDiagnostic without the provision permission', () => {
  it('shows the findings and the commands but offers no remediation', async () => {
    server.use(
      http.post(
        `${PLATFORM_BASE}/diagnostics/prod-eu-2/certificate-renewal-stuck`,
        () => HttpResponse.json(stuckCertificateRun),
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
        <RunbookDiagnostic
          cluster="prod-eu-2"
          runbook="certificate-renewal-stuck"
        />
      </TestApiProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Run diagnostic' }));
    expect(await screen.findByText('Cause found')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Re-issue/ }),
    ).not.toBeInTheDocument();
    expect(screen.getByText('Commands to run by hand')).toBeInTheDocument();
  });
});

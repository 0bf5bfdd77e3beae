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
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  annotatedEntity,
  application,
  ARGOCD_URL,
  renderCard,
} from '../../__testUtils__/argocdFixtures';

// In a file of its own: permission answers are cached per module instance,
// so an allowed answer from another test would be reused here.
const server = setupServer();
registerMswTestHooks(server);

describe('ArgocdCard without sync and rollback permissions', () => {
  it('shows the applications without the buttons', async () => {
    server.use(
      http.get(ARGOCD_URL, () =>
        HttpResponse.json({
          configured: true,
          selector: 's',
          applications: [application()],
          instanceErrors: [],
          observedAt: 'x',
        }),
      ),
    );
    await renderCard(annotatedEntity, AuthorizeResult.DENY);
    expect(
      await screen.findByRole(
        'listitem',
        { name: 'payments-api on prod-eu-1' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Sync/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Roll back/ }),
    ).not.toBeInTheDocument();
  });
});

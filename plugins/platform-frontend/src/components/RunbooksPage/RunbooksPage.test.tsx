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
import { RUNBOOKS } from '@platform-portal/plugin-platform-common';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  PLATFORM_BASE,
  renderWithPlatformApi,
} from '../../__testUtils__/renderWithPlatformApi';
import { RunbooksPage } from './RunbooksPage';

const server = setupServer(
  http.get(`${PLATFORM_BASE}/environment`, () =>
    HttpResponse.json({ simulated: false, clusterCount: 6 }),
  ),
);
registerMswTestHooks(server);
jest.setTimeout(30_000);

describe('RunbooksPage', () => {
  it('shows every runbook with its steps at its own anchor', async () => {
    await renderWithPlatformApi(<RunbooksPage />);
    expect(
      await screen.findByText(`${RUNBOOKS.length} runbooks`),
    ).toBeInTheDocument();
    for (const runbook of RUNBOOKS) {
      const section = screen.getByRole('region', {
        name: `Runbook: ${runbook.title}`,
      });
      expect(section.closest(`#runbook-${runbook.id}`)).not.toBeNull();
    }
    expect(
      screen.getAllByText(/systemctl status keepalived haproxy/).length,
    ).toBeGreaterThan(0);
  });

  it('goes to the runbook the address names', async () => {
    const scrolled: string[] = [];
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function scrollIntoView(this: Element) {
      scrolled.push(this.id);
    };
    try {
      await renderWithPlatformApi(<RunbooksPage />, {
        route: '/runbooks#runbook-api-vip-failover',
      });
      await screen.findByText(`${RUNBOOKS.length} runbooks`);
      expect(scrolled).toEqual(['runbook-api-vip-failover']);
      expect(document.activeElement?.id).toBe('runbook-api-vip-failover');
    } finally {
      Element.prototype.scrollIntoView = original;
    }
  });
});

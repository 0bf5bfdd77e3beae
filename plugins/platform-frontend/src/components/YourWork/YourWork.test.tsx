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
import { identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  mockApis,
  registerMswTestHooks,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ReactElement } from 'react';
import {
  annotatedEntity,
  application,
  ARGOCD_URL,
} from '../../__testUtils__/argocdFixtures';
import { fleetHealth } from '../../__testUtils__/fleetFixtures';
import {
  PLATFORM_BASE,
  renderWithPlatformApi,
} from '../../__testUtils__/renderWithPlatformApi';
import { TeamProblemsContent } from './TeamProblemsContent';
import { YourServicesContent } from './YourServicesContent';

const server = setupServer();
registerMswTestHooks(server);
jest.setTimeout(30_000);

async function renderAs(
  ownershipEntityRefs: string[],
  element: ReactElement,
  entities: Entity[] = [],
) {
  const getEntities = jest.fn(async () => ({ items: entities }));
  const result = await renderWithPlatformApi(
    <TestApiProvider
      apis={[
        [catalogApiRef, { getEntities }],
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: 'user:default/someone',
            ownershipEntityRefs,
          }),
        ],
      ]}
    >
      {element}
    </TestApiProvider>,
  );
  return { result, getEntities };
}

describe('YourServicesContent', () => {
  it("lists the team's components with their Argo CD sync and health on each cluster", async () => {
    server.use(
      http.get(ARGOCD_URL, () =>
        HttpResponse.json({
          configured: true,
          selector: 'app.kubernetes.io/name=payments-api',
          applications: [
            application({ instance: 'prod-eu-1' }),
            application({
              instance: 'staging-1',
              syncStatus: 'OutOfSync',
              healthStatus: 'Degraded',
            }),
          ],
          instanceErrors: [],
          hiddenApplications: 0,
          observedAt: new Date().toISOString(),
        }),
      ),
    );
    const { getEntities } = await renderAs(
      ['user:default/someone', 'group:default/team-payments'],
      <YourServicesContent />,
      [annotatedEntity],
    );
    const list = await screen.findByRole('list', { name: 'Your services' });
    expect(getEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: {
          kind: 'Component',
          'relations.ownedBy': [
            'user:default/someone',
            'group:default/team-payments',
          ],
        },
      }),
    );
    expect(
      within(list).getByRole('link', { name: 'payments-api' }),
    ).toHaveAttribute('href', '/catalog/default/component/payments-api');
    expect(within(list).getByText(/prod-eu-1: Synced, Healthy/)).toBeTruthy();
    expect(
      within(list).getByText(/staging-1: OutOfSync, Degraded/),
    ).toBeTruthy();
  });

  it('says so when the person is in no team', async () => {
    await renderAs(['user:default/guest'], <YourServicesContent />);
    expect(
      await screen.findByText(/You are in no team yet, so no service is yours/),
    ).toBeTruthy();
  });
});

describe('TeamProblemsContent', () => {
  it("lists the critical and warning layers the person's groups own, critical first", async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/health`, () =>
        HttpResponse.json(
          fleetHealth([
            { name: 'prod-eu-1', verdicts: { networking: 'warning' } },
            {
              name: 'staging-1',
              verdicts: { hardware: 'critical', storage: 'critical' },
            },
          ]),
        ),
      ),
    );
    await renderAs(
      ['user:default/someone', 'group:default/platform-team'],
      <TeamProblemsContent />,
    );
    const list = await screen.findByRole('list', {
      name: "Your team's open problems",
    });
    const links = within(list)
      .getAllByRole('link')
      .map(l => l.textContent);
    // Hardware belongs to the infrastructure team alone.
    expect(links).toEqual(['staging-1: Storage', 'prod-eu-1: Networking']);
    expect(
      within(list).getByRole('link', { name: 'staging-1: Storage' }),
    ).toHaveAttribute('href', '/platform/clusters/staging-1/layers/storage');
  });

  it('says when the teams own no layer', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/health`, () =>
        HttpResponse.json(
          fleetHealth([
            { name: 'staging-1', verdicts: { storage: 'critical' } },
          ]),
        ),
      ),
    );
    await renderAs(['group:default/team-payments'], <TeamProblemsContent />);
    expect(
      await screen.findByText(
        'No open problem on the services of team-payments, who own no platform layer.',
      ),
    ).toBeTruthy();
  });

  it("lists the team's services Argo CD does not report synced and healthy, degraded first", async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/health`, () =>
        HttpResponse.json(
          fleetHealth([
            { name: 'staging-1', verdicts: { storage: 'critical' } },
          ]),
        ),
      ),
      http.get(ARGOCD_URL, () =>
        HttpResponse.json({
          configured: true,
          selector: 'app.kubernetes.io/name=payments-api',
          applications: [
            application({ instance: 'prod-eu-1' }),
            application({ instance: 'prod-eu-2', syncStatus: 'OutOfSync' }),
            application({
              instance: 'staging-1',
              syncStatus: 'Synced',
              healthStatus: 'Degraded',
            }),
          ],
          instanceErrors: [],
          hiddenApplications: 0,
          observedAt: new Date().toISOString(),
        }),
      ),
    );
    await renderAs(
      ['user:default/someone', 'group:default/team-payments'],
      <TeamProblemsContent />,
      [annotatedEntity],
    );
    const list = await screen.findByRole('list', {
      name: "Your team's open problems",
    });
    const links = within(list).getAllByRole('link');
    // The synced and healthy prod-eu-1 is no problem; the storage layer is not theirs.
    expect(links.map(l => l.textContent)).toEqual([
      'payments-api on staging-1: Synced, Degraded',
      'payments-api on prod-eu-2: OutOfSync, Healthy',
    ]);
    expect(links[0]).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api',
    );
  });

  it('says when the teams have nothing open', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/health`, () =>
        HttpResponse.json(fleetHealth([{ name: 'prod-eu-1' }])),
      ),
    );
    await renderAs(['group:default/platform-team'], <TeamProblemsContent />);
    expect(
      await screen.findByText(
        /No open problem on the layers platform-team own/,
      ),
    ).toBeTruthy();
  });
});

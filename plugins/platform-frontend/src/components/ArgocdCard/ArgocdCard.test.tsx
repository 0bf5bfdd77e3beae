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
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  annotatedEntity,
  application,
  ARGOCD_URL,
  renderCard,
} from '../../__testUtils__/argocdFixtures';

const server = setupServer();
registerMswTestHooks(server);

const FIND = { timeout: 10_000 };

/** A refusal in the Backstage error envelope, as the backend sends it. */
function backendError(name: string, message: string, status: number) {
  return HttpResponse.json(
    {
      error: { name, message },
      request: { method: 'GET', url: '/api/platform/entity' },
      response: { statusCode: status },
    },
    { status },
  );
}

function answer(body: object) {
  server.use(http.get(ARGOCD_URL, () => HttpResponse.json(body)));
}

describe('ArgocdCard', () => {
  it('shows the annotation to add when the entity has none, without asking the backend', async () => {
    let asked = false;
    server.use(
      http.get(`${ARGOCD_URL}*`, () => {
        asked = true;
        return HttpResponse.json({});
      }),
    );
    await renderCard(
      {
        ...annotatedEntity,
        metadata: { name: 'docs-site', namespace: 'default' },
      },
      AuthorizeResult.ALLOW,
    );
    expect(
      await screen.findByText(
        'Argo CD is not configured for this entity',
        undefined,
        FIND,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /argocd\/app-selector: app.kubernetes.io\/name=docs-site/,
      ),
    ).toBeInTheDocument();
    expect(asked).toBe(false);
  });

  it('shows progress while loading', async () => {
    server.use(
      http.get(ARGOCD_URL, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    await renderCard(annotatedEntity, AuthorizeResult.ALLOW);
    expect(
      await screen.findByRole('progressbar', undefined, FIND),
    ).toBeInTheDocument();
  });

  it("shows the backend's message when the read fails", async () => {
    server.use(
      http.get(ARGOCD_URL, () =>
        backendError(
          'NotFoundError',
          'No entity component:default/payments-api in the catalog',
          404,
        ),
      ),
    );
    await renderCard(annotatedEntity, AuthorizeResult.ALLOW);
    expect(
      await screen.findByText(
        /No entity component:default\/payments-api in the catalog/,
        undefined,
        FIND,
      ),
    ).toBeInTheDocument();
  });

  it('says so when no application matches, and lists instances that could not be read', async () => {
    answer({
      configured: true,
      selector: 'argocd/app-selector: app.kubernetes.io/name=payments-api',
      applications: [],
      instanceErrors: [
        {
          instance: 'edge-rke2-1',
          message: 'Argo CD of cluster edge-rke2-1 could not be reached',
        },
      ],
      observedAt: '2026-11-26T12:00:00Z',
    });
    await renderCard(annotatedEntity, AuthorizeResult.ALLOW);
    expect(
      await screen.findByText(
        'No Argo CD application matches argocd/app-selector: app.kubernetes.io/name=payments-api on any cluster.',
        undefined,
        FIND,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/1 Argo CD instance could not be read/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /edge-rke2-1: Argo CD of cluster edge-rke2-1 could not be reached/,
      ),
    ).toBeInTheDocument();
  });

  it('says how many applications of other teams the selector matched but were left out', async () => {
    answer({
      configured: true,
      selector: 'argocd/app-selector: !none',
      applications: [application()],
      instanceErrors: [],
      hiddenApplications: 4,
      observedAt: '2026-11-26T12:00:00Z',
    });
    await renderCard(annotatedEntity, AuthorizeResult.ALLOW);
    expect(
      await screen.findByText('4 applications of other teams hidden', {}, FIND),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('listitem', { name: 'payments-api on prod-eu-1' }),
    ).toBeInTheDocument();
  });

  it('shows each application with statuses in words, revision, operation, resources and recent history', async () => {
    answer({
      configured: true,
      selector: 'argocd/app-selector: app.kubernetes.io/name=payments-api',
      applications: [
        application(),
        application({
          instance: 'staging-1',
          syncStatus: 'OutOfSync',
          healthStatus: 'Progressing',
          automatedSync: true,
          operation: {
            phase: 'Running',
            startedAt: '2026-11-26T11:59:00Z',
            initiatedBy: 'automated',
          },
        }),
      ],
      instanceErrors: [],
      observedAt: '2026-11-26T12:00:00Z',
    });
    await renderCard(annotatedEntity, AuthorizeResult.ALLOW);
    const prod = await screen.findByRole(
      'listitem',
      { name: 'payments-api on prod-eu-1' },
      FIND,
    );
    expect(within(prod).getByLabelText('Sync: Synced')).toBeInTheDocument();
    expect(within(prod).getByLabelText('Health: Healthy')).toBeInTheDocument();
    expect(within(prod).getAllByText('3333333').length).toBeGreaterThan(0);
    expect(within(prod).getByText('Manual sync')).toBeInTheDocument();
    expect(
      within(prod).getByText(
        '7 resources: 1 Degraded, 6 Healthy; 0 out of sync',
      ),
    ).toBeInTheDocument();
    // The three most recent deployments only.
    expect(within(prod).getByText('#2', { exact: false })).toBeInTheDocument();
    expect(
      within(prod).queryByText('#0', { exact: false }),
    ).not.toBeInTheDocument();
    const staging = screen.getByRole('listitem', {
      name: 'payments-api on staging-1',
    });
    expect(
      within(staging).getByLabelText('Sync: OutOfSync'),
    ).toBeInTheDocument();
    expect(
      within(staging).getByLabelText('Health: Progressing'),
    ).toBeInTheDocument();
    expect(
      within(staging).getByLabelText('Operation: Running'),
    ).toBeInTheDocument();
    expect(
      within(staging).getByText(/Rollback is off while automated sync is on/),
    ).toBeInTheDocument();
    expect(
      within(staging).queryByRole('button', { name: /Roll back/ }),
    ).not.toBeInTheDocument();
  });

  it('syncs after confirmation and shows what the backend says', async () => {
    answer({
      configured: true,
      selector: 's',
      applications: [application()],
      instanceErrors: [],
      observedAt: 'x',
    });
    let synced = false;
    server.use(
      http.post(`${ARGOCD_URL}/prod-eu-1/payments-api/sync`, () => {
        synced = true;
        return HttpResponse.json({
          application: application({ operation: { phase: 'Running' } }),
          message: 'Sync of payments-api on prod-eu-1 started',
        });
      }),
    );
    await renderCard(annotatedEntity, AuthorizeResult.ALLOW);
    fireEvent.click(
      await screen.findByRole(
        'button',
        { name: 'Sync payments-api on prod-eu-1' },
        FIND,
      ),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Sync payments-api on prod-eu-1?'),
    ).toBeInTheDocument();
    expect(synced).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sync' }));
    expect(
      await screen.findByText(
        'Sync of payments-api on prod-eu-1 started',
        undefined,
        FIND,
      ),
    ).toBeInTheDocument();
    expect(synced).toBe(true);
  });

  it("rolls back to the chosen history entry, and shows the backend's refusal in its words", async () => {
    answer({
      configured: true,
      selector: 's',
      applications: [application()],
      instanceErrors: [],
      observedAt: 'x',
    });
    const bodies: unknown[] = [];
    server.use(
      http.post(
        `${ARGOCD_URL}/prod-eu-1/payments-api/rollback`,
        async ({ request }) => {
          bodies.push(await request.json());
          return backendError(
            'ConflictError',
            'Rollback of payments-api on prod-eu-1 is refused while automated sync is on',
            409,
          );
        },
      ),
    );
    await renderCard(annotatedEntity, AuthorizeResult.ALLOW);
    fireEvent.click(
      await screen.findByRole(
        'button',
        { name: 'Roll back payments-api on prod-eu-1' },
        FIND,
      ),
    );
    const dialog = await screen.findByRole('dialog');
    // The running deployment (#3) is not offered; the one before it is chosen first.
    expect(within(dialog).queryByLabelText(/^#3 /)).not.toBeInTheDocument();
    expect(within(dialog).getByLabelText(/^#2 /)).toBeChecked();
    fireEvent.click(within(dialog).getByLabelText(/^#1 /));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    expect(
      await screen.findByText(
        /is refused while automated sync is on \(HTTP 409\)/,
        undefined,
        FIND,
      ),
    ).toBeInTheDocument();
    await waitFor(() => expect(bodies).toEqual([{ id: 1 }]));
  });
});

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
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  PLATFORM_BASE,
  renderWithPlatformApi,
} from '../../__testUtils__/renderWithPlatformApi';
import { ClusterReadinessView } from './ClusterReadinessView';
import { OBSERVED_AT, readinessFixture } from './readinessFixtures';

const server = setupServer();
registerMswTestHooks(server);
jest.setTimeout(30_000);

const alice = {
  cluster: 'prod-eu-2',
  step: 6,
  attestedBy: 'user:default/alice',
  attestedAt: OBSERVED_AT,
  note: 'Cluster API, see the platform RFC',
};

function view() {
  return (
    <TestApiProvider
      apis={[
        [
          permissionApiRef,
          mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
        ],
      ]}
    >
      <ClusterReadinessView cluster="prod-eu-2" />
    </TestApiProvider>
  );
}

describe('ClusterReadinessView', () => {
  it('shows the score, the phase the cluster is stuck in, the out-of-order flag and an attestation as attested, not passed', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/readiness/prod-eu-2`, () =>
        HttpResponse.json(
          readinessFixture('prod-eu-2', { failed: [9], attested: [alice] }),
        ),
      ),
    );
    await renderWithPlatformApi(view());
    expect(
      await screen.findByText(/88% ready: 44 of 50 steps passed, 1 attested/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Stuck in phase 2: Cluster Bootstrap'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Built out of order/)).toBeInTheDocument();
    expect(screen.getAllByText('Passes while phase 2 fails')).toHaveLength(9);

    // The stuck phase is open: its attested and failed steps are visible.
    const steps = screen.getByRole('table', { name: 'Steps of phase 2' });
    const decision = within(steps)
      .getByText('Choose provisioning tool (Kubeadm / RKE2 / CAPI)')
      .closest('tr')!;
    expect(within(decision).getByText('Attested')).toBeInTheDocument();
    expect(within(decision).queryByText('Passed')).not.toBeInTheDocument();
    expect(
      within(decision).getByText(
        `Attested by user:default/alice at ${OBSERVED_AT}`,
      ),
    ).toBeInTheDocument();
    expect(
      within(decision).getByText('Note: Cluster API, see the platform RFC'),
    ).toBeInTheDocument();
    const cilium = within(steps).getByText('Install Cilium CNI').closest('tr')!;
    expect(within(cilium).getAllByText('Failed').length).toBeGreaterThan(0);
    expect(
      within(cilium).getByText('Thing/step-9 status = broken'),
    ).toBeInTheDocument();
  });

  it('attests a step after confirmation, in the caller’s name, and reloads', async () => {
    let attested = false;
    let posted: unknown;
    server.use(
      http.get(`${PLATFORM_BASE}/readiness/prod-eu-2`, () =>
        HttpResponse.json(
          readinessFixture('prod-eu-2', {
            failed: [7],
            attested: attested ? [alice] : [],
          }),
        ),
      ),
      http.post(
        `${PLATFORM_BASE}/readiness/prod-eu-2/steps/6/attestations`,
        async ({ request }) => {
          posted = await request.json();
          attested = true;
          return HttpResponse.json(alice, { status: 201 });
        },
      ),
    );
    await renderWithPlatformApi(view());
    const steps = await screen.findByRole('table', {
      name: 'Steps of phase 2',
    });
    const decision = within(steps)
      .getByText('Choose provisioning tool (Kubeadm / RKE2 / CAPI)')
      .closest('tr')!;
    expect(
      within(decision).getByText('Awaiting attestation'),
    ).toBeInTheDocument();
    await userEvent.click(
      within(decision).getByRole('button', { name: 'Attest' }),
    );

    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(/shows it as attested by you, not as passed/),
    ).toBeInTheDocument();
    await userEvent.type(
      within(dialog).getByLabelText('Note (how it was verified)'),
      'Cluster API, see the platform RFC',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Attest step 6' }),
    );
    expect(
      await screen.findByText(
        `Step 6 attested by user:default/alice at ${OBSERVED_AT}`,
      ),
    ).toBeInTheDocument();
    expect(posted).toEqual({ note: 'Cluster API, see the platform RFC' });
    await waitFor(() =>
      expect(
        screen.getByText(/44 of 50 steps passed, 1 attested/),
      ).toBeInTheDocument(),
    );
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('keeps the dialog open with the backend’s message when the attestation is refused', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/readiness/prod-eu-2`, () =>
        HttpResponse.json(readinessFixture('prod-eu-2', { failed: [7] })),
      ),
      http.post(
        `${PLATFORM_BASE}/readiness/prod-eu-2/steps/6/attestations`,
        () =>
          HttpResponse.json(
            {
              error: {
                name: 'InputError',
                message: "Invalid field 'note': at most 2000 characters",
              },
              response: { statusCode: 400 },
            },
            { status: 400 },
          ),
      ),
    );
    await renderWithPlatformApi(view());
    const steps = await screen.findByRole('table', {
      name: 'Steps of phase 2',
    });
    await userEvent.click(
      within(steps).getAllByRole('button', { name: 'Attest' })[0],
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Attest step 6' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      "Invalid field 'note': at most 2000 characters (HTTP 400)",
    );
  });

  it('shows the backend’s message when readiness cannot be read', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/readiness/prod-eu-2`, () =>
        HttpResponse.json(
          {
            error: { name: 'Error', message: 'store unavailable' },
            response: { statusCode: 500 },
          },
          { status: 500 },
        ),
      ),
    );
    await renderWithPlatformApi(view());
    expect(
      await screen.findByText(/store unavailable \(HTTP 500\)/),
    ).toBeInTheDocument();
  });

  it('names the missing permission when the backend refuses with 403', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/readiness/prod-eu-2`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'Missing permission platform.health.read',
            },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await renderWithPlatformApi(view());
    expect(
      await screen.findByText(
        'You do not have permission platform.health.read',
      ),
    ).toBeInTheDocument();
  });

  it('shows a progress bar while the backend answers', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/readiness/prod-eu-2`, async () => {
        await delay('infinite');
        return HttpResponse.json(readinessFixture('prod-eu-2'));
      }),
    );
    await renderWithPlatformApi(view());
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(screen.queryByText(/% ready/)).not.toBeInTheDocument();
  });

  it('says so when the backend has no phases for the cluster', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/readiness/prod-eu-2`, () =>
        HttpResponse.json({ ...readinessFixture('prod-eu-2'), phases: [] }),
      ),
    );
    await renderWithPlatformApi(view());
    expect(
      await screen.findByText('No build-out readiness'),
    ).toBeInTheDocument();
  });
});

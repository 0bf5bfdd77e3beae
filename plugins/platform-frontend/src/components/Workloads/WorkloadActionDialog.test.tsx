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
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  backendErrorBody,
  paymentsApi,
  renderEntityCard,
} from '../../__testUtils__/entityCardFixtures';
import { PLATFORM_BASE } from '../../__testUtils__/renderWithPlatformApi';
import { WorkloadsContent } from './WorkloadsContent';

const server = setupServer();
registerMswTestHooks(server);
const FIND = { timeout: 10_000 };
const WORKLOADS = `${PLATFORM_BASE}/workloads/default/component/payments-api`;
const RESTART = `${PLATFORM_BASE}/workload-actions/restart`;
const SCALE = `${PLATFORM_BASE}/workload-actions/scale`;
const WORKLOAD = {
  cluster: 'staging-1',
  namespace: 'payments',
  kind: 'Deployment',
  name: 'payments-api',
};

/** The workloads answer, with payments-api's ready count as given. */
function workloads(ready: number) {
  return {
    configured: true,
    namespace: 'payments',
    selector: 'backstage.io/kubernetes-id=payments-api',
    clusterErrors: [],
    hiddenClusters: 0,
    observedAt: '2026-12-07T10:00:00Z',
    clusters: [
      {
        cluster: 'staging-1',
        namespace: 'payments',
        workloads: [
          {
            kind: 'Deployment',
            name: 'payments-api',
            desired: 3,
            ready,
            updated: 3,
            available: ready,
            state: ready === 3 ? 'complete' : 'degraded',
            images: [],
          },
          {
            kind: 'DaemonSet',
            name: 'payments-agent',
            desired: 2,
            ready: 2,
            updated: 2,
            available: 2,
            state: 'complete',
            images: [],
          },
        ],
        pods: [],
        findings: [],
        events: [],
      },
    ],
  };
}

/** Serves the workloads: the first read, then `after` once a change is made. */
function serveWorkloads(after = 3) {
  let changed = false;
  server.use(
    http.get(WORKLOADS, () =>
      HttpResponse.json(workloads(changed ? after : 1)),
    ),
  );
  return () => {
    changed = true;
  };
}

/** A restart route as the API server would answer it for a person who may. */
function serveRestart(onReal: () => void) {
  server.use(
    http.post(RESTART, async ({ request }) => {
      const body = (await request.json()) as { dryRun: boolean };
      if (!body.dryRun) onReal();
      return HttpResponse.json({
        action: 'restart',
        dryRun: body.dryRun,
        outcome: body.dryRun ? 'previewed' : 'done',
        message: body.dryRun
          ? 'The API server accepts a restart of Deployment payments/payments-api on staging-1 from you. Nothing has changed yet.'
          : 'Deployment payments/payments-api on staging-1 is restarting.',
        workload: WORKLOAD,
        restartedAt: '2026-12-07T10:01:00.000Z',
      });
    }),
  );
}

async function openAction(label: string) {
  await renderEntityCard(<WorkloadsContent />, paymentsApi);
  fireEvent.click(await screen.findByRole('button', { name: label }, FIND));
  return screen.findByRole('dialog', {}, FIND);
}

describe('restart and scale in the Workloads tab', () => {
  it('previews a restart with the dry run, and after Confirm shows it made and reads the workload again', async () => {
    const change = serveWorkloads(3);
    serveRestart(change);
    const dialog = await openAction(
      'Restart Deployment/payments-api on staging-1',
    );
    const preview = await within(dialog).findByRole(
      'region',
      { name: 'Dry-run preview' },
      FIND,
    );
    expect(preview).toHaveTextContent(
      'kubectl.kubernetes.io/restartedAt: 2026-12-07T10:01:00.000Z',
    );
    expect(preview).toHaveTextContent('Nothing has changed yet.');
    // Only a preview so far: the table (behind the modal) still shows what was read first.
    expect(
      screen.getByRole('table', {
        name: 'Rollouts on staging-1',
        hidden: true,
      }),
    ).toHaveTextContent('1 of 3');

    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm restart' }),
    );
    const made = await within(dialog).findByRole('status', {}, FIND);
    expect(made).toHaveTextContent('Restart started');
    expect(made).toHaveTextContent(
      'Deployment payments/payments-api on staging-1 is restarting.',
    );
    await waitFor(
      () =>
        expect(
          screen.getByRole('table', {
            name: 'Rollouts on staging-1',
            hidden: true,
          }),
        ).toHaveTextContent('3 of 3'),
      FIND,
    );
    expect(
      within(dialog).queryByRole('button', { name: 'Confirm restart' }),
    ).not.toBeInTheDocument();
  });

  it('offers no restart or scale for a DaemonSet', async () => {
    serveWorkloads();
    await renderEntityCard(<WorkloadsContent />, paymentsApi);
    const table = await screen.findByRole(
      'table',
      { name: 'Rollouts on staging-1' },
      FIND,
    );
    const row = within(table).getByRole('row', { name: /payments-agent/ });
    expect(within(row).queryByRole('button')).not.toBeInTheDocument();
    expect(
      within(table).getByRole('button', {
        name: 'Scale Deployment/payments-api on staging-1',
      }),
    ).toBeInTheDocument();
  });

  it('lets a scale be confirmed only once the new count is previewed', async () => {
    serveWorkloads();
    const sent: number[] = [];
    server.use(
      http.post(SCALE, async ({ request }) => {
        const body = (await request.json()) as {
          dryRun: boolean;
          replicas: number;
        };
        if (!body.dryRun) sent.push(body.replicas);
        return HttpResponse.json({
          action: 'scale',
          dryRun: body.dryRun,
          outcome: body.dryRun ? 'previewed' : 'done',
          message: body.dryRun
            ? `The API server accepts scaling from 3 to ${body.replicas} replicas from you. Nothing has changed yet.`
            : `Deployment payments/payments-api on staging-1 is scaling from 3 to ${body.replicas} replicas.`,
          workload: WORKLOAD,
          replicas: { from: 3, to: body.replicas },
        });
      }),
    );
    const dialog = await openAction(
      'Scale Deployment/payments-api on staging-1',
    );
    await within(dialog).findByText('spec.replicas: 3 → 3', {}, FIND);
    fireEvent.change(within(dialog).getByLabelText('Replicas'), {
      target: { value: '5' },
    });
    const confirm = within(dialog).getByRole('button', {
      name: 'Confirm scale',
    });
    // The preview on screen is of 3 replicas, not of the 5 asked for now.
    expect(confirm).toBeDisabled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Preview' }));
    await within(dialog).findByText('spec.replicas: 3 → 5', {}, FIND);
    expect(confirm).toBeEnabled();

    fireEvent.click(confirm);
    expect(
      await within(dialog).findByRole('status', {}, FIND),
    ).toHaveTextContent('is scaling from 3 to 5 replicas');
    expect(sent).toEqual([5]);
  });

  it('sends no scale when Argo CD owns the replicas, and links to the application', async () => {
    serveWorkloads();
    server.use(
      http.post(SCALE, () =>
        HttpResponse.json({
          action: 'scale',
          dryRun: true,
          outcome: 'argocd-owned',
          message:
            'Argo CD manages the replica count of Deployment payments/payments-api on staging-1 (application payments-api): a scale here would be undone at its next sync.',
          workload: WORKLOAD,
          replicas: { from: 3, to: 3 },
          argocd: {
            instance: 'staging-1',
            application: 'payments-api',
            url: 'https://argocd.staging-1.example/applications/payments-api',
          },
        }),
      ),
    );
    const dialog = await openAction(
      'Scale Deployment/payments-api on staging-1',
    );
    expect(
      await within(dialog).findByText(
        'Argo CD manages the replica count',
        {},
        FIND,
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('link', {
        name: /Open payments-api in Argo CD/,
      }),
    ).toHaveAttribute(
      'href',
      'https://argocd.staging-1.example/applications/payments-api',
    );
    expect(within(dialog).queryByLabelText('Replicas')).not.toBeInTheDocument();
    expect(
      within(dialog).queryByRole('button', { name: /Confirm/ }),
    ).not.toBeInTheDocument();
  });

  it("shows the API server's refusal in plain words when the person lacks the verb", async () => {
    serveWorkloads();
    const refusal =
      'You may not restart Deployment payments/payments-api on staging-1: the Kubernetes API of cluster staging-1 says Kubernetes RBAC does not give bob (groups team-orders) patch on deployments in namespace payments.';
    server.use(
      http.post(RESTART, () =>
        HttpResponse.json(backendErrorBody('NotAllowedError', refusal, 403), {
          status: 403,
        }),
      ),
    );
    const dialog = await openAction(
      'Restart Deployment/payments-api on staging-1',
    );
    expect(
      await within(dialog).findByText(
        'The restart cannot be previewed',
        {},
        FIND,
      ),
    ).toBeInTheDocument();
    expect(dialog).toHaveTextContent(refusal);
    expect(
      within(dialog).getByRole('button', { name: 'Confirm restart' }),
    ).toBeDisabled();
  });

  it('says the change failed when Confirm is refused, and leaves the workload as it was read', async () => {
    serveWorkloads();
    server.use(
      http.post(RESTART, async ({ request }) => {
        const body = (await request.json()) as { dryRun: boolean };
        if (body.dryRun) {
          return HttpResponse.json({
            action: 'restart',
            dryRun: true,
            outcome: 'previewed',
            message: 'Nothing has changed yet.',
            workload: WORKLOAD,
            restartedAt: '2026-12-07T10:01:00.000Z',
          });
        }
        return HttpResponse.json(
          backendErrorBody(
            'ServiceUnavailableError',
            'Kubernetes API of cluster staging-1 did not answer in time; check platform.clusters[1].kubernetes.url',
            503,
          ),
          { status: 503 },
        );
      }),
    );
    const dialog = await openAction(
      'Restart Deployment/payments-api on staging-1',
    );
    await within(dialog).findByRole(
      'region',
      { name: 'Dry-run preview' },
      FIND,
    );
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm restart' }),
    );
    await waitFor(() =>
      expect(
        within(dialog).getByRole('button', { name: 'Confirm restart' }),
      ).toBeDisabled(),
    );
    expect(
      await within(dialog).findByText('The restart failed', {}, FIND),
    ).toBeInTheDocument();
    expect(dialog).toHaveTextContent('did not answer in time');
    expect(within(dialog).queryByRole('status')).not.toBeInTheDocument();
  });
});

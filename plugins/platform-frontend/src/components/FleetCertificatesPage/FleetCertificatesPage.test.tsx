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
import { FleetCertificatesResponse } from '@platform-portal/plugin-platform-common';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  PLATFORM_BASE,
  renderWithPlatformApi,
} from '../../__testUtils__/renderWithPlatformApi';
import { FleetCertificatesPage } from './FleetCertificatesPage';
import { urgencyOf } from './certificateColumns';

const server = setupServer();
registerMswTestHooks(server);
jest.setTimeout(30_000);

const answer: FleetCertificatesResponse = {
  observedAt: '2026-11-26T12:00:00.000Z',
  certificates: [
    {
      cluster: 'prod-eu-2',
      source: 'cert-manager',
      name: 'payments-api-tls',
      namespace: 'payments',
      notAfter: '2026-12-05T12:00:00.000Z',
      daysLeft: 9,
      renewalTime: '2026-11-05T12:00:00.000Z',
      ready: true,
      renewing: false,
      lastFailure: {
        time: '2026-11-26T11:00:00Z',
        message: 'too many certificates already issued',
      },
    },
    {
      cluster: 'prod-eu-1',
      source: 'apiserver',
      name: 'kube-apiserver',
      notAfter: '2027-10-01T00:00:00.000Z',
      daysLeft: 308,
    },
  ],
  errors: [
    {
      cluster: 'edge-rke2-1',
      message:
        'cert-manager Certificates: Kubernetes API of cluster edge-rke2-1 did not answer in time',
    },
  ],
  notReadable: [],
};

describe('FleetCertificatesPage', () => {
  it('lists certificates in the order the backend sorted them, the stuck one critical with its failure, and names unreadable clusters', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/certificates`, () =>
        HttpResponse.json(answer),
      ),
    );
    await renderWithPlatformApi(<FleetCertificatesPage />);
    const rows = await screen.findAllByRole('row');
    const body = rows.slice(1);
    expect(body).toHaveLength(2);
    const stuck = within(body[0]);
    expect(stuck.getByText('payments/payments-api-tls')).toBeInTheDocument();
    expect(stuck.getByText('Critical')).toBeInTheDocument();
    expect(
      stuck.getByText(/not renewing: renewal was due 2026-11-05/),
    ).toBeInTheDocument();
    expect(
      stuck.getByText(/too many certificates already issued/),
    ).toBeInTheDocument();
    expect(
      within(body[1]).getByText('API server (serving)'),
    ).toBeInTheDocument();
    expect(within(body[1]).getByText('OK')).toBeInTheDocument();
    expect(
      screen.getByText(
        /edge-rke2-1: cert-manager Certificates: Kubernetes API/,
      ),
    ).toBeInTheDocument();
  });

  it('lists a Cluster API control-plane Machine where the backend sorted it, with its source and the finding that no rollout will replace it', async () => {
    const machine: FleetCertificatesResponse['certificates'][number] = {
      cluster: 'staging-1',
      source: 'cluster-api-machine',
      name: 'staging-1-control-plane-abcde',
      namespace: 'clusters',
      notAfter: '2026-12-04T12:00:00.000Z',
      daysLeft: 8,
      renewing: false,
      managementCluster: 'mgmt',
      controlPlane: 'clusters/staging-1-control-plane',
      finding: {
        message:
          "Machine staging-1-control-plane-abcde's control-plane certificates expire in 8 days",
        runbook: [
          'Set spec.rollout.before.certificatesExpiryDays on KubeadmControlPlane clusters/staging-1-control-plane',
          'kubeadm certs renew does not apply',
        ],
      },
    };
    const replaced = {
      ...machine,
      name: 'staging-1-control-plane-fghij',
      daysLeft: 200,
      renewing: true,
      rolloutBeforeDays: 21,
      finding: undefined,
    };
    server.use(
      http.get(`${PLATFORM_BASE}/certificates`, () =>
        HttpResponse.json({
          ...answer,
          certificates: [
            machine,
            answer.certificates[0],
            replaced,
            answer.certificates[1],
          ],
        }),
      ),
    );
    await renderWithPlatformApi(<FleetCertificatesPage />);
    const body = (await screen.findAllByRole('row')).slice(1);
    expect(
      body.map(r => within(r).getAllByRole('cell')[1].textContent),
    ).toEqual([
      'Machine staging-1-control-plane-abcdecontrol-plane certificates, on mgmt',
      'payments/payments-api-tls',
      'Machine staging-1-control-plane-fghijcontrol-plane certificates, on mgmt',
      'API server (serving)',
    ]);
    const soon = within(body[0]);
    expect(soon.getByText('Cluster API Machine status')).toBeInTheDocument();
    expect(soon.getByText('Critical')).toBeInTheDocument();
    expect(
      soon.getByText(
        /not renewing: KubeadmControlPlane clusters\/staging-1-control-plane sets no rollout/,
      ),
    ).toBeInTheDocument();
    expect(soon.getAllByRole('listitem').map(li => li.textContent)).toEqual(
      machine.finding!.runbook,
    );
    const later = within(body[2]);
    expect(later.getByText('OK')).toBeInTheDocument();
    expect(
      later.getByText(/replaces the machine 21 days before expiry/),
    ).toBeInTheDocument();
    expect(later.queryByRole('listitem')).toBeNull();
  });

  it('gives each kubeadm cluster a row saying its client and control-plane certificates are read on the node, with the command', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/certificates`, () =>
        HttpResponse.json({
          ...answer,
          notReadable: [
            {
              cluster: 'onprem-kubeadm-1',
              certificates: "kubeadm's client and control-plane certificates",
              reason: 'the Kubernetes API does not expose their expiry',
              command: 'sudo kubeadm certs check-expiration',
            },
          ],
        }),
      ),
    );
    await renderWithPlatformApi(<FleetCertificatesPage />);
    const table = (
      await screen.findByText('Not readable through the Kubernetes API (1)')
    ).closest('div[class*="MuiPaper"]') as HTMLElement;
    const row = within(table)
      .getByRole('link', { name: 'onprem-kubeadm-1' })
      .closest('tr') as HTMLElement;
    expect(
      within(row).getByText("kubeadm's client and control-plane certificates"),
    ).toBeInTheDocument();
    expect(
      within(row).getByText('sudo kubeadm certs check-expiration'),
    ).toBeInTheDocument();
  });

  it('shows the backend error when the list cannot be read', async () => {
    server.use(
      http.get(`${PLATFORM_BASE}/certificates`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'Not allowed' },
            request: { method: 'GET', url: '/certificates' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await renderWithPlatformApi(<FleetCertificatesPage />);
    expect(await screen.findByText(/Not allowed/)).toBeInTheDocument();
  });

  it.each([
    [{ daysLeft: 9, renewing: false }, 'critical'],
    [{ daysLeft: 9, renewing: true }, 'warning'],
    [{ daysLeft: 20, renewing: false }, 'warning'],
    [{ daysLeft: 60, renewing: true }, 'ok'],
    [{ daysLeft: -1, renewing: true }, 'critical'],
    [{ daysLeft: undefined, renewing: true }, 'critical'],
  ])('urgency of %j is %s', (fields, verdict) => {
    expect(
      urgencyOf({
        cluster: 'c',
        source: 'cert-manager',
        name: 'n',
        ...fields,
      }),
    ).toBe(verdict);
  });
});

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
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  PLATFORM_BASE,
  renderWithPlatformApi,
} from '../../__testUtils__/renderWithPlatformApi';
import { stuckCertificateRun } from './diagnosticFixture';
import { RunbookDiagnostic } from './RunbookDiagnostic';

const server = setupServer();
registerMswTestHooks(server);
jest.setTimeout(30_000);

function render() {
  return renderWithPlatformApi(
    <TestApiProvider
      apis={[
        [
          permissionApiRef,
          mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
        ],
      ]}
    >
      <RunbookDiagnostic
        cluster="prod-eu-2"
        runbook="certificate-renewal-stuck"
      />
    </TestApiProvider>,
  );
}

describe('RunbookDiagnostic', () => {
  it('runs on demand and shows each step, where it stopped and the commands to copy', async () => {
    let runs = 0;
    server.use(
      http.post(
        `${PLATFORM_BASE}/diagnostics/prod-eu-2/certificate-renewal-stuck`,
        () => {
          runs += 1;
          return HttpResponse.json(stuckCertificateRun);
        },
      ),
    );
    await render();
    expect(runs).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: 'Run diagnostic' }));
    expect(
      await screen.findByText(
        /Stopped at “The stuck certificates' CertificateRequests”/,
      ),
    ).toBeInTheDocument();
    expect(runs).toBe(1);
    expect(screen.getByText('Not run')).toBeInTheDocument();
    expect(screen.getByText('Cause found')).toBeInTheDocument();
    expect(
      screen.getByText('Delete the failed CertificateRequest'),
    ).toBeInTheDocument();
    // The code snippet renders once its highlighter has loaded.
    await waitFor(() =>
      expect(document.body.textContent).toContain(
        'kubectl delete certificaterequest payments-api-tls-2 -n payments',
      ),
    );
  });

  it('sends the namespace and object name the person gives', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(
        `${PLATFORM_BASE}/diagnostics/prod-eu-2/certificate-renewal-stuck`,
        async ({ request }) => {
          bodies.push(await request.json());
          return HttpResponse.json(stuckCertificateRun);
        },
      ),
    );
    await render();
    fireEvent.change(screen.getByLabelText('Namespace (optional)'), {
      target: { value: 'payments' },
    });
    fireEvent.change(screen.getByLabelText('Object name (optional)'), {
      target: { value: 'payments-api-tls' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Run diagnostic' }));
    expect(await screen.findByText('Cause found')).toBeInTheDocument();
    expect(bodies).toEqual([
      { namespace: 'payments', name: 'payments-api-tls' },
    ]);
  });

  it('runs the remediation only after confirmation, shows what changed and runs the diagnostic again', async () => {
    const bodies: unknown[] = [];
    let runs = 0;
    server.use(
      http.post(
        `${PLATFORM_BASE}/diagnostics/prod-eu-2/certificate-renewal-stuck`,
        () => {
          runs += 1;
          return HttpResponse.json(
            runs === 1
              ? stuckCertificateRun
              : {
                  ...stuckCertificateRun,
                  verdict: 'healthy',
                  stoppedAt: undefined,
                  cause: undefined,
                  remediations: [],
                  steps: stuckCertificateRun.steps.map(step => ({
                    ...step,
                    result: 'pass',
                  })),
                },
          );
        },
      ),
      http.post(
        `${PLATFORM_BASE}/diagnostics/prod-eu-2/remediations/certificate-reissue`,
        async ({ request }) => {
          bodies.push(await request.json());
          return HttpResponse.json({
            action: 'certificate-reissue',
            cluster: 'prod-eu-2',
            target: 'Certificate payments/payments-api-tls',
            dryRun: false,
            changed: true,
            message:
              'Set Issuing=True on Certificate payments/payments-api-tls',
          });
        },
      ),
    );
    await render();
    fireEvent.click(screen.getByRole('button', { name: 'Run diagnostic' }));
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Re-issue payments/payments-api-tls',
      }),
    );
    expect(bodies).toEqual([]);
    fireEvent.click(await screen.findByRole('button', { name: 'Confirm' }));
    expect(
      await screen.findByText(
        /Set Issuing=True on Certificate payments\/payments-api-tls/,
      ),
    ).toBeInTheDocument();
    expect(bodies).toEqual([
      { namespace: 'payments', name: 'payments-api-tls' },
    ]);
    // The outcome is the diagnostic's second run, not the write.
    expect(await screen.findByText('Every check passed.')).toBeInTheDocument();
    expect(runs).toBe(2);
    expect(
      screen.queryByRole('button', {
        name: 'Re-issue payments/payments-api-tls',
      }),
    ).not.toBeInTheDocument();
  });

  it("keeps a refused remediation in its dialog, in the backend's words, and runs nothing again", async () => {
    let runs = 0;
    server.use(
      http.post(
        `${PLATFORM_BASE}/diagnostics/prod-eu-2/certificate-renewal-stuck`,
        () => {
          runs += 1;
          return HttpResponse.json(stuckCertificateRun);
        },
      ),
      http.post(
        `${PLATFORM_BASE}/diagnostics/prod-eu-2/remediations/certificate-reissue`,
        () =>
          HttpResponse.json(
            {
              error: {
                name: 'ConflictError',
                message:
                  "Certificate payments/payments-api-tls not re-issued: Let's Encrypt refuses new certificates for these names until 2026-12-09 06:00 UTC",
              },
              request: { method: 'POST', url: '/' },
              response: { statusCode: 409 },
            },
            { status: 409 },
          ),
      ),
    );
    await render();
    fireEvent.click(screen.getByRole('button', { name: 'Run diagnostic' }));
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Re-issue payments/payments-api-tls',
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Confirm' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /refuses new certificates for these names until 2026-12-09 06:00 UTC/,
    );
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(runs).toBe(1);
  });

  it("shows the backend's message when the run fails", async () => {
    server.use(
      http.post(
        `${PLATFORM_BASE}/diagnostics/prod-eu-2/certificate-renewal-stuck`,
        () =>
          HttpResponse.json(
            {
              error: {
                name: 'NotFoundError',
                message: "No cluster 'prod-eu-2' in platform.clusters",
              },
              request: { method: 'POST', url: '/' },
              response: { statusCode: 404 },
            },
            { status: 404 },
          ),
      ),
    );
    await render();
    fireEvent.click(screen.getByRole('button', { name: 'Run diagnostic' }));
    await waitFor(() =>
      expect(
        screen.getByText(/No cluster 'prod-eu-2' in platform.clusters/),
      ).toBeInTheDocument(),
    );
  });
});

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
import { fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  paymentsApi,
  renderEntityCard,
} from '../../__testUtils__/entityCardFixtures';
import { PLATFORM_BASE } from '../../__testUtils__/renderWithPlatformApi';
import { WorkloadsContent } from './WorkloadsContent';

const server = setupServer();
registerMswTestHooks(server);
const FIND = { timeout: 10_000 };
const WORKLOADS = `${PLATFORM_BASE}/workloads/default/component/payments-api`;

const pod = (name: string, extra: object = {}) => ({
  name,
  phase: 'Running',
  ready: true,
  node: 'staging-1-md-0-1',
  restarts: 0,
  workload: 'Deployment/payments-api',
  containers: [
    {
      name: 'payments-api',
      image: 'r/p:1.5.0',
      ready: true,
      restarts: 0,
      state: 'running',
    },
  ],
  ...extra,
});

const answer = {
  configured: true,
  namespace: 'payments',
  selector: 'backstage.io/kubernetes-id=payments-api',
  clusterErrors: [{ cluster: 'edge-rke2-1', message: 'timed out' }],
  hiddenClusters: 1,
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
          ready: 1,
          updated: 3,
          available: 1,
          state: 'degraded',
          message: '1 of 3 replicas ready',
          images: [],
        },
      ],
      pods: [
        pod('payments-api-a', {
          ready: false,
          restarts: 17,
          containers: [
            {
              name: 'payments-api',
              image: 'r/p:1.5.0',
              ready: false,
              restarts: 17,
              state: 'waiting',
              reason: 'CrashLoopBackOff',
              lastTermination: { reason: 'Error', exitCode: 1 },
            },
          ],
        }),
        pod('payments-api-b'),
      ],
      findings: [
        {
          kind: 'crash-loop',
          severity: 'error',
          object: 'Pod/payments-api-a',
          container: 'payments-api',
          cause:
            'Container payments-api keeps exiting (last exit code 1, Error): 17 restarts.',
          nextStep: "Read the previous container's last lines.",
          evidence: [
            'level=error msg="failed to start"',
            'level=fatal msg="exiting" code=1',
          ],
        },
      ],
      events: [
        {
          type: 'Warning',
          reason: 'BackOff',
          message: 'Back-off restarting failed container',
          object: 'Pod/payments-api-a',
          count: 3,
          lastSeen: '2026-12-07T09:59:00Z',
        },
      ],
    },
  ],
};

describe('WorkloadsContent', () => {
  it('puts the findings first with their cause, next step and evidence, then rollouts, pods and events', async () => {
    server.use(http.get(WORKLOADS, () => HttpResponse.json(answer)));
    await renderEntityCard(<WorkloadsContent />, paymentsApi);
    const findings = await screen.findByRole(
      'list',
      { name: 'Findings on staging-1' },
      FIND,
    );
    expect(findings).toHaveTextContent(
      'Crash loop: Pod/payments-api-a (payments-api)',
    );
    expect(findings).toHaveTextContent('17 restarts');
    expect(findings).toHaveTextContent('Next step:');
    expect(within(findings).getByLabelText('Evidence')).toHaveTextContent(
      'level=fatal',
    );
    expect(
      screen.getByRole('table', { name: 'Rollouts on staging-1' }),
    ).toHaveTextContent('1 of 3');
    const pods = screen.getByRole('table', { name: 'Pods on staging-1' });
    expect(within(pods).getAllByRole('row')[1]).toHaveTextContent(
      'CrashLoopBackOff',
    );
    expect(within(pods).getAllByRole('row')[1]).toHaveTextContent(
      'Error (exit 1)',
    );
    expect(
      screen.getByRole('table', { name: 'Events on staging-1' }),
    ).toHaveTextContent('BackOff');
    expect(screen.getByText(/edge-rke2-1: timed out/)).toBeInTheDocument();
    expect(
      screen.getByText(
        /1 cluster where namespace payments belongs to another team/,
      ),
    ).toBeInTheDocument();
  });

  it("shows a pod's previous container's log on asking", async () => {
    let asked: URLSearchParams | undefined;
    server.use(
      http.get(WORKLOADS, () => HttpResponse.json(answer)),
      http.get(`${WORKLOADS}/logs`, ({ request }) => {
        asked = new URL(request.url).searchParams;
        return new HttpResponse('line one\nlevel=fatal msg="exiting"\n', {
          headers: { 'Content-Type': 'text/plain' },
        });
      }),
    );
    await renderEntityCard(<WorkloadsContent />, paymentsApi);
    fireEvent.click(
      await screen.findByRole(
        'button',
        { name: 'Logs of payments-api-a' },
        FIND,
      ),
    );
    fireEvent.click(screen.getByLabelText('Previous container'));
    fireEvent.click(screen.getByRole('button', { name: 'Show log' }));
    expect(
      await screen.findByLabelText('Log lines', undefined, FIND),
    ).toHaveTextContent('level=fatal');
    expect(Object.fromEntries(asked!)).toEqual({
      cluster: 'staging-1',
      pod: 'payments-api-a',
      container: 'payments-api',
      previous: 'true',
      tailLines: '500',
    });
  });

  it("says why there is no log, in the backend's words", async () => {
    server.use(
      http.get(WORKLOADS, () => HttpResponse.json(answer)),
      http.get(`${WORKLOADS}/logs`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'ConflictError',
              message:
                'container "payments-api" in pod "payments-api-b" is waiting to start: trying and failing to pull image',
            },
          },
          { status: 409 },
        ),
      ),
    );
    await renderEntityCard(<WorkloadsContent />, paymentsApi);
    fireEvent.click(
      await screen.findByRole(
        'button',
        { name: 'Logs of payments-api-b' },
        FIND,
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Show log' }));
    expect(
      await screen.findByText(
        /trying and failing to pull image/,
        undefined,
        FIND,
      ),
    ).toHaveAttribute('role', 'alert');
  });

  it('names the annotations to add when the component names no workloads', async () => {
    server.use(
      http.get(WORKLOADS, () =>
        HttpResponse.json({
          configured: false,
          annotations: [
            'backstage.io/kubernetes-namespace',
            'backstage.io/kubernetes-id',
          ],
          message: 'not configured',
        }),
      ),
    );
    await renderEntityCard(<WorkloadsContent />, paymentsApi);
    expect(
      await screen.findByText(
        'Kubernetes is not configured for this entity',
        undefined,
        FIND,
      ),
    ).toBeInTheDocument();
  });

  it("shows the backend's message when the workloads cannot be read", async () => {
    server.use(
      http.get(WORKLOADS, () =>
        HttpResponse.json(
          {
            error: { name: 'ServiceUnavailableError', message: 'catalog down' },
          },
          { status: 503 },
        ),
      ),
    );
    await renderEntityCard(<WorkloadsContent />, paymentsApi);
    expect(
      await screen.findByText(/catalog down/, undefined, FIND),
    ).toBeInTheDocument();
  });
});

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
import {
  ClusterDetailResponse,
  ClusterHealthResponse,
  LAYERS,
} from '@platform-portal/plugin-platform-common';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Route, Routes } from 'react-router-dom';
import { refusedApi } from '../../__testUtils__/fleetFixtures';
import {
  PLATFORM_BASE,
  renderWithPlatformApi,
} from '../../__testUtils__/renderWithPlatformApi';
import { ClusterHealthPage } from './ClusterHealthPage';

const server = setupServer();
registerMswTestHooks(server);

const CLUSTER = 'onprem-kubeadm-1';
const HOUR_AGO = new Date(Date.now() - 3_600_000).toISOString();
const THREE_HOURS_AGO = new Date(Date.now() - 3 * 3_600_000).toISOString();

function health(unreachable: boolean): ClusterHealthResponse {
  return {
    cluster: CLUSTER,
    verdict: 'critical',
    layers: LAYERS.map(l => ({
      cluster: CLUSTER,
      layer: l.id,
      verdict: l.id === 'networking' ? 'critical' : 'ok',
      observedAt: HOUR_AGO,
      since: l.id === 'networking' ? THREE_HOURS_AGO : HOUR_AGO,
      stale: unreachable,
      ...(unreachable ? { lastKnown: true } : {}),
      checks:
        l.id === 'networking'
          ? [
              {
                id: 'networking.cilium-agents',
                title: 'Cilium agents ready',
                verdict: 'critical',
                message: 'cilium-x7k2p not ready on worker-2',
                evidence: [],
                runbook: 'cilium-network-policy-drops',
              },
            ]
          : [],
    })),
    ...(unreachable ? { unreachable: refusedApi(CLUSTER) } : {}),
  };
}

const detail: ClusterDetailResponse = {
  name: CLUSTER,
  provisioner: 'kubeadm',
  environment: 'production',
  management: false,
  verdict: 'critical',
  kubernetesVersions: ['v1.31.2'],
  nodes: [
    {
      name: 'worker-1',
      roles: ['worker'],
      ready: true,
      kubeletVersion: 'v1.31.2',
      capacity: { cpu: '8', memory: '16777216Ki', pods: '110' },
    },
  ],
};

/** worker-2 NotReady, and the Cilium agent it takes down with it. */
function withNodeCause(base: ClusterHealthResponse): ClusterHealthResponse {
  return {
    ...base,
    causes: [
      {
        id: 'node-not-ready:Node/worker-2',
        kind: 'node-not-ready',
        object: 'Node/worker-2',
        title: 'Node worker-2 is not Ready (Unknown (NodeStatusUnknown))',
        verdict: 'critical',
        since: THREE_HOURS_AGO,
        finding: { layer: 'hardware', checkId: 'hardware.workers-ready' },
        consequences: [
          {
            layer: 'networking',
            checkId: 'networking.cilium-agents',
            title: 'Cilium agents ready',
            verdict: 'critical',
            message: 'cilium-x7k2p not ready on worker-2',
            evidence: [
              {
                object: 'Pod/kube-system/cilium-x7k2p',
                field: 'spec.nodeName',
                value: 'worker-2',
                observedAt: HOUR_AGO,
              },
            ],
          },
        ],
      },
    ],
  };
}

function serve(unreachable: boolean, nodeCause = false) {
  server.use(
    http.get(`${PLATFORM_BASE}/health/${CLUSTER}`, () =>
      HttpResponse.json(
        nodeCause ? withNodeCause(health(unreachable)) : health(unreachable),
      ),
    ),
    http.get(`${PLATFORM_BASE}/health/${CLUSTER}/history`, () =>
      HttpResponse.json({
        cluster: CLUSTER,
        changes: [
          {
            cluster: CLUSTER,
            layer: 'networking',
            from: 'ok',
            to: 'critical',
            changedAt: HOUR_AGO,
            message: 'cilium-x7k2p not ready on worker-2',
          },
        ],
      }),
    ),
    http.get(`${PLATFORM_BASE}/clusters/${CLUSTER}`, () =>
      HttpResponse.json(detail),
    ),
    http.get(`${PLATFORM_BASE}/clusters/${CLUSTER}/notifications`, () =>
      HttpResponse.json({ cluster: CLUSTER, muted: false }),
    ),
    http.get(`${PLATFORM_BASE}/environment`, () =>
      HttpResponse.json({ simulated: false, clusterCount: 6 }),
    ),
  );
}

function renderPage() {
  return renderWithPlatformApi(
    <Routes>
      <Route
        path="/platform/clusters/:cluster"
        element={<ClusterHealthPage />}
      />
    </Routes>,
    { route: `/platform/clusters/${CLUSTER}` },
  );
}

describe('ClusterHealthPage', () => {
  it('shows a NotReady node once, since when, with the findings that follow from it under it, above the layers', async () => {
    serve(false, true);
    await renderPage();
    const card = await screen.findByRole('region', {
      name: 'One cause behind several findings',
    });
    const cause = within(card).getByRole('group', {
      name: /Node worker-2 is not Ready/,
    });
    expect(within(cause).getByText('3 h')).toHaveAttribute(
      'dateTime',
      THREE_HOURS_AGO,
    );
    expect(
      within(cause).getByText('1 finding follows from Node worker-2:'),
    ).toBeInTheDocument();
    expect(
      within(cause).getByRole('link', { name: 'Networking' }),
    ).toHaveAttribute('href', expect.stringContaining('layers/networking'));
    expect(
      within(cause).getByText(
        /Pod\/kube-system\/cilium-x7k2p spec.nodeName = worker-2/,
      ),
    ).toBeInTheDocument();
    // The layer keeps its verdict, and says what it follows from.
    expect(
      screen.getByText(
        'cilium-x7k2p not ready on worker-2 (follows from Node worker-2)',
      ),
    ).toBeInTheDocument();
    const layers = screen.getByText('Layers');
    expect(
      // eslint-disable-next-line no-bitwise
      card.compareDocumentPosition(layers) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it('shows no cause card when the findings share none', async () => {
    serve(false);
    await renderPage();
    await screen.findByText('Layers');
    expect(
      screen.queryByRole('region', { name: /cause/ }),
    ).not.toBeInTheDocument();
  });

  it('says once that the API cannot be reached, with the endpoint, the error class and only the API, VIP and control-plane runbooks', async () => {
    serve(true);
    await renderPage();
    const panel = await screen.findByRole('region', {
      name: /Kubernetes API unreachable: connection refused/,
    });
    expect(
      within(panel).getByText(`https://api.${CLUSTER}.example:6443`),
    ).toBeInTheDocument();
    expect(within(panel).getByText(/10 min ago/)).toBeInTheDocument();
    const runbooks = within(panel).getByRole('list', {
      name: 'Runbooks for an unreachable API',
    });
    expect(
      within(runbooks)
        .getAllByRole('link')
        .map(a => [a.textContent, a.getAttribute('href')]),
    ).toEqual([
      [
        'Kubernetes API Endpoint Unreachable',
        '#runbook-kubernetes-api-unreachable',
      ],
      ['API VIP Down (HAProxy + Keepalived)', '#runbook-api-vip-failover'],
      ['Control Plane Down', '#runbook-control-plane-down'],
    ]);
    expect(
      document.getElementById('runbook-control-plane-down'),
    ).not.toBeNull();
    expect(
      screen.queryByText(/Cilium Network Policy Blocking Traffic/),
    ).not.toBeInTheDocument();
    expect(screen.queryByText(/kubectl delete/)).not.toBeInTheDocument();
    // The message is said once, not in every layer.
    expect(screen.getAllByText(/could not be reached/)).toHaveLength(1);
  });

  it('shows the layers greyed as last known, as of their time, above the history', async () => {
    serve(true);
    await renderPage();
    const layers = await screen.findByText('Layers');
    const history = screen.getByText('History');
    expect(
      // eslint-disable-next-line no-bitwise
      layers.compareDocumentPosition(history) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(screen.getAllByText('Last known OK')).toHaveLength(
      LAYERS.length - 1,
    );
    expect(screen.getByText('Last known Critical')).toBeInTheDocument();
    expect(screen.getAllByText(/^as of /).length).toBe(LAYERS.length);
    // How long the problem has lasted, for the layers that have one.
    expect(screen.getByText('3 h')).toBeInTheDocument();
    expect(screen.queryByText('1 h')).not.toBeInTheDocument();
  });

  it('reads memory in human units and links to the Platform page and the cluster’s catalog page', async () => {
    serve(false);
    await renderPage();
    expect(await screen.findByText('16 GiB')).toBeInTheDocument();
    expect(screen.queryByText('16777216Ki')).not.toBeInTheDocument();
    const crumbs = screen.getByRole('navigation', { name: 'Breadcrumb' });
    expect(
      within(crumbs).getByRole('link', { name: 'Platform' }),
    ).toHaveAttribute('href', '/platform');
    expect(
      screen
        .getAllByRole('link', { name: /Catalog page/ })
        .map(a => a.getAttribute('href')),
    ).toContain(`/catalog/default/resource/${CLUSTER}`);
    expect(
      screen.queryByRole('region', { name: /Kubernetes API unreachable/ }),
    ).not.toBeInTheDocument();
    expect(screen.queryByText(/^Last known/)).not.toBeInTheDocument();
  });
});

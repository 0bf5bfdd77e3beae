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

import {
  platformArgocdRollbackPermission,
  platformArgocdSyncPermission,
  platformClusterProvisionPermission,
  platformEntityReadPermission,
  platformHealthReadPermission,
  platformNamespaceWritePermission,
  platformSelfServicePermission,
  platformWorkloadOperatePermission,
} from '@platform-portal/plugin-platform-common';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Server } from 'node:http';
import request from 'supertest';
import { ALERT_WEBHOOK_SECRET } from './sandboxPlatformConfig';

const ENTITY = '/entity/default/component/payments-api';

export interface RouteCall {
  /** The permission the route is gated by; null for what any signed-in caller may read. */
  permission: string | null;
  /** A call with parameters valid for the sandbox's demo fleet. */
  path: string;
  body?: object;
  /**
   * The route's own Authorization header, sent in place of a signed-in
   * caller's: Alertmanager's webhook knows no Backstage tokens.
   */
  credential?: string;
}

/**
 * Every route the plugin serves, by `METHOD /path` as the OpenAPI spec writes
 * it, with the permission that guards it and a well-formed call. A route
 * added to the router or the spec without an entry here fails the sweep.
 */
export const ROUTES: Record<string, RouteCall> = {
  'POST /alerts': {
    permission: null,
    path: '/alerts',
    body: { version: '4', receiver: 'platform', status: 'firing', alerts: [] },
    credential: `Bearer ${ALERT_WEBHOOK_SECRET}`,
  },
  'GET /layers': {
    permission: platformHealthReadPermission.name,
    path: '/layers',
  },
  'GET /environment': { permission: null, path: '/environment' },
  'GET /health': {
    permission: platformHealthReadPermission.name,
    path: '/health',
  },
  'GET /health/{cluster}': {
    permission: platformHealthReadPermission.name,
    path: '/health/prod-eu-1',
  },
  'GET /health/{cluster}/history': {
    permission: platformHealthReadPermission.name,
    path: '/health/prod-eu-1/history?limit=10',
  },
  'GET /health/{cluster}/{layer}': {
    permission: platformHealthReadPermission.name,
    path: '/health/prod-eu-1/storage',
  },
  'GET /readiness': {
    permission: platformHealthReadPermission.name,
    path: '/readiness',
  },
  'GET /readiness/{cluster}': {
    permission: platformHealthReadPermission.name,
    path: '/readiness/prod-eu-2',
  },
  'POST /readiness/{cluster}/steps/{step}/attestations': {
    permission: platformClusterProvisionPermission.name,
    path: '/readiness/prod-eu-2/steps/6/attestations',
    body: { note: 'Checked the rack labels on site' },
  },
  'GET /certificates': {
    permission: platformHealthReadPermission.name,
    path: '/certificates',
  },
  'GET /sizing/{cluster}': {
    permission: platformHealthReadPermission.name,
    path: '/sizing/prod-eu-1',
  },
  'GET /upgrades': {
    permission: platformHealthReadPermission.name,
    path: '/upgrades',
  },
  'GET /upgrades/{cluster}': {
    permission: platformHealthReadPermission.name,
    path: '/upgrades/prod-eu-1?target=1.34',
  },
  'POST /diagnostics/{cluster}/{runbook}': {
    permission: platformHealthReadPermission.name,
    path: '/diagnostics/prod-eu-2/argocd-sync-failure',
    body: {},
  },
  'POST /diagnostics/{cluster}/remediations/{action}': {
    permission: platformClusterProvisionPermission.name,
    path: '/diagnostics/prod-eu-2/remediations/argocd-sync',
    body: { name: 'orders-service', dryRun: true },
  },
  'POST /workload-actions/restart': {
    permission: platformWorkloadOperatePermission.name,
    path: '/workload-actions/restart',
    body: {
      cluster: 'prod-eu-1',
      namespace: 'payments',
      kind: 'Deployment',
      name: 'payments-api',
      dryRun: true,
    },
  },
  'POST /workload-actions/scale': {
    permission: platformWorkloadOperatePermission.name,
    path: '/workload-actions/scale',
    body: {
      cluster: 'prod-eu-1',
      namespace: 'payments',
      kind: 'Deployment',
      name: 'orders-service',
      replicas: 2,
      dryRun: true,
    },
  },
  'GET /clusters': {
    permission: platformHealthReadPermission.name,
    path: '/clusters',
  },
  'GET /clusters/{cluster}': {
    permission: platformHealthReadPermission.name,
    path: '/clusters/prod-eu-1',
  },
  'GET /clusters/{cluster}/notifications': {
    permission: platformHealthReadPermission.name,
    path: '/clusters/prod-eu-1/notifications',
  },
  'PUT /clusters/{cluster}/notifications': {
    permission: platformHealthReadPermission.name,
    path: '/clusters/prod-eu-1/notifications',
    body: { muted: false },
  },
  'GET /clusters/{cluster}/namespaces': {
    permission: platformNamespaceWritePermission.name,
    path: '/clusters/prod-eu-1/namespaces?team=team-payments',
  },
  // Read with the person's own Kubernetes rights: their RBAC decides.
  'GET /clusters/{cluster}/namespaces/{namespace}/services': {
    permission: null,
    path: '/clusters/prod-eu-1/namespaces/payments/services',
  },
  'POST /self-service/preview': {
    permission: platformSelfServicePermission.name,
    path: '/self-service/preview',
    body: {
      template: 'platform-volume',
      parameters: {
        cluster: 'resource:default/prod-eu-1',
        owner: 'group:default/team-payments',
        namespace: 'payments',
        name: 'sweep-preview',
        size: '10Gi',
        replicas: 3,
        accessMode: 'ReadWriteOnce',
      },
    },
  },
  'GET /entity/{namespace}/{kind}/{name}/nexus': {
    permission: platformEntityReadPermission.name,
    path: `${ENTITY}/nexus`,
  },
  'GET /entity/{namespace}/{kind}/{name}/gitlab': {
    permission: platformEntityReadPermission.name,
    path: `${ENTITY}/gitlab`,
  },
  'GET /entity/{namespace}/{kind}/{name}/grafana': {
    permission: platformEntityReadPermission.name,
    path: `${ENTITY}/grafana`,
  },
  'GET /entity/{namespace}/{kind}/{name}/argocd': {
    permission: platformEntityReadPermission.name,
    path: `${ENTITY}/argocd`,
  },
  'POST /entity/{namespace}/{kind}/{name}/argocd/{instance}/{app}/sync': {
    permission: platformArgocdSyncPermission.name,
    path: `${ENTITY}/argocd/prod-eu-2/payments-api/sync`,
  },
  'POST /entity/{namespace}/{kind}/{name}/argocd/{instance}/{app}/rollback': {
    permission: platformArgocdRollbackPermission.name,
    path: `${ENTITY}/argocd/prod-eu-1/payments-api/rollback`,
    body: { id: 0 },
  },
  'GET /delivery/{namespace}/{kind}/{name}': {
    permission: platformEntityReadPermission.name,
    path: '/delivery/default/component/payments-api',
  },
  'GET /workloads/{namespace}/{kind}/{name}': {
    permission: platformEntityReadPermission.name,
    path: '/workloads/default/component/payments-api',
  },
  // The demo fleet's pod names follow from its objects, so they stay the same.
  'GET /workloads/{namespace}/{kind}/{name}/logs': {
    permission: platformEntityReadPermission.name,
    path: '/workloads/default/component/payments-api/logs?cluster=prod-eu-1&pod=payments-api-xw52l4b6ck-8g5z6&container=payments-api',
  },
};

/**
 * Calls one of ROUTES on a running test backend with the given Authorization
 * header; `rewrite` turns the well-formed path into another (an unknown
 * cluster, say).
 */
export function callRoute(
  server: Server,
  route: string,
  authorization: string,
  rewrite: (path: string) => string = path => path,
) {
  const [method] = route.split(' ');
  const { path, body, credential } = ROUTES[route];
  const url = `/api/platform${rewrite(path)}`;
  const verbs = {
    POST: () => request(server).post(url),
    PUT: () => request(server).put(url),
  } as Record<string, () => request.Test>;
  const req = (verbs[method] ?? (() => request(server).get(url)))();
  const signedOut = authorization === mockCredentials.none.header();
  req.set(
    'Authorization',
    credential && !signedOut ? credential : authorization,
  );
  return body === undefined ? req : req.send(body);
}

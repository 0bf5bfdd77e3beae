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
  applyAs,
  TRAEFIK_CONTROLLER_NAME,
  type RealKubeApiServer,
} from '@platform-portal/platform-sandbox';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMAIN } from './sandboxSupport';

/*
 * A workload cluster's ingress as Traefik's Gateway provider sees it: the
 * platform Gateway (its https listener open only to labelled namespaces),
 * its wildcard certificate, team namespaces and Services with the
 * EndpointSlices their controller writes.
 */

export const GW = '/apis/gateway.networking.k8s.io';
export const GATEWAY = { namespace: 'traefik', name: 'traefik-gateway' };
/** Namespaces the https listener takes routes from carry this label. */
const EXPOSED = 'platform-portal.io/gateway-access';
const TEAM_LABELS = (team: string) => ({
  'platform-portal.io/owner': team,
  'platform-portal.io/team': team,
});

/** A self-signed wildcard certificate, as cert-manager would have stored it. */
function wildcardCertificate(): { crt: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'traefik-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        `/CN=*.${DOMAIN}`,
        '-addext',
        `subjectAltName=DNS:*.${DOMAIN}`,
        '-keyout',
        'tls.key',
        '-out',
        'tls.crt',
      ],
      { cwd: dir, stdio: 'ignore', timeout: 30_000 },
    );
    return {
      crt: readFileSync(join(dir, 'tls.crt'), 'utf8'),
      key: readFileSync(join(dir, 'tls.key'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function seedGatewayCluster(kube: RealKubeApiServer) {
  for (const [name, labels] of [
    [GATEWAY.namespace, {}],
    ['payments', { ...TEAM_LABELS('team-payments'), [EXPOSED]: 'true' }],
    ['orders', TEAM_LABELS('team-orders')],
    ['catalog', { ...TEAM_LABELS('team-catalog'), [EXPOSED]: 'true' }],
  ] as const) {
    await applyAs(
      kube,
      `/api/v1/namespaces/${name}`,
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } },
      'helm',
    );
  }
  for (const [namespace, name] of [
    ['payments', 'payments-api'],
    ['orders', 'shop'],
    ['catalog', 'catalog-api'],
  ] as const) {
    await applyAs(
      kube,
      `/api/v1/namespaces/${namespace}/services/${name}`,
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, namespace },
        spec: {
          selector: { app: name },
          ports: [{ name: 'http', port: 8080, targetPort: 8080 }],
        },
      },
      'helm',
    );
  }
  // What the EndpointSlice controller writes for each Service with a ready
  // pod behind it: Traefik resolves a backend through its slices, and a
  // Service without any is BackendNotFound to it.
  for (const [namespace, name] of [
    ['payments', 'payments-api'],
    ['orders', 'shop'],
    ['catalog', 'catalog-api'],
  ] as const) {
    await applyAs(
      kube,
      `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices/${name}-abcde`,
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name: `${name}-abcde`,
          namespace,
          labels: {
            'kubernetes.io/service-name': name,
            'endpointslice.kubernetes.io/managed-by':
              'endpointslice-controller.k8s.io',
          },
        },
        addressType: 'IPv4',
        endpoints: [
          { addresses: ['10.244.1.10'], conditions: { ready: true } },
        ],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
      'endpointslice-controller',
    );
  }
  const cert = wildcardCertificate();
  await applyAs(
    kube,
    `/api/v1/namespaces/${GATEWAY.namespace}/secrets/wildcard-tls`,
    {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/tls',
      metadata: { name: 'wildcard-tls', namespace: GATEWAY.namespace },
      stringData: { 'tls.crt': cert.crt, 'tls.key': cert.key },
    },
    'cert-manager-certificates-issuing',
  );
  await applyAs(
    kube,
    `${GW}/v1/gatewayclasses/traefik`,
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'traefik' },
      spec: { controllerName: TRAEFIK_CONTROLLER_NAME },
    },
    'helm',
  );
  // The platform Gateway as the sandbox's clusters have it, except that its
  // https listener takes routes only from namespaces labelled for it.
  await applyAs(
    kube,
    `${GW}/v1/namespaces/${GATEWAY.namespace}/gateways/${GATEWAY.name}`,
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: GATEWAY,
      spec: {
        gatewayClassName: 'traefik',
        listeners: [
          {
            name: 'http',
            protocol: 'HTTP',
            port: 8000,
            allowedRoutes: { namespaces: { from: 'All' } },
          },
          {
            name: 'https',
            protocol: 'HTTPS',
            port: 8443,
            hostname: `*.${DOMAIN}`,
            tls: {
              mode: 'Terminate',
              certificateRefs: [{ kind: 'Secret', name: 'wildcard-tls' }],
            },
            allowedRoutes: {
              namespaces: {
                from: 'Selector',
                selector: { matchLabels: { [EXPOSED]: 'true' } },
              },
            },
          },
        ],
      },
    },
    'helm',
  );
}

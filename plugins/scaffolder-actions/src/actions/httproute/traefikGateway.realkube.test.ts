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

import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ConfigClusterAccessService,
  readClusterConnections,
} from '@platform-portal/plugin-platform-node';
import {
  applyAs,
  realKubeBinariesForSuite,
  realTraefikForSuite,
  startRealGatewayCluster,
  TRAEFIK_CONTROLLER_NAME,
  type RealKubeApiServer,
} from '@platform-portal/platform-sandbox';
import { platformPolicyDecisions } from '../../__testUtils__/platformPolicyPermissions';
import {
  contextFor,
  DOMAIN,
  NOTHING_BLOCKS_UPGRADES,
  userOf,
} from '../../__testUtils__/sandboxSupport';
import {
  GATEWAY,
  GW,
  seedGatewayCluster,
} from '../../__testUtils__/traefikGatewaySeed';
import { readSelfServiceConfig } from '../../config/readSelfServiceConfig';
import { createHttpRouteAction } from './createHttpRouteAction';
import { routeVerdict } from './routeVerdict';

/*
 * platform:httproute:create against a real API server with Traefik's
 * Kubernetes Gateway provider watching it (scripts/traefik-binary.sh): the
 * Accepted and ResolvedRefs the action waits on are the ones Traefik writes,
 * and its refusals are worded from Traefik's real reasons.
 */

const SUITE = "platform:httproute:create against Traefik's Gateway provider";
const binaries = realKubeBinariesForSuite(SUITE);
const traefikBinary = binaries && realTraefikForSuite(SUITE);
const describeReal = binaries && traefikBinary ? describe : describe.skip;

jest.setTimeout(120_000);

const CLUSTER = 'prod-eu-1';

function httpRouteAction(
  kube: RealKubeApiServer,
): TemplateAction<any, any, any> {
  const config = new ConfigReader({
    platform: {
      clusters: [
        {
          name: CLUSTER,
          provisioner: 'cluster-api',
          environment: 'production',
          kubernetes: {
            url: kube.url,
            caData: kube.caData,
            token: kube.readerToken,
            writeToken: kube.adminToken,
          },
        },
      ],
      selfService: {
        allowedDomains: [DOMAIN],
        argocd: { baseUrl: 'https://argocd.example.internal' },
        pollIntervalMs: 100,
        waitTimeoutSeconds: 30,
      },
    },
  });
  return createHttpRouteAction({
    clusters: new ConfigClusterAccessService(readClusterConnections(config)),
    config: readSelfServiceConfig(config),
    permissions: mockServices.permissions.mock({
      authorize: platformPolicyDecisions(),
    }),
    auditor: mockServices.auditor.mock(),
    upgrades: NOTHING_BLOCKS_UPGRADES,
  }) as TemplateAction<any, any, any>;
}

/** Polls until `read` returns something, or fails with what it saw last. */
async function eventually<T>(
  what: string,
  read: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise(r => setTimeout(r, 200));
  }
}

const conditionOf = (object: any, type: string) =>
  (object?.status?.conditions ?? []).find((c: any) => c.type === type);

describeReal(SUITE, () => {
  let kube: RealKubeApiServer;
  let action: TemplateAction<any, any, any>;

  beforeAll(async () => {
    kube = await startRealGatewayCluster(binaries!, traefikBinary!);
    await seedGatewayCluster(kube);
    action = httpRouteAction(kube);
  }, 300_000);
  afterAll(() => kube?.stop());

  const get = async (path: string) => (await kube.request('GET', path)).body;
  const routePath = (namespace: string, name: string) =>
    `${GW}/v1/namespaces/${namespace}/httproutes/${name}`;

  it('Traefik accepts the GatewayClass and programs the Gateway', async () => {
    const gatewayClass = await eventually('GatewayClass Accepted', async () => {
      const gc = await get(`${GW}/v1/gatewayclasses/traefik`);
      return conditionOf(gc, 'Accepted')?.status === 'True' ? gc : undefined;
    });
    // Traefik's own reason for a class it handles, not the spec's "Accepted".
    expect(conditionOf(gatewayClass, 'Accepted')).toMatchObject({
      reason: 'Handled',
      message: 'Handled by Traefik controller',
    });
    const gateway = await eventually('Gateway Programmed', async () => {
      const gw = await get(
        `${GW}/v1/namespaces/${GATEWAY.namespace}/gateways/${GATEWAY.name}`,
      );
      return conditionOf(gw, 'Programmed')?.status === 'True' ? gw : undefined;
    });
    expect(gateway.status.addresses).toEqual([
      { type: 'IPAddress', value: '127.0.0.1' },
    ]);
    expect(gateway.status.listeners.map((l: any) => l.name)).toEqual([
      'http',
      'https',
    ]);
    for (const listener of gateway.status.listeners) {
      expect(
        listener.conditions.map((c: any) => [c.type, c.status, c.reason]),
      ).toEqual([
        ['Accepted', 'True', 'Accepted'],
        ['ResolvedRefs', 'True', 'ResolvedRefs'],
        ['Programmed', 'True', 'Programmed'],
      ]);
    }
  });

  it('waits on the Accepted and ResolvedRefs Traefik writes', async () => {
    const run = contextFor(
      {
        cluster: CLUSTER,
        namespace: 'payments',
        team: 'team-payments',
        name: 'payments-api',
        hostnames: [`payments.${DOMAIN}`],
        backends: [{ service: 'payments-api', port: 8080 }],
      },
      { user: userOf('pat', ['team-payments']) },
    );
    await action.handler(run.ctx);
    expect(run.logs).toContain(
      'HTTPRoute payments/payments-api is accepted by the gateway and its backends resolve',
    );
    const route = await get(routePath('payments', 'payments-api'));
    const [parent] = route.status.parents;
    expect(parent.controllerName).toBe(TRAEFIK_CONTROLLER_NAME);
    expect(
      parent.conditions.map((c: any) => [c.type, c.status, c.reason]),
    ).toEqual([
      ['Accepted', 'True', 'Accepted'],
      ['ResolvedRefs', 'True', 'ResolvedRefs'],
    ]);
    // The status came from Traefik's client, not from this test or the action.
    const statusWriters = route.metadata.managedFields
      .filter((f: any) => f.subresource === 'status')
      .map((f: any) => f.manager);
    expect(statusWriters).toHaveLength(1);
    expect(statusWriters[0]).not.toMatch(/platform|helm|test/);
    // The https listener counts it.
    await eventually('attachedRoutes', async () => {
      const gw = await get(
        `${GW}/v1/namespaces/${GATEWAY.namespace}/gateways/${GATEWAY.name}`,
      );
      const https = gw.status.listeners.find((l: any) => l.name === 'https');
      return https.attachedRoutes === 1 ? true : undefined;
    });
  });

  it('refuses a route from a namespace the listener does not allow, in plain words, and leaves nothing', async () => {
    const run = contextFor(
      {
        cluster: CLUSTER,
        namespace: 'orders',
        team: 'team-orders',
        name: 'shop',
        hostnames: [`shop.${DOMAIN}`],
        backends: [{ service: 'shop', port: 8080 }],
      },
      { user: userOf('olga', ['team-orders']) },
    );
    const error = await action.handler(run.ctx).then(
      () => undefined,
      e => e,
    );
    expect(error?.message).toContain(
      "HTTPRoute orders/shop was applied but does not work yet. Not accepted: the gateway's listeners do not accept routes from this namespace (NotAllowedByListeners)",
    );
    // Its backend is fine: only the listener refuses it.
    expect(error.message).not.toContain('References not resolved');
    expect(
      (await kube.request('GET', routePath('orders', 'shop'))).status,
    ).toBe(404);
  });

  it('a backend in another namespace is refused until a ReferenceGrant allows it', async () => {
    await applyAs(
      kube,
      routePath('payments', 'catalog-proxy'),
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'catalog-proxy', namespace: 'payments' },
        spec: {
          parentRefs: [{ ...GATEWAY, sectionName: 'https' }],
          hostnames: [`catalog.${DOMAIN}`],
          rules: [
            {
              backendRefs: [
                { name: 'catalog-api', namespace: 'catalog', port: 8080 },
              ],
            },
          ],
        },
      },
      'team-payments',
    );
    const refused = await eventually('route status', async () => {
      const r = await get(routePath('payments', 'catalog-proxy'));
      return r.status?.parents?.length ? r : undefined;
    });
    const verdict = routeVerdict(refused, GATEWAY)!;
    expect(verdict.accepted).toBe(false);
    expect(verdict.onlyMissingBackends).toBe(false);
    expect(verdict.problems).toHaveLength(1);
    expect(verdict.problems[0]).toMatch(
      /^References not resolved: a backend in another namespace is referenced without a ReferenceGrant \(RefNotPermitted: .*catalog\/catalog-api/,
    );
    await applyAs(
      kube,
      `${GW}/v1beta1/namespaces/catalog/referencegrants/from-payments`,
      {
        apiVersion: 'gateway.networking.k8s.io/v1beta1',
        kind: 'ReferenceGrant',
        metadata: { name: 'from-payments', namespace: 'catalog' },
        spec: {
          from: [
            {
              group: 'gateway.networking.k8s.io',
              kind: 'HTTPRoute',
              namespace: 'payments',
            },
          ],
          to: [{ group: '', kind: 'Service', name: 'catalog-api' }],
        },
      },
      'team-catalog',
    );
    const granted = await eventually(
      'ResolvedRefs after the grant',
      async () => {
        const r = await get(routePath('payments', 'catalog-proxy'));
        return routeVerdict(r, GATEWAY)?.accepted ? r : undefined;
      },
    );
    expect(routeVerdict(granted, GATEWAY)!.problems).toEqual([]);
  });

  it('with allowMissingBackends, a missing Service is a warning worded from BackendNotFound', async () => {
    const run = contextFor(
      {
        cluster: CLUSTER,
        namespace: 'payments',
        team: 'team-payments',
        name: 'payments-web',
        hostnames: [`web.${DOMAIN}`],
        backends: [{ service: 'payments-web', port: 8080 }],
        allowMissingBackends: true,
      },
      { user: userOf('pat', ['team-payments']) },
    );
    await action.handler(run.ctx);
    const warning = run.logs.find(l =>
      l.includes('will serve traffic once its backends exist'),
    );
    expect(warning).toContain(
      'References not resolved: a backend Service does not exist (BackendNotFound: Cannot load HTTPBackendRef payments/payments-web: getting service: service "payments-web" not found)',
    );
    expect(
      (await kube.request('GET', routePath('payments', 'payments-web'))).status,
    ).toBe(200);
  });
});

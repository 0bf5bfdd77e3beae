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

import { Sandbox } from '@platform-portal/platform-sandbox';
import {
  actionSetup,
  contextFor,
  revisionOf,
  startTestSandbox,
  userOf,
  whileTicking,
} from '../../__testUtils__/sandboxSupport';
import { createHttpRouteAction } from './createHttpRouteAction';

const CLUSTER = 'prod-eu-1';

describe('platform:httproute:create', () => {
  let sandbox: Sandbox;
  let setup: ReturnType<typeof actionSetup>;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => {
    setup = actionSetup(sandbox);
  });

  const store = () => sandbox.fleet.cluster(CLUSTER)!.store;
  const input = (name: string, extra: Record<string, unknown> = {}) => ({
    cluster: CLUSTER,
    namespace: 'payments',
    team: 'team-payments',
    name,
    hostnames: [`${name}.apps.example.internal`],
    backends: [{ service: 'payments-api', port: 8080 }],
    ...extra,
  });
  const run = (ctx: ReturnType<typeof contextFor>['ctx']) =>
    whileTicking(sandbox, createHttpRouteAction(setup).handler(ctx));

  it('attaches a route to the gateway and waits until it is accepted', async () => {
    const { ctx, outputs } = contextFor(
      input('checkout', {
        backends: undefined,
        rules: [
          {
            path: '/api',
            backends: [
              { service: 'payments-api', port: 8080, weight: 90 },
              { service: 'orders-service', port: 8080, weight: 10 },
            ],
          },
        ],
      }),
    );
    await run(ctx);
    const route = store().get(
      'httproutes.gateway.networking.k8s.io',
      'payments',
      'checkout',
    )!;
    expect(route.spec).toMatchObject({
      parentRefs: [
        { name: 'traefik-gateway', namespace: 'traefik', sectionName: 'https' },
      ],
      hostnames: ['checkout.apps.example.internal'],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
          backendRefs: [
            { name: 'payments-api', weight: 90 },
            { name: 'orders-service', weight: 10 },
          ],
        },
      ],
    });
    expect(outputs).toMatchObject({
      routeName: 'checkout',
      url: 'https://checkout.apps.example.internal/api',
    });
  });

  it('is a no-op when run twice', async () => {
    await run(contextFor(input('again')).ctx);
    const before = store().get(
      'httproutes.gateway.networking.k8s.io',
      'payments',
      'again',
    )!.metadata.resourceVersion;
    const { ctx, outputs } = contextFor(input('again'));
    await run(ctx);
    expect(
      store().get('httproutes.gateway.networking.k8s.io', 'payments', 'again')!
        .metadata.resourceVersion,
    ).toBe(before);
    expect(outputs.objects).toEqual(['HTTPRoute again: unchanged']);
  });

  it('stops before writing when a backend Service does not exist, naming the field and the Services there', async () => {
    const before = revisionOf(sandbox, CLUSTER);
    for (const isDryRun of [true, false]) {
      const { ctx } = contextFor(
        input('broken', {
          backends: undefined,
          rules: [
            {
              path: '/',
              backends: [
                { service: 'payments-api', port: 8080 },
                { service: 'no-such-service', port: 8080 },
              ],
            },
          ],
        }),
        { isDryRun },
      );
      await expect(run(ctx)).rejects.toThrow(
        /^rules\[0\]\.backends\[1\]\.service: no Service no-such-service in namespace payments; Services there: .*payments-api \(8080\)/,
      );
    }
    expect(
      store().get('httproutes.gateway.networking.k8s.io', 'payments', 'broken'),
    ).toBeUndefined();
    expect(revisionOf(sandbox, CLUSTER)).toBe(before);
  });

  it('stops before writing when the Service does not expose the port', async () => {
    const { ctx } = contextFor(
      input('wrong-port', {
        backends: [{ service: 'payments-api', port: 9090 }],
      }),
    );
    await expect(run(ctx)).rejects.toThrow(
      'backends[0].port: Service payments/payments-api exposes port 8080, not 9090',
    );
    expect(
      store().get(
        'httproutes.gateway.networking.k8s.io',
        'payments',
        'wrong-port',
      ),
    ).toBeUndefined();
  });

  it('accepts a route whose Service comes later when asked to', async () => {
    const { ctx, logs } = contextFor(
      input('later', {
        backends: [{ service: 'later', port: 8080 }],
        allowMissingBackends: true,
      }),
    );
    await run(ctx);
    expect(
      logs.some(l => l.includes('will serve traffic once its backends exist')),
    ).toBe(true);
    expect(
      store().get('httproutes.gateway.networking.k8s.io', 'payments', 'later'),
    ).toBeDefined();
  });

  it("refuses a hostname another namespace's route already serves", async () => {
    const before = revisionOf(sandbox, CLUSTER);
    // shop.apps.example.internal is storefront's.
    const { ctx } = contextFor(
      input('hijack', { hostnames: ['shop.apps.example.internal'] }),
    );
    await expect(createHttpRouteAction(setup).handler(ctx)).rejects.toThrow(
      'hostnames: shop.apps.example.internal already served by HTTPRoute storefront/storefront-web of another namespace',
    );
    expect(revisionOf(sandbox, CLUSTER)).toBe(before);
  });

  it('dry run changes nothing', async () => {
    const before = revisionOf(sandbox, CLUSTER);
    const { ctx, logs } = contextFor(input('dry'), { isDryRun: true });
    await createHttpRouteAction(setup).handler(ctx);
    expect(revisionOf(sandbox, CLUSTER)).toBe(before);
    expect(
      logs.some(l => l.includes('Would apply HTTPRoute payments/dry')),
    ).toBe(true);
  });

  it('refuses hostnames outside the allowed domains and foreign namespaces before writing', async () => {
    const before = revisionOf(sandbox, CLUSTER);
    await expect(
      createHttpRouteAction(setup).handler(
        contextFor(input('evil', { hostnames: ['evil.example.com'] })).ctx,
      ),
    ).rejects.toThrow(
      'hostnames[0]: "evil.example.com" is not under an allowed domain (apps.example.internal)',
    );
    await expect(
      createHttpRouteAction(setup).handler(
        contextFor(input('x', { namespace: 'storefront' })).ctx,
      ),
    ).rejects.toThrow('belongs to team-storefront');
    await expect(
      createHttpRouteAction(setup).handler(
        contextFor(input('y'), { user: userOf('sam', ['team-storefront']) })
          .ctx,
      ),
    ).rejects.toThrow(
      'permission platform.namespace.write on group:default/team-payments was denied',
    );
    await expect(
      createHttpRouteAction(setup).handler(
        contextFor(
          input('z', { namespace: 'traefik', team: 'platform-team' }),
          { user: userOf('alice', ['platform-team']) },
        ).ctx,
      ),
    ).rejects.toThrow('is not a team namespace');
    expect(revisionOf(sandbox, CLUSTER)).toBe(before);
  });
});

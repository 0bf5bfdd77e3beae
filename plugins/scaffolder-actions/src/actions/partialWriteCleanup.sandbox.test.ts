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

import { FAULT_CLASSES, Sandbox } from '@platform-portal/platform-sandbox';
import {
  ClusterObjects,
  Manifest,
} from '@platform-portal/plugin-platform-node';
import {
  actionSetup,
  apiWritesSince,
  contextFor,
  revisionsOf,
  startTestSandbox,
  whileTicking,
} from '../__testUtils__/sandboxSupport';
import { createCertificateAction } from './certificate/createCertificateAction';
import { createHttpRouteAction } from './httproute/createHttpRouteAction';

jest.setTimeout(60_000);

const CLUSTER = 'prod-eu-1';
const NO_STACK = /\n\s+at |\/[\w.-]+\/[\w.-]+\.(js|ts)\b/;

describe('the route template after a partial write', () => {
  let sandbox: Sandbox;
  let setup: ReturnType<typeof actionSetup>;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => {
    setup = actionSetup(sandbox);
  });
  afterEach(() => sandbox.control.resetBehaviour());

  const store = () => sandbox.fleet.cluster(CLUSTER)!.store;
  const routeOf = (name: string) =>
    store().get('httproutes.gateway.networking.k8s.io', 'payments', name);
  const target = {
    cluster: CLUSTER,
    namespace: 'payments',
    team: 'team-payments',
  };

  /** The template's first step: the route, and what it says it created. */
  async function routeStep(name: string) {
    const { ctx, outputs } = contextFor({
      ...target,
      name,
      hostnames: [`${name}.apps.example.internal`],
      backends: [{ service: 'payments-api', port: 8080 }],
    });
    await whileTicking(sandbox, createHttpRouteAction(setup).handler(ctx));
    expect(routeOf(name)).toBeDefined();
    return outputs.created;
  }

  /** The template's second step, handed the first step's `created`. */
  async function certificateStep(name: string, created: unknown) {
    const { ctx, logs } = contextFor({
      ...target,
      name,
      dnsNames: [`${name}.apps.example.internal`],
      issuer: 'letsencrypt-staging',
      routeName: name,
      removeOnFailure: created,
    });
    let error: Error | undefined;
    try {
      await whileTicking(sandbox, createCertificateAction(setup).handler(ctx));
    } catch (e) {
      error = e as Error;
    }
    return { error, logs };
  }

  it('removes the route it wrote when the certificate write fails, and leaves what it did not write', async () => {
    const created = await routeStep('checkout-partial');
    expect(created).toEqual([
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        namespace: 'payments',
        name: 'checkout-partial',
      },
    ]);
    // The fault on the second write: someone else's field manager holds the
    // Certificate's issuer, so the action's apply (never forced) is a conflict.
    const other = new ClusterObjects(
      CLUSTER,
      setup.clusters.kubeConfig(CLUSTER, 'write'),
    );
    await other.applyAs(
      {
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: {
          name: 'checkout-partial',
          namespace: 'payments',
          labels: {
            'platform-portal.io/owner': 'team-payments',
            team: 'team-payments',
            'app.kubernetes.io/managed-by': 'platform-portal',
          },
        },
        spec: {
          secretName: 'checkout-partial-tls',
          dnsNames: ['checkout-partial.apps.example.internal'],
          issuerRef: {
            group: 'cert-manager.io',
            kind: 'ClusterIssuer',
            name: 'letsencrypt-prod',
          },
        },
      } as Manifest,
      { dryRun: false, fieldManager: 'kubectl', force: false },
    );
    const before = revisionsOf(sandbox);

    const { error, logs } = await certificateStep('checkout-partial', created);

    expect(error?.message).toMatch(/conflict/i);
    expect(error?.message).toContain(
      'What this task had written is removed: HTTPRoute payments/checkout-partial.',
    );
    expect(error?.stack).not.toMatch(NO_STACK);
    expect(logs.join('\n')).not.toMatch(NO_STACK);
    expect(routeOf('checkout-partial')).toBeUndefined();
    // Only the route went; the Certificate the task did not create stays.
    const writes = apiWritesSince(sandbox, before);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(
      /^prod-eu-1 DELETED httproutes\.gateway\.networking\.k8s\.io payments\/checkout-partial by /,
    );
    expect(
      store().get(
        'certificates.cert-manager.io',
        'payments',
        'checkout-partial',
      ),
    ).toBeDefined();
  });

  it('says exactly what is left and the kubectl command that removes it when the clean-up cannot reach the cluster', async () => {
    const created = await routeStep('checkout-left');
    sandbox.control.setBehaviour(
      { upstream: 'kubernetes', cluster: CLUSTER },
      FAULT_CLASSES['5xx'],
    );

    const { error, logs } = await certificateStep('checkout-left', created);

    expect(error?.message).toContain(
      `Left on cluster ${CLUSTER}: HTTPRoute payments/checkout-left (remove it with: kubectl --context ${CLUSTER} --namespace payments delete httproute.gateway.networking.k8s.io checkout-left).`,
    );
    expect(logs.join('\n')).toContain(
      'Remove it with: kubectl --context prod-eu-1 --namespace payments delete httproute.gateway.networking.k8s.io checkout-left',
    );
    expect(error?.stack).not.toMatch(NO_STACK);
    expect(logs.join('\n')).not.toMatch(NO_STACK);
    expect(routeOf('checkout-left')).toBeDefined();
  });

  it('removes nothing it was not told about, and nothing outside its namespace', async () => {
    const before = revisionsOf(sandbox);
    const { error } = await certificateStep('checkout-foreign', [
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        namespace: 'storefront',
        name: 'storefront-web',
      },
    ]);
    expect(error?.name).toBe('InputError');
    expect(error?.message).toContain(
      'removeOnFailure[0].namespace: must be payments',
    );
    expect(apiWritesSince(sandbox, before)).toEqual([]);
  });
});

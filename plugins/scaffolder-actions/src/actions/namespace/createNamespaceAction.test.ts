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
import { Sandbox } from '@platform-portal/platform-sandbox';
import {
  actionSetup,
  allTokens,
  contextFor,
  revisionOf,
  startTestSandbox,
  userOf,
} from '../../__testUtils__/sandboxSupport';
import { createNamespaceAction } from './createNamespaceAction';

const CLUSTER = 'prod-eu-1';

describe('platform:namespace:create', () => {
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
  const input = (namespace: string, extra: Record<string, unknown> = {}) => ({
    cluster: CLUSTER,
    namespace,
    team: 'team-payments',
    entity: 'checkout-api',
    size: 'M',
    ...extra,
  });

  it('creates the namespace, quota, limits, edit binding and network policies', async () => {
    const { ctx, outputs } = contextFor(input('checkout'));
    await createNamespaceAction(setup).handler(ctx);

    const ns = store().get('namespaces', undefined, 'checkout')!;
    expect(ns.metadata.labels).toMatchObject({
      'platform-portal.io/owner': 'team-payments',
      'platform-portal.io/entity': 'checkout-api',
    });
    const quota = store().get('resourcequotas', 'checkout', 'platform-quota')!;
    expect((quota.spec as any).hard).toMatchObject({
      'requests.cpu': '8',
      'requests.memory': '16Gi',
    });
    expect(
      store().get('limitranges', 'checkout', 'platform-limits'),
    ).toBeDefined();
    const binding = store().get(
      'rolebindings.rbac.authorization.k8s.io',
      'checkout',
      'team-payments-edit',
    )!;
    expect((binding as any).roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: 'edit',
    });
    expect((binding as any).subjects).toEqual([
      {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Group',
        name: 'team-payments',
      },
    ]);
    const deny = store().get(
      'ciliumnetworkpolicies.cilium.io',
      'checkout',
      'default-deny',
    )!;
    expect(deny.spec).toEqual({
      endpointSelector: {},
      ingress: [{}],
      egress: [{}],
    });
    const policies = store()
      .list('ciliumnetworkpolicies.cilium.io', 'checkout')
      .map(p => p.metadata.name)
      .sort();
    expect(policies).toEqual([
      'allow-dns-egress',
      'allow-from-gateway',
      'allow-same-namespace',
      'default-deny',
    ]);
    // Nothing cluster-wide besides the Namespace itself.
    expect(
      store()
        .list('clusterrolebindings.rbac.authorization.k8s.io')
        .some(b => b.metadata.name.includes('team-payments')),
    ).toBe(false);
    expect(outputs).toMatchObject({
      cluster: CLUSTER,
      namespace: 'checkout',
      changed: true,
    });
    expect(outputs.dashboardUrl).toBe(
      'http://grafana.example/d/k8s-namespace/namespace?var-cluster=prod-eu-1&var-namespace=checkout',
    );
    // The policy decides on the team's Group, with the initiator's credentials.
    expect(setup.permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'platform.namespace.write',
          }),
          resourceRef: 'group:default/team-payments',
        },
      ],
      {
        credentials: expect.objectContaining({
          principal: expect.objectContaining({ type: 'user' }),
        }),
      },
    );
    expect(setup.auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'namespace-create',
        meta: expect.objectContaining({
          namespace: 'checkout',
          actor: 'user:default/pat',
        }),
      }),
    );
  });

  it('is a no-op when run twice with the same input', async () => {
    await createNamespaceAction(setup).handler(contextFor(input('twice')).ctx);
    const before = revisionOf(sandbox, CLUSTER);
    const { ctx, outputs } = contextFor(input('twice'));
    await createNamespaceAction(setup).handler(ctx);
    expect(revisionOf(sandbox, CLUSTER)).toBe(before);
    expect(outputs.changed).toBe(false);
    expect(
      (outputs.objects as string[]).every(o => o.endsWith('unchanged')),
    ).toBe(true);
  });

  it('applies an explicit quota instead of the size', async () => {
    await createNamespaceAction(setup).handler(
      contextFor(input('explicit', { quota: { cpu: 12, memoryGi: 24 } })).ctx,
    );
    const quota = store().get('resourcequotas', 'explicit', 'platform-quota')!;
    expect((quota.spec as any).hard).toMatchObject({
      'requests.cpu': '12',
      'requests.memory': '24Gi',
      'limits.memory': '48Gi',
      pods: '50',
      'requests.storage': '100Gi',
    });
    await expect(
      createNamespaceAction(setup).handler(
        contextFor(input('greedy', { quota: { cpu: 65, memoryGi: 24 } })).ctx,
      ),
    ).rejects.toThrow('quota.cpu: must be between 1 and 64');
    await expect(
      createNamespaceAction(setup).handler(
        contextFor(
          input('sneaky', {
            quota: { cpu: 1, memoryGi: 1, 'limits.cpu': 999 },
          }),
        ).ctx,
      ),
    ).rejects.toThrow('quota: unknown fields limits.cpu');
  });

  it('leaves out the allow rules that were not asked for', async () => {
    await createNamespaceAction(setup).handler(
      contextFor(
        input('quiet', { allowSameNamespace: false, allowDnsEgress: false }),
      ).ctx,
    );
    const policies = store()
      .list('ciliumnetworkpolicies.cilium.io', 'quiet')
      .map(p => p.metadata.name)
      .sort();
    expect(policies).toEqual(['allow-from-gateway', 'default-deny']);
  });

  it('dry run prints what it would apply and changes nothing', async () => {
    const before = revisionOf(sandbox, CLUSTER);
    const { ctx, outputs, logs } = contextFor(input('dry'), { isDryRun: true });
    await createNamespaceAction(setup).handler(ctx);
    expect(revisionOf(sandbox, CLUSTER)).toBe(before);
    expect(store().get('namespaces', undefined, 'dry')).toBeUndefined();
    expect(
      logs.some(
        l =>
          l.includes('Would apply Namespace dry') &&
          l.includes('accepted by the API server dry run'),
      ),
    ).toBe(true);
    expect(
      logs.some(l =>
        l.includes('Would apply CiliumNetworkPolicy dry/default-deny'),
      ),
    ).toBe(true);
    expect(outputs.objects).toContain('Namespace dry: would-apply');
    const printed = JSON.stringify({ logs, outputs });
    for (const token of allTokens(sandbox))
      expect(printed).not.toContain(token);
  });

  it('refuses a namespace that belongs to another team, without writing', async () => {
    const before = revisionOf(sandbox, CLUSTER);
    const { ctx } = contextFor(input('storefront'));
    await expect(createNamespaceAction(setup).handler(ctx)).rejects.toThrow(
      'namespace: "storefront" on cluster prod-eu-1 belongs to team-storefront, not team-payments',
    );
    expect(revisionOf(sandbox, CLUSTER)).toBe(before);
  });

  it('refuses platform namespaces that no team owns', async () => {
    const { ctx } = contextFor(input('argocd', { team: 'platform-team' }), {
      user: userOf('alice', ['platform-team']),
    });
    await expect(createNamespaceAction(setup).handler(ctx)).rejects.toThrow(
      'is not a team namespace',
    );
  });

  it('refuses users outside the team and denials of the permission framework', async () => {
    const before = revisionOf(sandbox, CLUSTER);
    const stranger = contextFor(input('stranger'), {
      user: userOf('sam', ['team-storefront']),
    });
    await expect(
      createNamespaceAction(setup).handler(stranger.ctx),
    ).rejects.toThrow(
      'user:default/sam is not allowed to do this: permission platform.namespace.write on group:default/team-payments was denied',
    );
    setup.permissions.authorize.mockResolvedValue([
      { result: AuthorizeResult.DENY },
    ]);
    await expect(
      createNamespaceAction(setup).handler(contextFor(input('denied')).ctx),
    ).rejects.toThrow('not allowed');
    expect(revisionOf(sandbox, CLUSTER)).toBe(before);
  });

  it('leaves team access to the policy: members and the platform team may, others get the permission named', async () => {
    const before = revisionOf(sandbox, CLUSTER);
    const outsider = contextFor(input('ledger-outsider'), {
      user: userOf('judy', ['team-storefront']),
    });
    const error = await createNamespaceAction(setup)
      .handler(outsider.ctx)
      .catch(e => e);
    expect(error.name).toBe('NotAllowedError');
    expect(error.message).toBe(
      'user:default/judy is not allowed to do this: permission platform.namespace.write on group:default/team-payments was denied',
    );
    expect(revisionOf(sandbox, CLUSTER)).toBe(before);
    // Asked with the initiator's credentials, about the team's Group.
    expect(setup.permissions.authorize).toHaveBeenLastCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'platform.namespace.write',
            resourceType: 'catalog-entity',
          }),
          resourceRef: 'group:default/team-payments',
        },
      ],
      {
        credentials: expect.objectContaining({
          principal: { type: 'user', userEntityRef: 'user:default/judy' },
        }),
      },
    );

    const platformMember = contextFor(input('ledger-platform'), {
      user: userOf('bob', ['platform-team']),
      isDryRun: true,
    });
    await createNamespaceAction(setup).handler(platformMember.ctx);
    expect(platformMember.outputs.namespace).toBe('ledger-platform');
  });

  it("reports the API server's refusal when the portal's token may not write", async () => {
    const readOnly = actionSetup(sandbox, {}, 'reader');
    const { ctx, logs, outputs } = contextFor(input('forbidden'));
    const error = await createNamespaceAction(readOnly)
      .handler(ctx)
      .catch(e => e);
    expect(error.name).toBe('NotAllowedError');
    expect(error.message).toMatch(
      /^Cluster prod-eu-1: applying Namespace forbidden failed \(403 Forbidden\): namespaces "forbidden" is forbidden: User "system:serviceaccount:backstage:portal-reader" cannot patch resource "namespaces"/,
    );
    expect(readOnly.auditor.createEvent).toHaveBeenCalledTimes(1);
    const printed = JSON.stringify({ message: error.message, logs, outputs });
    for (const token of allTokens(sandbox))
      expect(printed).not.toContain(token);
  });

  it("fails naming the cluster's caData, writing nothing, when it is configured with another cluster's CA", async () => {
    const wrongCa = actionSetup(sandbox, {}, 'admin', name =>
      sandbox.caData(name === CLUSTER ? 'prod-eu-2' : name),
    );
    const index = wrongCa.clusters
      .listClusters()
      .findIndex(c => c.name === CLUSTER);
    const before = revisionOf(sandbox, CLUSTER);
    const { ctx } = contextFor(input('untrusted'));
    const error = await createNamespaceAction(wrongCa)
      .handler(ctx)
      .catch(e => e);
    expect(error.message).toContain(
      `check platform.clusters[${index}].kubernetes.caData, the PEM of the CA that signed the API server's certificate`,
    );
    expect(revisionOf(sandbox, CLUSTER)).toBe(before);
    expect(store().get('namespaces', undefined, 'untrusted')).toBeUndefined();
  });

  it('refuses unknown and management clusters by name', async () => {
    await expect(
      createNamespaceAction(setup).handler(
        contextFor(input('x', { cluster: 'nowhere' })).ctx,
      ),
    ).rejects.toThrow(
      'cluster: cluster "nowhere" is not one of the platform\'s clusters',
    );
    await expect(
      createNamespaceAction(setup).handler(
        contextFor(input('x', { cluster: 'mgmt' })).ctx,
      ),
    ).rejects.toThrow('is a management cluster');
  });
});

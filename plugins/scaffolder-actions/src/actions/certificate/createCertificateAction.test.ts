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
  whileTicking,
} from '../../__testUtils__/sandboxSupport';
import { createCertificateAction } from './createCertificateAction';

const CLUSTER = 'prod-eu-1';

describe('platform:certificate:create', () => {
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
    dnsNames: [`${name}.apps.example.internal`],
    issuer: 'letsencrypt-prod',
    ...extra,
  });
  const run = (ctx: ReturnType<typeof contextFor>['ctx']) =>
    whileTicking(sandbox, createCertificateAction(setup).handler(ctx));

  it('requests a certificate and waits until cert-manager reports Ready', async () => {
    const { ctx, outputs } = contextFor(input('shop-cert'));
    await run(ctx);
    const cert = store().get(
      'certificates.cert-manager.io',
      'payments',
      'shop-cert',
    )!;
    expect(cert.spec).toEqual({
      secretName: 'shop-cert-tls',
      dnsNames: ['shop-cert.apps.example.internal'],
      issuerRef: {
        group: 'cert-manager.io',
        kind: 'ClusterIssuer',
        name: 'letsencrypt-prod',
      },
    });
    expect((cert.status as any).conditions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'Ready', status: 'True' }),
      ]),
    );
    expect(store().get('secrets', 'payments', 'shop-cert-tls')).toBeDefined();
    expect(outputs).toMatchObject({
      certificateName: 'shop-cert',
      secretName: 'shop-cert-tls',
    });
  });

  it('is a no-op when run twice', async () => {
    await run(contextFor(input('twice')).ctx);
    const { ctx, outputs } = contextFor(input('twice'));
    await run(ctx);
    expect(outputs.objects).toEqual(['Certificate twice: unchanged']);
  });

  it('reports the failing condition when the issuer is broken', async () => {
    sandbox.control.injectFault(CLUSTER, {
      id: 'clusterissuer-not-ready',
      target: 'letsencrypt-staging',
    } as any);
    try {
      const impatient = actionSetup(sandbox, { waitTimeoutSeconds: 1 });
      const { ctx } = contextFor(
        input('stuck', { issuer: 'letsencrypt-staging' }),
      );
      await expect(
        whileTicking(sandbox, createCertificateAction(impatient).handler(ctx)),
      ).rejects.toThrow(
        /Certificate payments\/stuck is not Ready after 1 s: Ready is False \(DoesNotExist\)/,
      );
    } finally {
      sandbox.control.clearFault(CLUSTER, 'clusterissuer-not-ready' as any);
    }
  });

  it('checks DNS names against the route and refuses unknown issuers, without writing', async () => {
    const before = revisionOf(sandbox, CLUSTER);
    await expect(
      createCertificateAction(setup).handler(
        contextFor(
          input('pay', {
            dnsNames: ['other.apps.example.internal'],
            routeName: 'payments-api',
          }),
        ).ctx,
      ),
    ).rejects.toThrow(
      'dnsNames: other.apps.example.internal not among the hostnames of HTTPRoute payments-api (payments.apps.example.internal)',
    );
    await expect(
      createCertificateAction(setup).handler(
        contextFor(input('pay', { issuer: 'my-own-ca' })).ctx,
      ),
    ).rejects.toThrow(
      'issuer: "my-own-ca" is not allowed; choose one of letsencrypt-prod, letsencrypt-staging',
    );
    await expect(
      createCertificateAction(setup).handler(
        contextFor(input('pay', { dnsNames: ['*.apps.example.internal'] })).ctx,
      ),
    ).rejects.toThrow('dnsNames[0]');
    expect(revisionOf(sandbox, CLUSTER)).toBe(before);
  });

  it("refuses a DNS name another namespace's route serves", async () => {
    const before = revisionOf(sandbox, CLUSTER);
    const { ctx } = contextFor(
      input('not-mine', { dnsNames: ['shop.apps.example.internal'] }),
    );
    await expect(createCertificateAction(setup).handler(ctx)).rejects.toThrow(
      'dnsNames: shop.apps.example.internal already served by HTTPRoute storefront/storefront-web of another namespace',
    );
    expect(revisionOf(sandbox, CLUSTER)).toBe(before);
  });

  it('dry run changes nothing', async () => {
    const before = revisionOf(sandbox, CLUSTER);
    await createCertificateAction(setup).handler(
      contextFor(input('dry'), { isDryRun: true }).ctx,
    );
    expect(revisionOf(sandbox, CLUSTER)).toBe(before);
  });
});

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

import { X509Certificate } from 'node:crypto';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ConfigClusterAccessService,
  readClusterConnections,
} from '@platform-portal/plugin-platform-node';
import {
  CERT_MANAGER_NAMESPACE,
  createCaClusterIssuer,
  RealKubeApiServer,
  realKubeBinariesForSuite,
  realStackBinariesForSuite,
  realStackKubeForSuite,
  teamToken,
} from '@platform-portal/platform-sandbox';
import { platformPolicyDecisions } from './__testUtils__/platformPolicyPermissions';
import {
  contextFor,
  DOMAIN,
  NOTHING_BLOCKS_UPGRADES,
  userOf,
} from './__testUtils__/sandboxSupport';
import { createPlatformActions } from './actions';
import { readSelfServiceConfig } from './config/readSelfServiceConfig';

/*
 * platform:certificate:create against cert-manager's real controllers with a
 * CA ClusterIssuer: the Certificate, its CertificateRequest and the Secret
 * are cert-manager's own, and so is the failure once the CA's Secret is gone.
 */

const SUITE = "platform:certificate:create on cert-manager's real controllers";
const kubeBinaries = realKubeBinariesForSuite(SUITE);
const stackBinaries =
  kubeBinaries && realStackBinariesForSuite(SUITE, ['certManagerController']);

// A control plane and cert-manager on a loaded machine; issuance is seconds.
jest.setTimeout(180_000);

const CLUSTER = 'prod-eu-1';
const NAMESPACE = 'certs-realkube';
const TEAM = 'team-payments';
const ISSUER = 'certs-realkube-ca';
const CA_SECRET = 'certs-realkube-ca-key-pair';
const CM = '/apis/cert-manager.io/v1';

(stackBinaries ? describe : describe.skip)(SUITE, () => {
  let kube: RealKubeApiServer;
  let caPem: string;
  let action: TemplateAction<any, any, any>;

  const get = async (path: string) => (await kube.request('GET', path)).body;
  async function eventually<T>(
    what: string,
    read: () => Promise<T>,
    done: (value: T) => boolean,
  ): Promise<T> {
    const until = Date.now() + 60_000;
    let last: T | undefined;
    while (Date.now() < until) {
      last = await read();
      if (done(last)) return last;
      await new Promise(r => setTimeout(r, 250));
    }
    throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(last)}`);
  }
  const condition = (object: any, type: string) =>
    (object?.status?.conditions ?? []).find((c: any) => c.type === type);
  const run = (name: string) =>
    action.handler(
      contextFor(
        {
          cluster: CLUSTER,
          namespace: NAMESPACE,
          team: TEAM,
          name,
          dnsNames: [`${name}.${DOMAIN}`],
          issuer: ISSUER,
        },
        { user: userOf('pat', [TEAM]) },
      ).ctx,
    );

  beforeAll(async () => {
    kube = await realStackKubeForSuite(kubeBinaries!, stackBinaries!, [
      'certManagerController',
    ]);
    caPem = await createCaClusterIssuer(kube, ISSUER, CA_SECRET);
    await kube.request('POST', '/api/v1/namespaces', {
      metadata: {
        name: NAMESPACE,
        labels: {
          'platform-portal.io/owner': TEAM,
          'platform-portal.io/team': TEAM,
          'app.kubernetes.io/managed-by': 'platform-portal',
        },
      },
    });
    const writeToken = await teamToken(kube, TEAM, [NAMESPACE]);
    const config = new ConfigReader({
      app: { baseUrl: 'http://localhost:3000' },
      platform: {
        clusters: [
          {
            name: CLUSTER,
            provisioner: 'kubeadm',
            environment: 'production',
            kubernetes: {
              url: kube.url,
              caData: kube.caData,
              token: kube.readerToken,
              writeToken,
            },
          },
        ],
        selfService: {
          allowedDomains: [DOMAIN],
          issuers: [ISSUER],
          pollIntervalMs: 250,
          waitTimeoutSeconds: 60,
        },
      },
    });
    const actions = createPlatformActions({
      clusters: new ConfigClusterAccessService(readClusterConnections(config)),
      config: readSelfServiceConfig(config),
      permissions: mockServices.permissions.mock({
        authorize: platformPolicyDecisions(),
      }),
      auditor: mockServices.auditor.mock(),
      upgrades: NOTHING_BLOCKS_UPGRADES,
    }) as TemplateAction<any, any, any>[];
    action = actions.find(a => a.id === 'platform:certificate:create')!;
  });

  afterAll(async () => {
    await kube?.request('DELETE', `/api/v1/namespaces/${NAMESPACE}`);
    await kube?.request('DELETE', `${CM}/clusterissuers/${ISSUER}`);
    await kube?.stop();
  });

  it('the CA ClusterIssuer verifies its key pair', async () => {
    const issuer = await eventually(
      'the ClusterIssuer to be Ready',
      () => get(`${CM}/clusterissuers/${ISSUER}`),
      i => condition(i, 'Ready')?.status === 'True',
    );
    expect(condition(issuer, 'Ready')).toMatchObject({
      reason: 'KeyPairVerified',
      message: 'Signing CA verified',
    });
  });

  it('issues a real Certificate: Ready, an approved and issued CertificateRequest, and a Secret chained to the CA', async () => {
    await run('shop');
    const cert = await get(`${CM}/namespaces/${NAMESPACE}/certificates/shop`);
    expect(condition(cert, 'Ready')).toMatchObject({
      status: 'True',
      reason: 'Ready',
      message: 'Certificate is up to date and has not expired',
    });
    expect(cert.status.revision).toBe(1);
    // cert-manager's default: renew at two thirds of the 90-day duration.
    const lifetime =
      Date.parse(cert.status.notAfter) - Date.parse(cert.status.notBefore);
    expect(lifetime).toBe(90 * 24 * 3600_000);
    expect(
      Date.parse(cert.status.notAfter) - Date.parse(cert.status.renewalTime),
    ).toBe(30 * 24 * 3600_000);

    const requests = (
      await get(`${CM}/namespaces/${NAMESPACE}/certificaterequests`)
    ).items.filter((r: any) =>
      r.metadata.ownerReferences?.some((o: any) => o.name === 'shop'),
    );
    expect(requests).toHaveLength(1);
    expect(requests[0].metadata.annotations).toMatchObject({
      'cert-manager.io/certificate-name': 'shop',
      'cert-manager.io/certificate-revision': '1',
    });
    expect(condition(requests[0], 'Approved')).toMatchObject({
      status: 'True',
      reason: 'cert-manager.io',
    });
    expect(condition(requests[0], 'Ready')).toMatchObject({
      status: 'True',
      reason: 'Issued',
      message: 'Certificate fetched from issuer successfully',
    });

    const secret = await get(
      `/api/v1/namespaces/${NAMESPACE}/secrets/shop-tls`,
    );
    expect(secret.type).toBe('kubernetes.io/tls');
    expect(secret.metadata.labels).toMatchObject({
      'controller.cert-manager.io/fao': 'true',
    });
    expect(secret.metadata.annotations).toMatchObject({
      'cert-manager.io/certificate-name': 'shop',
      'cert-manager.io/issuer-name': ISSUER,
      'cert-manager.io/issuer-kind': 'ClusterIssuer',
      'cert-manager.io/issuer-group': 'cert-manager.io',
      'cert-manager.io/alt-names': `shop.${DOMAIN}`,
    });
    const leaf = new X509Certificate(
      Buffer.from(secret.data['tls.crt'], 'base64'),
    );
    const ca = new X509Certificate(caPem);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.subjectAltName).toBe(`DNS:${`shop.${DOMAIN}`}`);
    expect(Buffer.from(secret.data['ca.crt'], 'base64').toString()).toBe(caPem);
  });

  it("reports cert-manager's own failure once the CA's Secret is gone", async () => {
    await kube.request(
      'DELETE',
      `/api/v1/namespaces/${CERT_MANAGER_NAMESPACE}/secrets/${CA_SECRET}`,
    );
    const issuer = await eventually(
      'the ClusterIssuer to lose Ready',
      () => get(`${CM}/clusterissuers/${ISSUER}`),
      i => condition(i, 'Ready')?.status === 'False',
    );
    expect(condition(issuer, 'Ready')).toMatchObject({
      reason: 'ErrGetKeyPair',
      message: `Error getting keypair for CA issuer: secrets "${CA_SECRET}" not found`,
    });

    // A new certificate now waits on the issuer: the action reports the last condition.
    await expect(run('checkout')).rejects.toThrow(
      /Certificate certs-realkube\/checkout is not Ready after 60 s: Ready is False \(DoesNotExist\): Issuing certificate as Secret does not exist/,
    );
  });
});

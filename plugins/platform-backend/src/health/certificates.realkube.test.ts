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
  CERT_MANAGER_NAMESPACE,
  createCaClusterIssuer,
  RealKubeApiServer,
} from '@platform-portal/platform-sandbox';
import {
  HealthCheckKubernetesReader,
  KubernetesObjectLike,
} from '@platform-portal/plugin-platform-node';
import { securityChecks } from './checks/security';
import { certificateDiagnostic } from '../diagnostics/certificateDiagnostic';
import { DiagnosticContext } from '../diagnostics/RunbookDiagnostic';
import {
  eventually,
  portalReader,
  realStackCluster,
  stackSuiteReady,
} from '../__testUtils__/realStackCluster';

// Starting a control plane and cert-manager on a loaded machine.
jest.setTimeout(180_000);

const SUITE = "the security layer on cert-manager's real controllers";
const NAMESPACE = 'certs-health';
const ISSUER = 'certs-health-ca';
const CA_SECRET = 'certs-health-ca-key-pair';
const CM = '/apis/cert-manager.io/v1';

const check = (id: string) => securityChecks.find(c => c.id === id)!;
const step = (id: string) =>
  certificateDiagnostic.steps.find(s => s.id === id)!;

(stackSuiteReady(SUITE, ['certManagerController']) ? describe : describe.skip)(
  SUITE,
  () => {
    let kube: RealKubeApiServer;
    let reader: HealthCheckKubernetesReader;

    const get = async (path: string) => (await kube.request('GET', path)).body;
    const condition = (object: any, type: string) =>
      (object?.status?.conditions ?? []).find((c: any) => c.type === type);
    const certificate = (name: string) => ({
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name, namespace: NAMESPACE },
      spec: {
        secretName: `${name}-tls`,
        dnsNames: [`${name}.apps.example.internal`],
        issuerRef: { kind: 'ClusterIssuer', name: ISSUER },
      },
    });
    const runCheck = (id: string) =>
      check(id).run({
        cluster: { name: 'stack', provisioner: 'kubeadm', management: false },
        kubernetes: reader,
        now: new Date(),
        signal: AbortSignal.timeout(30_000),
      });
    const diagnose = (id: string) =>
      step(id).run({
        cluster: 'stack',
        namespace: NAMESPACE,
        list: async (apiVersion: string, kind: string) =>
          (await reader.list(apiVersion, kind)).items,
        signal: AbortSignal.timeout(30_000),
      } as unknown as DiagnosticContext);

    beforeAll(async () => {
      kube = await realStackCluster(SUITE, ['certManagerController']);
      // Other suites share the stack cluster: the checks see this suite's
      // issuer and namespace only, as if they were the cluster's.
      const client = portalReader(kube);
      const ours = (o: KubernetesObjectLike) =>
        o.metadata?.namespace === NAMESPACE || o.metadata?.name === ISSUER;
      reader = {
        async list<T extends KubernetesObjectLike>(
          apiVersion: string,
          kind: string,
        ) {
          const page = await client.list<T>(apiVersion, kind);
          return { ...page, items: page.items.filter(ours) };
        },
      };
      await createCaClusterIssuer(kube, ISSUER, CA_SECRET);
      await kube.request('POST', '/api/v1/namespaces', {
        metadata: { name: NAMESPACE },
      });
    });

    afterAll(async () => {
      await kube?.request('DELETE', `/api/v1/namespaces/${NAMESPACE}`);
      await kube?.request('DELETE', `${CM}/clusterissuers/${ISSUER}`);
      await kube?.stop();
    });

    it('passes the layer and the diagnostic once cert-manager has issued', async () => {
      await kube.request(
        'POST',
        `${CM}/namespaces/${NAMESPACE}/certificates`,
        certificate('web'),
      );
      await eventually(
        'web to be Ready',
        () => get(`${CM}/namespaces/${NAMESPACE}/certificates/web`),
        c => condition(c, 'Ready')?.status === 'True',
      );
      expect(await runCheck('security.cluster-issuers')).toMatchObject({
        verdict: 'ok',
        message: '1 ClusterIssuers Ready',
      });
      expect(await runCheck('security.certificates')).toMatchObject({
        verdict: 'ok',
        message: '1 certificates Ready and within their renewal schedule',
      });
      expect((await diagnose('certificates')).result).toBe('pass');
      expect(await diagnose('issuer')).toMatchObject({
        result: 'pass',
        evidence: [
          'ClusterIssuer certs-health-ca: Ready=True (KeyPairVerified): Signing CA verified',
        ],
      });
    });

    it("reads the real failure once the issuer's CA Secret is gone", async () => {
      await kube.request(
        'DELETE',
        `/api/v1/namespaces/${CERT_MANAGER_NAMESPACE}/secrets/${CA_SECRET}`,
      );
      const issuer = await eventually(
        'the ClusterIssuer to lose Ready',
        () => get(`${CM}/clusterissuers/${ISSUER}`),
        i => condition(i, 'Ready')?.status === 'False',
      );
      const issuerMessage = `Error getting keypair for CA issuer: secrets "${CA_SECRET}" not found`;
      expect(condition(issuer, 'Ready')).toMatchObject({
        reason: 'ErrGetKeyPair',
        message: issuerMessage,
      });
      await kube.request(
        'POST',
        `${CM}/namespaces/${NAMESPACE}/certificates`,
        certificate('api'),
      );
      const request = await eventually(
        "api's CertificateRequest to wait on the issuer",
        () => get(`${CM}/namespaces/${NAMESPACE}/certificaterequests/api-1`),
        r => condition(r, 'Ready')?.reason === 'Pending',
      );
      expect(condition(request, 'Ready')).toMatchObject({
        status: 'False',
        message: 'Referenced issuer does not have a Ready status condition',
      });
      const api = await get(`${CM}/namespaces/${NAMESPACE}/certificates/api`);
      expect(condition(api, 'Ready')).toMatchObject({
        status: 'False',
        reason: 'DoesNotExist',
        message: 'Issuing certificate as Secret does not exist',
      });
      expect(condition(api, 'Issuing')).toMatchObject({
        status: 'True',
        reason: 'DoesNotExist',
      });

      const issuers = await runCheck('security.cluster-issuers');
      expect(issuers.verdict).toBe('critical');
      expect(issuers.message).toBe(`ClusterIssuer(s) not Ready: ${ISSUER}`);
      expect(issuers.evidence[0]).toMatchObject({
        object: `ClusterIssuer/${ISSUER}`,
        value: 'False (ErrGetKeyPair)',
      });
      const certs = await runCheck('security.certificates');
      expect(certs.verdict).toBe('critical');
      expect(certs.evidence.map(e => `${e.object} ${e.value}`)).toEqual([
        `Certificate/${NAMESPACE}/api False (DoesNotExist)`,
      ]);

      expect(await diagnose('certificates')).toMatchObject({
        result: 'warn',
        summary: `1 certificate(s) not renewed: ${NAMESPACE}/api`,
      });
      expect(await diagnose('certificate-requests')).toMatchObject({
        result: 'fail',
        summary: `CertificateRequest ${NAMESPACE}/api-1 failed: Referenced issuer does not have a Ready status condition`,
      });
      expect(await diagnose('issuer')).toMatchObject({
        result: 'fail',
        summary: `ClusterIssuer ${ISSUER} is not ready: ${issuerMessage}`,
      });
    });
  },
);

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

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RealKubeApiServer } from './controlPlane';
import { pinnedToolVersion } from './goModules';
import { installCrds } from './installCrds';
import { writeKubeconfig } from './kubeconfigFile';
import { writeCertificates } from './pki';
import { startChild, stopGroup, tailLog } from './processes';
import { applyAs } from './serverSideApply';
import { Crd, CrdSource, loadCrds } from './stackCrds';

/*
 * cert-manager's controllers (scripts/cert-manager-binaries.sh) against one
 * real cluster: Certificates, CertificateRequests, Issuers and ClusterIssuers
 * with the CA issuer. ClusterIssuers read their Secrets from
 * CERT_MANAGER_NAMESPACE, as the chart's --cluster-resource-namespace sets it.
 */

export const CERT_MANAGER_NAMESPACE = 'cert-manager';

/** The CRDs of the pinned module's deploy/crds, as its chart installs them. */
export function certManagerCrdSource(): CrdSource {
  return {
    module: 'github.com/cert-manager/cert-manager',
    version: pinnedToolVersion('cert-manager', 'github.com/cert-manager/cert-manager'),
    files: ['cert-manager.io_certificates', 'cert-manager.io_certificaterequests', 'cert-manager.io_issuers', 'cert-manager.io_clusterissuers', 'acme.cert-manager.io_orders', 'acme.cert-manager.io_challenges'].map(file => `deploy/crds/${file}.yaml`),
  };
}

export interface RealCertManager {
  /** The CRDs it installed, for the reader's grant. */
  crds: Crd[];
  stop(): Promise<void>;
}

export async function startRealCertManager(kube: RealKubeApiServer, binary: string): Promise<RealCertManager> {
  const crds = loadCrds([certManagerCrdSource()]);
  await installCrds(kube, crds);
  await applyAs(kube, `/api/v1/namespaces/${CERT_MANAGER_NAMESPACE}`, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: CERT_MANAGER_NAMESPACE } }, 'helm');
  const kubeconfig = writeKubeconfig(join(kube.pkiDir, 'cert-manager.kubeconfig'), { server: kube.url, caData: kube.caData, token: kube.adminToken });
  const log = join(kube.pkiDir, 'cert-manager-controller.log');
  const child = startChild(binary, [`--kubeconfig=${kubeconfig}`, `--cluster-resource-namespace=${CERT_MANAGER_NAMESPACE}`, '--v=2'], log);
  const stop = () => stopGroup(child);
  const deadline = Date.now() + 60_000;
  while (!/starting cert-manager controllers/.test(tailLog(log, 400))) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the cert-manager controller exited while starting\n${tailLog(log)}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the cert-manager controller did not start in 60 s\n${tailLog(log)}`);
    }
    await new Promise(r => setTimeout(r, 250));
  }
  return { crds, stop };
}

/**
 * A CA of its own in a `kubernetes.io/tls` Secret of CERT_MANAGER_NAMESPACE
 * and a CA ClusterIssuer signing with it; returns the CA certificate (PEM).
 */
export async function createCaClusterIssuer(kube: RealKubeApiServer, name: string, secretName: string): Promise<string> {
  const dir = join(kube.pkiDir, `issuer-${name}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeCertificates(dir, `${name} CA`);
  const caCrt = readFileSync(join(dir, 'ca.crt'), 'utf8');
  const base64 = (file: string) => readFileSync(join(dir, file)).toString('base64');
  await applyAs(kube, `/api/v1/namespaces/${CERT_MANAGER_NAMESPACE}/secrets/${secretName}`, { apiVersion: 'v1', kind: 'Secret', metadata: { name: secretName, namespace: CERT_MANAGER_NAMESPACE }, type: 'kubernetes.io/tls', data: { 'tls.crt': base64('ca.crt'), 'tls.key': base64('ca.key') } }, 'helm');
  await applyAs(kube, `/apis/cert-manager.io/v1/clusterissuers/${name}`, { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name }, spec: { ca: { secretName } } }, 'helm');
  return caCrt;
}

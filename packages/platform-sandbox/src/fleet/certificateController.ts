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

import { KubeObject, timestamp } from '../kube/objects';
import { ObjectStore } from '../kube/store';
import { ClusterFaults } from './clusterFaults';
import { WILDCARD_CERT } from './clusterContext';
import { Condition, setStatus, shortHash, upsert, withCondition } from './objectWrites';
import { TIMINGS } from './timings';

const CM = 'cert-manager.io';

interface CertificateStatus {
  conditions?: Condition[];
  notBefore?: string;
  notAfter?: string;
  renewalTime?: string;
  revision?: number;
  lastFailureTime?: string;
  failedIssuanceAttempts?: number;
}

function issuerReady(store: ObjectStore, cert: KubeObject): boolean {
  const ref = (cert.spec as { issuerRef?: { kind?: string; name: string } }).issuerRef;
  if (!ref) return false;
  const issuer = ref.kind === 'Issuer' ? store.get(`issuers.${CM}`, cert.metadata.namespace, ref.name) : store.get(`clusterissuers.${CM}`, undefined, ref.name);
  const conditions = ((issuer?.status as { conditions?: Condition[] })?.conditions ?? []);
  return conditions.some(c => c.type === 'Ready' && c.status === 'True');
}

function issuedStatus(previous: CertificateStatus, issuedAt: Date, now: string): CertificateStatus {
  const notAfter = new Date(issuedAt.getTime() + TIMINGS.certificateDurationMs);
  let conditions = withCondition(previous.conditions, { type: 'Ready', status: 'True', reason: 'Ready', message: 'Certificate is up to date and has not expired', observedGeneration: 1 }, now);
  conditions = conditions.filter(c => c.type !== 'Issuing');
  return {
    conditions,
    notBefore: timestamp(issuedAt),
    notAfter: timestamp(notAfter),
    renewalTime: timestamp(new Date(notAfter.getTime() - TIMINGS.certificateRenewBeforeMs)),
    revision: (previous.revision ?? 0) + 1,
  };
}

/**
 * When Let's Encrypt's duplicate-certificate limit (5 per week for one set of
 * names) lets this certificate through again: fixed per certificate and day,
 * so a retry within the day sees the same time, as with the real limit.
 */
function rateLimitLiftsAt(cert: KubeObject, now: Date): Date {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const hours = 30 + ([...cert.metadata.name].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 18);
  return new Date(day + hours * 3600_000);
}

/** The Issuing condition cert-manager writes after Let's Encrypt's 429, with Boulder's detail. */
function rateLimitedMessage(name: string, revision: number, liftsAt: Date): string {
  const retryAfter = `${liftsAt.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  return `The certificate request has failed to complete and will be retried: Failed to wait for order resource "${name}-${revision + 1}-${shortHash(name, 10)}" to become ready: order is in "errored" state: Failed to finalize Order: 429 urn:ietf:params:acme:error:rateLimited: too many certificates (5) already issued for this exact set of identifiers in the last 168h0m0s, retry after ${retryAfter}: see https://letsencrypt.org/docs/rate-limits/#new-certificates-per-exact-set-of-identifiers`;
}

/** cert-manager: ClusterIssuers register, Certificates issue and renew 30 days before expiry. */
export function reconcileCertificates(store: ObjectStore, faults: ClusterFaults, now: Date): void {
  const at = timestamp(now);
  for (const issuer of store.list(`clusterissuers.${CM}`)) {
    const ca = (issuer.spec as { ca?: { secretName?: string } }).ca;
    if (ca) {
      reconcileCaIssuer(store, issuer, ca.secretName ?? '', at);
      continue;
    }
    const broken = faults.hits('clusterissuer-not-ready', issuer.metadata.name, 'letsencrypt-prod');
    const status = issuer.status as { conditions?: Condition[] } | undefined;
    const server = (issuer.spec as { acme?: { server?: string } }).acme?.server ?? '';
    const condition: Condition = broken
      ? { type: 'Ready', status: 'False', reason: 'ErrRegisterACMEAccount', message: `Failed to register ACME account: Get "${server}": dial tcp: lookup ${new URL(server || 'https://acme.invalid').host}: i/o timeout`, observedGeneration: 1 }
      : { type: 'Ready', status: 'True', reason: 'ACMEAccountRegistered', message: 'The ACME account was registered with the ACME server', observedGeneration: 1 };
    setStatus(store, `clusterissuers.${CM}`, issuer, {
      acme: { uri: `${server.replace('/directory', '')}/acme/acct/${shortHash(issuer.metadata.name, 9)}`, lastRegisteredEmail: (issuer.spec as { acme?: { email?: string } }).acme?.email },
      conditions: withCondition(status?.conditions, condition, at),
    });
  }
  for (const cert of store.list(`certificates.${CM}`)) {
    const previous = (cert.status ?? {}) as CertificateStatus;
    const stuck = faults.hits('certificate-renewal-stuck', cert.metadata.name, WILDCARD_CERT.name);
    let next: CertificateStatus = previous;
    if (stuck) {
      // Issuance keeps failing: the old certificate is still valid (Ready), but
      // its renewal time has long passed and it expires in 9 days. A manual
      // re-issue (Issuing=True, as `cmctl renew` sets it) meets the same rate
      // limit and fails again, one attempt more.
      const retried = previous.lastFailureTime !== undefined && previous.conditions?.some(c => c.type === 'Issuing' && c.status === 'True');
      if (!previous.lastFailureTime || retried) {
        const notAfter = previous.notAfter ? new Date(previous.notAfter) : new Date(now.getTime() + 9 * 24 * 3600_000);
        const revision = previous.revision ?? 1;
        next = {
          ...previous,
          notBefore: previous.notBefore ?? timestamp(new Date(notAfter.getTime() - TIMINGS.certificateDurationMs)),
          notAfter: timestamp(notAfter),
          renewalTime: previous.renewalTime ?? timestamp(new Date(notAfter.getTime() - TIMINGS.certificateRenewBeforeMs)),
          revision,
          lastFailureTime: at,
          failedIssuanceAttempts: retried ? (previous.failedIssuanceAttempts ?? 0) + 1 : 6,
          conditions: withCondition(
            withCondition(previous.conditions, { type: 'Ready', status: 'True', reason: 'Ready', message: 'Certificate is up to date and has not expired', observedGeneration: 1 }, at),
            { type: 'Issuing', status: 'False', reason: 'Failed', message: rateLimitedMessage(cert.metadata.name, revision, rateLimitLiftsAt(cert, now)), observedGeneration: 1 },
            at,
          ),
        };
      }
    } else if (!issuerReady(store, cert)) {
      if (!previous.notAfter) {
        next = {
          conditions: withCondition(
            withCondition(previous.conditions, { type: 'Ready', status: 'False', reason: 'DoesNotExist', message: 'Issuing certificate as Secret does not exist', observedGeneration: 1 }, at),
            { type: 'Issuing', status: 'True', reason: 'DoesNotExist', message: 'Issuing certificate as Secret does not exist', observedGeneration: 1 },
            at,
          ),
        };
      }
    } else if (previous.lastFailureTime) {
      // The fault cleared: the pending renewal goes through now.
      next = issuedStatus(previous, now, at);
    } else if (!previous.notAfter) {
      const issueAt = Date.parse(cert.metadata.creationTimestamp ?? at) + TIMINGS.certificateIssueMs;
      next =
        now.getTime() >= issueAt
          ? issuedStatus(previous, new Date(issueAt), at)
          : {
              conditions: withCondition(previous.conditions, { type: 'Issuing', status: 'True', reason: 'DoesNotExist', message: 'Issuing certificate as Secret does not exist', observedGeneration: 1 }, at),
            };
    } else if (previous.renewalTime && Date.parse(previous.renewalTime) <= now.getTime()) {
      next = issuedStatus(previous, now, at);
    }
    const written = setStatus(store, `certificates.${CM}`, cert, stripUndefined(next));
    ensureSecret(store, written);
  }
}

/** ClusterIssuers read their Secrets here (the chart's --cluster-resource-namespace). */
const CLUSTER_RESOURCE_NAMESPACE = 'cert-manager';

/** The CA issuer's Setup (pkg/issuer/ca/setup.go): Ready while its key pair Secret can be read. */
function reconcileCaIssuer(store: ObjectStore, issuer: KubeObject, secretName: string, at: string): void {
  const secret = store.get('secrets', CLUSTER_RESOURCE_NAMESPACE, secretName);
  const condition: Condition = secret
    ? { type: 'Ready', status: 'True', reason: 'KeyPairVerified', message: 'Signing CA verified', observedGeneration: issuer.metadata.generation ?? 1 }
    : { type: 'Ready', status: 'False', reason: 'ErrGetKeyPair', message: `Error getting keypair for CA issuer: secrets "${secretName}" not found`, observedGeneration: issuer.metadata.generation ?? 1 };
  setStatus(store, `clusterissuers.${CM}`, issuer, { conditions: withCondition((issuer.status as { conditions?: Condition[] } | undefined)?.conditions, condition, at) });
}

function stripUndefined(status: CertificateStatus): CertificateStatus {
  return Object.fromEntries(Object.entries(status).filter(([, v]) => v !== undefined)) as CertificateStatus;
}

function ensureSecret(store: ObjectStore, cert: KubeObject): void {
  const status = cert.status as CertificateStatus;
  if (!status?.notAfter) return;
  const secretName = (cert.spec as { secretName: string }).secretName;
  const ref = (cert.spec as { issuerRef?: { name: string; kind?: string; group?: string } }).issuerRef;
  const dnsNames = (cert.spec as { dnsNames?: string[] }).dnsNames ?? [];
  const pem = Buffer.from(`-----BEGIN CERTIFICATE-----\n${shortHash(`${cert.metadata.name}/${status.revision}`, 64)}\n-----END CERTIFICATE-----\n`).toString('base64');
  upsert(store, 'secrets', {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: secretName,
      namespace: cert.metadata.namespace,
      // As the issuing controller writes them (internal/controller/certificates/secrets.go):
      // the SAN lists always, empty or not; the issuer as the Certificate names it.
      annotations: {
        'cert-manager.io/alt-names': dnsNames.join(','),
        'cert-manager.io/certificate-name': cert.metadata.name,
        'cert-manager.io/common-name': dnsNames[0] ?? '',
        'cert-manager.io/ip-sans': '',
        'cert-manager.io/issuer-group': ref?.group ?? '',
        'cert-manager.io/issuer-kind': ref?.kind ?? '',
        'cert-manager.io/issuer-name': ref?.name ?? '',
        'cert-manager.io/uri-sans': '',
      },
      labels: { 'controller.cert-manager.io/fao': 'true' },
    },
    type: 'kubernetes.io/tls',
    // No ca.crt: an ACME order returns no CA, and cert-manager writes the key only when there is one.
    data: { 'tls.crt': pem, 'tls.key': Buffer.from('-----BEGIN EC PRIVATE KEY-----\nsandbox\n-----END EC PRIVATE KEY-----\n').toString('base64') },
  });
}

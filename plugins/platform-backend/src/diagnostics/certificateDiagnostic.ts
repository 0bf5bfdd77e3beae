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

import { RunbookDiagnostic } from './RunbookDiagnostic';
import { acmeRateLimitOf, futileReissue } from './acmeRateLimit';
import {
  AnyObject,
  conditionOf,
  describeCondition,
  inNamespace,
  refOf,
} from './kubeObjects';

const CM = 'cert-manager.io/v1';

/** A certificate whose renewal is due or whose last issuance failed. */
function isStuck(cert: AnyObject, now: number): boolean {
  const ready = conditionOf(cert, 'Ready');
  const issuing = conditionOf(cert, 'Issuing');
  const renewalDue =
    cert.status?.renewalTime && Date.parse(cert.status.renewalTime) <= now;
  return (
    ready?.status !== 'True' ||
    (issuing?.status === 'False' && issuing.reason === 'Failed') ||
    Boolean(cert.status?.lastFailureTime) ||
    Boolean(renewalDue)
  );
}

async function stuckCertificates(
  list: (v: string, k: string) => Promise<AnyObject[]>,
  namespace?: string,
  name?: string,
): Promise<AnyObject[]> {
  const certs = inNamespace(await list(CM, 'Certificate'), namespace).filter(
    c => !name || c.metadata?.name === name,
  );
  const now = Date.now();
  return certs.filter(c => isStuck(c, now));
}

/** Certificate → CertificateRequest → issuer, as the guide's expiry runbook reads them. */
export const certificateDiagnostic: RunbookDiagnostic = {
  runbook: 'certificate-renewal-stuck',
  steps: [
    {
      id: 'certificates',
      title: 'Certificates ready and renewed in time',
      runbookStep: 0,
      async run({ list, namespace, name }) {
        const certs = inNamespace(await list(CM, 'Certificate'), namespace);
        const stuck = await stuckCertificates(list, namespace, name);
        if (name && !certs.some(c => c.metadata?.name === name)) {
          return {
            result: 'fail',
            summary: `No Certificate named ${name}${
              namespace ? ` in ${namespace}` : ''
            }`,
            evidence: certs.map(refOf),
          };
        }
        const evidence = stuck.map(
          c =>
            `${refOf(c)}: notAfter ${
              c.status?.notAfter ?? 'none'
            }, renewalTime ${
              c.status?.renewalTime ?? 'none'
            }, ${describeCondition(conditionOf(c, 'Issuing'))}`,
        );
        return stuck.length === 0
          ? {
              result: 'pass',
              summary: `${certs.length} certificate(s) ready and not due for renewal`,
              evidence: certs.map(
                c => `${refOf(c)}: notAfter ${c.status?.notAfter}`,
              ),
            }
          : {
              result: 'warn',
              summary: `${stuck.length} certificate(s) not renewed: ${stuck
                .map(refOf)
                .join(', ')}`,
              evidence,
            };
      },
    },
    {
      id: 'certificate-requests',
      title: "The stuck certificates' CertificateRequests",
      runbookStep: 0,
      async run({ list, namespace, name }) {
        const stuck = await stuckCertificates(list, namespace, name);
        if (stuck.length === 0) {
          return { result: 'pass', summary: 'No certificate is stuck' };
        }
        const requests = await list(CM, 'CertificateRequest');
        const evidence: string[] = [];
        const failed: AnyObject[] = [];
        for (const cert of stuck) {
          const owned = requests.filter(
            r =>
              r.metadata?.namespace === cert.metadata?.namespace &&
              (r.metadata as any)?.ownerReferences?.some(
                (o: { name: string }) => o.name === cert.metadata?.name,
              ),
          );
          if (owned.length === 0) {
            evidence.push(`${refOf(cert)}: no CertificateRequest`);
          }
          for (const request of owned) {
            const ready = conditionOf(request, 'Ready');
            evidence.push(`${refOf(request)}: ${describeCondition(ready)}`);
            if (ready?.status === 'False') failed.push(request);
          }
        }
        const issuing = stuck
          .map(c => ({ cert: c, issuing: conditionOf(c, 'Issuing') }))
          .filter(
            x => x.issuing?.status === 'False' && x.issuing.reason === 'Failed',
          );
        if (failed.length === 0 && issuing.length === 0) {
          return {
            result: 'warn',
            summary: 'No failed CertificateRequest; the issuer is next',
            evidence,
          };
        }
        const first = issuing[0];
        return {
          result: 'fail',
          summary: first
            ? `Issuance of ${refOf(first.cert)} failed: ${
                first.issuing?.message
              }`
            : `CertificateRequest ${refOf(failed[0])} failed: ${
                conditionOf(failed[0], 'Ready')?.message
              }`,
          evidence: [
            ...issuing.map(
              x => `${refOf(x.cert)}: ${describeCondition(x.issuing)}`,
            ),
            ...evidence,
          ],
          remediations: stuck.map(cert => ({
            action: 'certificate-reissue' as const,
            title: `Re-issue ${refOf(cert)}`,
            description: [
              "Sets the Certificate's Issuing condition, as `cmctl renew` does: cert-manager issues it again at once. The current secret stays until the new one is issued.",
              // A rate limit makes it futile until it lifts: say so, the service refuses it too.
              futileReissue(acmeRateLimitOf(cert), new Date()),
            ]
              .filter(Boolean)
              .join(' '),
            request: {
              namespace: cert.metadata?.namespace,
              name: cert.metadata!.name!,
            },
          })),
          commands: failed.map(r => ({
            description: `Delete the failed CertificateRequest ${refOf(
              r,
            )} (cert-manager creates a new one)`,
            command: `kubectl delete certificaterequest ${r.metadata?.name} -n ${r.metadata?.namespace}`,
          })),
        };
      },
    },
    {
      id: 'issuer',
      title: "The issuer's Ready condition",
      runbookStep: 0,
      async run({ list, namespace, name }) {
        const certs = (await list(CM, 'Certificate')).filter(
          c =>
            (!namespace || c.metadata?.namespace === namespace) &&
            (!name || c.metadata?.name === name),
        );
        const clusterIssuers = await list(CM, 'ClusterIssuer');
        const issuers = await list(CM, 'Issuer');
        const refs = new Map<string, AnyObject | undefined>();
        for (const cert of certs) {
          const ref = cert.spec?.issuerRef ?? {};
          const key = `${ref.kind ?? 'Issuer'} ${ref.name}`;
          refs.set(
            key,
            ref.kind === 'ClusterIssuer'
              ? clusterIssuers.find(i => i.metadata?.name === ref.name)
              : issuers.find(
                  i =>
                    i.metadata?.name === ref.name &&
                    i.metadata?.namespace === cert.metadata?.namespace,
                ),
          );
        }
        const evidence = [...refs].map(
          ([key, issuer]) =>
            `${key}: ${
              issuer
                ? describeCondition(conditionOf(issuer, 'Ready'))
                : 'not found'
            }`,
        );
        const broken = [...refs].find(
          ([, issuer]) => conditionOf(issuer, 'Ready')?.status !== 'True',
        );
        return broken
          ? {
              result: 'fail',
              summary: `${broken[0]} is not ready: ${
                conditionOf(broken[1], 'Ready')?.message ?? 'it does not exist'
              }`,
              evidence,
            }
          : {
              result: 'pass',
              summary: 'Every issuer in use is ready',
              evidence,
            };
      },
    },
  ],
};

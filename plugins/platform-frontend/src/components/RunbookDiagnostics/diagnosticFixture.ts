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

import { DiagnosticRun } from '@platform-portal/plugin-platform-common';

/** A run on prod-eu-2 that stopped at the failed CertificateRequest. */
export const stuckCertificateRun: DiagnosticRun = {
  cluster: 'prod-eu-2',
  runbook: 'certificate-renewal-stuck',
  title: 'Certificate Expiry Emergency',
  startedAt: '2026-11-26T18:00:00Z',
  finishedAt: '2026-11-26T18:00:01Z',
  verdict: 'cause-found',
  stoppedAt: 'certificate-requests',
  cause: 'Issuance of payments/payments-api-tls failed: rateLimited',
  steps: [
    {
      id: 'certificates',
      title: 'Certificates ready and renewed in time',
      result: 'warn',
      summary: '1 certificate(s) not renewed: payments/payments-api-tls',
      evidence: ['payments/payments-api-tls: notAfter 2026-12-06T18:00:00Z'],
      commands: [],
    },
    {
      id: 'certificate-requests',
      title: "The stuck certificates' CertificateRequests",
      result: 'fail',
      summary: 'Issuance of payments/payments-api-tls failed: rateLimited',
      evidence: ['payments/payments-api-tls: no CertificateRequest'],
      commands: [],
    },
    {
      id: 'issuer',
      title: "The issuer's Ready condition",
      result: 'skipped',
      summary: "Not run: the cause was found at 'certificate-requests'",
      evidence: [],
      commands: [],
    },
  ],
  remediations: [
    {
      action: 'certificate-reissue',
      title: 'Re-issue payments/payments-api-tls',
      description: "Sets the Certificate's Issuing condition.",
      request: { namespace: 'payments', name: 'payments-api-tls' },
    },
  ],
  commands: [
    {
      description: 'Delete the failed CertificateRequest',
      command:
        'kubectl delete certificaterequest payments-api-tls-2 -n payments',
    },
  ],
};

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
  HealthEvidence,
  HealthVerdict,
} from '@platform-portal/plugin-platform-common';
import { PlatformHealthCheck } from '@platform-portal/plugin-platform-node';
import { KINDS } from './kinds';
import {
  conditionOf,
  evidence,
  KubeObject,
  outcome,
  refOf,
  toTime,
  workloadsReady,
} from './support';

const DAY = 24 * 3600 * 1000;

const certManagerReady: PlatformHealthCheck = {
  id: 'security.cert-manager',
  layer: 'security',
  title: 'cert-manager is ready',
  runbook: 'certificate-renewal-stuck',
  buildOutStep: 20,
  async run({ kubernetes }) {
    const deployments = await kubernetes.list<KubeObject>(...KINDS.deployment);
    return workloadsReady(
      ['cert-manager', 'cert-manager-cainjector', 'cert-manager-webhook'].map(
        name => ({
          kind: 'Deployment',
          namespace: 'cert-manager',
          name,
        }),
      ),
      deployments.items,
      deployments.observedAt,
    );
  },
};

const clusterIssuers: PlatformHealthCheck = {
  id: 'security.cluster-issuers',
  layer: 'security',
  title: 'ClusterIssuers are Ready',
  runbook: 'certificate-renewal-stuck',
  buildOutStep: 23,
  async run({ kubernetes }) {
    const issuers = await kubernetes.list<KubeObject>(...KINDS.clusterIssuer);
    const notReady = issuers.items.filter(
      i => conditionOf(i, 'Ready')?.status !== 'True',
    );
    if (issuers.items.length === 0) {
      return outcome('critical', 'No ClusterIssuer exists', [
        evidence(
          'ClusterIssuer/*',
          'metadata.name',
          'none',
          issuers.observedAt,
        ),
      ]);
    }
    if (notReady.length > 0) {
      return outcome(
        'critical',
        `ClusterIssuer(s) not Ready: ${notReady
          .map(i => i.metadata?.name)
          .join(', ')}`,
        notReady.map(i => {
          const ready = conditionOf(i, 'Ready');
          return evidence(
            refOf(i, 'ClusterIssuer'),
            'status.conditions[Ready]',
            `${ready?.status ?? 'missing'} (${ready?.reason ?? ''})`,
            issuers.observedAt,
          );
        }),
      );
    }
    return outcome('ok', `${issuers.items.length} ClusterIssuers Ready`);
  },
};

/**
 * Certificates Ready and renewed in time. cert-manager renews at
 * `renewalTime`; a certificate past it that is still not renewed is stuck.
 */
const certificates: PlatformHealthCheck = {
  id: 'security.certificates',
  layer: 'security',
  title: 'Certificates are Ready and renewed in time',
  runbook: 'certificate-renewal-stuck',
  buildOutStep: 22,
  async run({ kubernetes, now }) {
    const certs = await kubernetes.list<KubeObject>(...KINDS.certificate);
    const facts: HealthEvidence[] = [];
    let verdict: HealthVerdict = 'ok';
    const raise = (to: HealthVerdict) => {
      if (to === 'critical' || verdict === 'ok') verdict = to;
    };
    for (const cert of certs.items) {
      const ref = refOf(cert, 'Certificate');
      const ready = conditionOf(cert, 'Ready');
      const notAfter = toTime(cert.status?.notAfter);
      const renewalTime = toTime(cert.status?.renewalTime);
      if (
        ready?.status !== 'True' ||
        (notAfter !== undefined && notAfter <= now.getTime())
      ) {
        raise('critical');
        facts.push(
          evidence(
            ref,
            'status.conditions[Ready]',
            `${ready?.status ?? 'missing'} (${ready?.reason ?? ''})`,
            certs.observedAt,
          ),
        );
        continue;
      }
      if (renewalTime !== undefined && renewalTime < now.getTime()) {
        const daysLeft =
          notAfter === undefined
            ? undefined
            : Math.floor((notAfter - now.getTime()) / DAY);
        raise(daysLeft !== undefined && daysLeft < 7 ? 'critical' : 'warning');
        const issuing = conditionOf(cert, 'Issuing');
        facts.push(
          evidence(
            ref,
            'status.renewalTime',
            `${cert.status?.renewalTime} passed; expires ${
              cert.status?.notAfter
            }${daysLeft !== undefined ? ` (${daysLeft} days)` : ''}${
              issuing?.status === 'False'
                ? `; Issuing False (${issuing.reason})`
                : ''
            }`,
            certs.observedAt,
          ),
        );
      }
    }
    return outcome(
      verdict,
      facts.length
        ? `${facts.length} certificate(s) not Ready or stuck in renewal: ${facts
            .map(f => f.object)
            .join(', ')}`
        : `${certs.items.length} certificates Ready and within their renewal schedule`,
      facts,
    );
  },
};

export const securityChecks: PlatformHealthCheck[] = [
  certManagerReady,
  clusterIssuers,
  certificates,
];

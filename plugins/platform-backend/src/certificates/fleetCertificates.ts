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

import { FleetCertificate } from '@platform-portal/plugin-platform-common';
import { HealthCheckKubernetesReader } from '@platform-portal/plugin-platform-node';
import { ConfiguredCluster } from '../config/readPlatformConfig';
import { conditionOf, KubeObject, toTime } from '../health/checks/support';
import { readServingCertificate } from './servingCertificate';

const DAY = 24 * 3600 * 1000;

function daysLeft(notAfter: number | undefined, now: Date): number | undefined {
  return notAfter === undefined
    ? undefined
    : Math.floor((notAfter - now.getTime()) / DAY);
}

/** cert-manager Certificates in every namespace, with their expiry and renewal state. */
export function certManagerCertificates(
  cluster: string,
  certificates: KubeObject[],
  now: Date,
): FleetCertificate[] {
  return certificates.map(cert => {
    const notAfter = toTime(cert.status?.notAfter);
    const renewalTime = toTime(cert.status?.renewalTime);
    const issuing = conditionOf(cert, 'Issuing');
    const failedAt: string | undefined = cert.status?.lastFailureTime;
    const failed =
      failedAt !== undefined ||
      (issuing?.status === 'False' && issuing.reason === 'Failed');
    const overdue = renewalTime !== undefined && renewalTime <= now.getTime();
    return {
      cluster,
      source: 'cert-manager',
      name: cert.metadata?.name ?? '',
      namespace: cert.metadata?.namespace,
      ...(notAfter !== undefined
        ? {
            notAfter: new Date(notAfter).toISOString(),
            daysLeft: daysLeft(notAfter, now),
          }
        : {}),
      ...(renewalTime !== undefined
        ? { renewalTime: new Date(renewalTime).toISOString() }
        : {}),
      ready: conditionOf(cert, 'Ready')?.status === 'True',
      renewing: !failed && !overdue,
      ...(failed
        ? {
            lastFailure: {
              ...(failedAt ? { time: failedAt } : {}),
              message: issuing?.message ?? 'issuance failed',
            },
          }
        : {}),
    };
  });
}

/** One cluster's certificates: its API server's, then cert-manager's. */
export async function clusterCertificates(
  cluster: Pick<ConfiguredCluster, 'name' | 'kubernetes'>,
  kubernetes: HealthCheckKubernetesReader,
  now: Date,
  timeoutMs: number,
): Promise<{ certificates: FleetCertificate[]; errors: string[] }> {
  const errors: string[] = [];
  const certificates: FleetCertificate[] = [];
  const [serving, managed] = await Promise.allSettled([
    readServingCertificate(
      cluster.kubernetes.url,
      cluster.kubernetes,
      timeoutMs,
    ),
    kubernetes.list<KubeObject>('cert-manager.io/v1', 'Certificate'),
  ]);
  if (serving.status === 'fulfilled') {
    if (serving.value) {
      const notAfter = Date.parse(serving.value.notAfter);
      certificates.push({
        cluster: cluster.name,
        source: 'apiserver',
        name: 'kube-apiserver',
        notAfter: serving.value.notAfter,
        daysLeft: daysLeft(notAfter, now),
      });
    }
  } else {
    errors.push(`API server certificate: ${(serving.reason as Error).message}`);
  }
  if (managed.status === 'fulfilled') {
    certificates.push(
      ...certManagerCertificates(cluster.name, managed.value.items, now),
    );
  } else {
    errors.push(
      `cert-manager Certificates: ${(managed.reason as Error).message}`,
    );
  }
  return { certificates, errors };
}

/** Soonest expiry first; certificates without an expiry (never issued) lead, as they are the most urgent. */
export function byDaysLeft(a: FleetCertificate, b: FleetCertificate): number {
  return (
    (a.daysLeft ?? -Infinity) - (b.daysLeft ?? -Infinity) ||
    a.cluster.localeCompare(b.cluster) ||
    a.name.localeCompare(b.name)
  );
}

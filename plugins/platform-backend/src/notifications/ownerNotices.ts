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
  FleetCertificate,
  getLayer,
  LayerHealth,
  LayerId,
} from '@platform-portal/plugin-platform-common';
import { BackupAge, describeAge } from '../backup';

/** Something the owners of a layer are told once, when it changes. */
export interface OwnerNotice {
  /** Names the change: the same state seen twice gives the same key. */
  key: string;
  cluster: string;
  layer: LayerId;
  title: string;
  description: string;
  /** The portal page that explains it. */
  link: string;
  severity: 'critical' | 'high';
}

/** Days under which a certificate that is not renewing is told to its owners. */
export const CERTIFICATE_NOTICE_DAYS = 14;

const clusterPage = (cluster: string) =>
  `/platform/clusters/${encodeURIComponent(cluster)}`;

/** A layer that turned critical on a production cluster, keyed by when it turned. */
export function layerNotices(
  cluster: string,
  environment: string | undefined,
  layers: LayerHealth[],
): OwnerNotice[] {
  if (environment !== 'production') return [];
  return layers
    .filter(l => l.verdict === 'critical' && !l.lastKnown)
    .map(l => {
      const failing = l.checks.filter(c => c.verdict === 'critical');
      return {
        key: `layer-critical:${cluster}:${l.layer}:${l.since ?? l.observedAt}`,
        cluster,
        layer: l.layer,
        title: `${
          getLayer(l.layer)?.title ?? l.layer
        } is critical on ${cluster}`,
        description:
          failing.map(c => c.message).join('; ') ||
          l.reason ||
          'The layer turned critical',
        link: `${clusterPage(cluster)}/layers/${l.layer}`,
        severity: 'critical' as const,
      };
    });
}

/** A certificate with under two weeks left that is not renewing, keyed by its expiry. */
export function certificateNotices(
  certificates: FleetCertificate[],
): OwnerNotice[] {
  return certificates
    .filter(
      c =>
        c.daysLeft !== undefined &&
        c.daysLeft < CERTIFICATE_NOTICE_DAYS &&
        c.renewing !== true,
    )
    .map(c => {
      const [subject, expire] = {
        apiserver: ['The API server certificate', 'expires'],
        'cert-manager': [`Certificate ${c.namespace}/${c.name}`, 'expires'],
        'cluster-api-machine': [
          `Control-plane certificates of Machine ${c.name}`,
          'expire',
        ],
      }[c.source];
      const why = c.finding?.message ?? c.lastFailure?.message;
      return {
        key: `certificate:${c.cluster}:${c.source}:${c.namespace ?? ''}/${
          c.name
        }:${c.notAfter}`,
        cluster: c.cluster,
        layer: c.source === 'cert-manager' ? 'security' : 'provisioning',
        title: `${subject} on ${c.cluster} ${expire} in ${c.daysLeft} days`,
        description: `Expires ${c.notAfter} and is not renewing${
          why ? `: ${why}` : ''
        }`,
        link: '/platform/certificates',
        severity: c.daysLeft! < 7 ? 'critical' : 'high',
      };
    });
}

/** A backup older than its limit, keyed by its last success (or none). */
export function backupNotices(
  cluster: string,
  ages: BackupAge[],
): OwnerNotice[] {
  return ages
    .filter(a => a.overLimit)
    .map(a => ({
      key: `backup:${cluster}:${a.source}:${a.subject}:${
        a.lastSuccessAt ?? 'never'
      }`,
      cluster,
      layer: a.subject === 'etcd' ? 'provisioning' : 'storage',
      title:
        a.subject === 'etcd'
          ? `etcd on ${cluster} was last backed up ${describeAge(a)}`
          : `${a.subject} on ${cluster} was last backed up ${describeAge(a)}`,
      description: `Older than the ${a.limitHours}h limit (${a.source})`,
      link: clusterPage(cluster),
      severity: a.ageHours === undefined ? 'critical' : 'high',
    }));
}

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

import { Link, TableColumn } from '@backstage/core-components';
import {
  FleetCertificate,
  HealthVerdict,
} from '@platform-portal/plugin-platform-common';
import { VerdictChip } from '../VerdictChip';

/** Days under which a certificate that is not renewing is an emergency. */
export const URGENT_DAYS = 14;

/**
 * How worrying a certificate is: expired or never issued, or inside two
 * weeks without a working renewal, is critical; inside cert-manager's
 * 30-day renewal window, or two weeks for a certificate nobody renews
 * automatically, a warning.
 */
export function urgencyOf(cert: FleetCertificate): HealthVerdict {
  const days = cert.daysLeft;
  if (days === undefined || days < 0) return 'critical';
  if (days < URGENT_DAYS && cert.renewing !== true) return 'critical';
  if (cert.renewing === false || days < URGENT_DAYS) return 'warning';
  return days < 30 && cert.source === 'apiserver' ? 'warning' : 'ok';
}

function renewalText(cert: FleetCertificate): string {
  if (cert.source === 'apiserver') {
    return 'renewed with the control plane (kubeadm certs renew, or an upgrade)';
  }
  if (cert.renewing) {
    return cert.renewalTime ? `renews ${cert.renewalTime}` : 'renewing';
  }
  return cert.renewalTime
    ? `not renewing: renewal was due ${cert.renewalTime}`
    : 'not renewing';
}

export const certificateColumns: TableColumn<FleetCertificate>[] = [
  {
    title: 'Days left',
    render: c => (
      <>
        <VerdictChip verdict={urgencyOf(c)} />{' '}
        {c.daysLeft === undefined ? 'never issued' : c.daysLeft}
      </>
    ),
  },
  {
    title: 'Certificate',
    render: c =>
      c.source === 'apiserver'
        ? 'API server (serving)'
        : `${c.namespace}/${c.name}`,
  },
  {
    title: 'Cluster',
    render: c => (
      <Link to={`../clusters/${encodeURIComponent(c.cluster)}`}>
        {c.cluster}
      </Link>
    ),
  },
  { title: 'Expires', render: c => c.notAfter ?? '—' },
  { title: 'Renewal', render: renewalText },
  {
    title: 'Last failure',
    render: c =>
      c.lastFailure
        ? `${c.lastFailure.message}${
            c.lastFailure.time ? ` (${c.lastFailure.time})` : ''
          }`
        : '—',
  },
];

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
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
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
  if (cert.source === 'cluster-api-machine') {
    return cert.rolloutBeforeDays !== undefined
      ? `KubeadmControlPlane ${cert.controlPlane} replaces the machine ${cert.rolloutBeforeDays} days before expiry`
      : `not renewing: KubeadmControlPlane ${cert.controlPlane} sets no rollout before expiry`;
  }
  if (cert.renewing) {
    return cert.renewalTime ? `renews ${cert.renewalTime}` : 'renewing';
  }
  return cert.renewalTime
    ? `not renewing: renewal was due ${cert.renewalTime}`
    : 'not renewing';
}

/** Where the expiry was read. */
export const SOURCE_LABEL: Record<FleetCertificate['source'], string> = {
  apiserver: 'TLS handshake',
  'cert-manager': 'cert-manager Certificate',
  'cluster-api-machine': 'Cluster API Machine status',
};

function certificateName(cert: FleetCertificate): ReactNode {
  if (cert.source === 'apiserver') return 'API server (serving)';
  if (cert.source === 'cert-manager') return `${cert.namespace}/${cert.name}`;
  return (
    <>
      Machine {cert.name}
      <Typography variant="body2" component="span" display="block">
        control-plane certificates, on {cert.managementCluster}
      </Typography>
    </>
  );
}

function findingText(cert: FleetCertificate): ReactNode {
  if (cert.finding) {
    return (
      <>
        {cert.finding.message}
        <ol aria-label={`What to do: ${cert.name}`}>
          {cert.finding.runbook.map(step => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      </>
    );
  }
  return cert.lastFailure
    ? `${cert.lastFailure.message}${
        cert.lastFailure.time ? ` (${cert.lastFailure.time})` : ''
      }`
    : '—';
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
  { title: 'Certificate', render: certificateName },
  { title: 'Source', render: c => SOURCE_LABEL[c.source] },
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
  { title: 'Last failure or finding', render: findingText },
];

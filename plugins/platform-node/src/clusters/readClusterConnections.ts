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

import { X509Certificate } from 'node:crypto';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { ClusterConnection, ClusterProvisioner } from './PlatformCluster';

const PROVISIONERS: ClusterProvisioner[] = ['cluster-api', 'kubeadm', 'rke2'];
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const PEM_CERTIFICATE =
  /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;

/** Whether every certificate in a PEM bundle parses; false for no certificate. */
function isPemCertificates(caData: string): boolean {
  const certificates = caData.match(PEM_CERTIFICATE) ?? [];
  try {
    return (
      certificates.length > 0 &&
      certificates.every(pem => !!new X509Certificate(pem))
    );
  } catch {
    return false;
  }
}

/**
 * Reads `platform.clusters` into connections by name. Names must be unique
 * DNS-1123 labels, as templates choose clusters by name only.
 *
 * @public
 */
export function readClusterConnections(
  config: Config,
): Map<string, ClusterConnection> {
  const connections = new Map<string, ClusterConnection>();
  const clusters = config.getOptionalConfigArray('platform.clusters') ?? [];
  for (const [index, cluster] of clusters.entries()) {
    const name = cluster.getString('name');
    if (name.length > 63 || !DNS_LABEL.test(name)) {
      throw new InputError(
        `platform.clusters: cluster name "${name}" is not a DNS-1123 label`,
      );
    }
    if (connections.has(name)) {
      throw new InputError(
        `platform.clusters: cluster "${name}" is listed twice`,
      );
    }
    const provisioner = cluster.getString('provisioner') as ClusterProvisioner;
    if (!PROVISIONERS.includes(provisioner)) {
      throw new InputError(
        `platform.clusters: cluster "${name}" has unknown provisioner "${provisioner}"`,
      );
    }
    const url = cluster.getString('kubernetes.url');
    const protocol = new URL(url).protocol;
    if (protocol !== 'https:' && protocol !== 'http:') {
      throw new InputError(
        `platform.clusters: cluster "${name}" has a non-HTTP kubernetes.url`,
      );
    }
    const caData = cluster.getOptionalString('kubernetes.caData');
    // Checked at start-up: a CA that cannot be read would only show later, as refused connections.
    if (caData !== undefined && !isPemCertificates(caData)) {
      throw new InputError(
        `platform.clusters: cluster "${name}" has a kubernetes.caData that is not the PEM of a CA certificate`,
      );
    }
    connections.set(name, {
      name,
      provisioner,
      environment: cluster.getOptionalString('environment'),
      region: cluster.getOptionalString('region'),
      management: cluster.getOptionalBoolean('management') ?? false,
      managementCluster: cluster.getOptionalString('managementCluster'),
      configKey: `platform.clusters[${index}]`,
      url,
      token: cluster.getOptionalString('kubernetes.token'),
      writeToken: cluster.getOptionalString('kubernetes.writeToken'),
      caData,
      skipTLSVerify:
        cluster.getOptionalBoolean('kubernetes.skipTLSVerify') ?? false,
    });
  }
  return connections;
}

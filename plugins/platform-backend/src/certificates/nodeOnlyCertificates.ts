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

import { FleetCertificateNotReadable } from '@platform-portal/plugin-platform-common';
import { ConfiguredCluster } from '../config/readPlatformConfig';

/** The command kubeadm documents for the expiry of the certificates it manages. */
export const KUBEADM_CHECK_EXPIRATION = 'sudo kubeadm certs check-expiration';

/**
 * kubeadm keeps its client and control-plane certificates (admin.conf, the
 * controller manager's and scheduler's kubeconfigs, apiserver-kubelet-client,
 * front-proxy-client, etcd's) as files on the control-plane nodes: no object
 * of the Kubernetes API carries their expiry, and the serving certificate the
 * TLS handshake shows is only one of them. So each kubeadm cluster gets a row
 * naming what the portal cannot read and the command that reads it.
 */
export function nodeOnlyCertificates(
  clusters: ConfiguredCluster[],
): FleetCertificateNotReadable[] {
  return clusters
    .filter(c => c.provisioner === 'kubeadm')
    .map(c => ({
      cluster: c.name,
      certificates: "kubeadm's client and control-plane certificates",
      reason:
        'They are files under /etc/kubernetes/pki and in the kubeconfigs on each control-plane node; the Kubernetes API does not expose their expiry',
      command: KUBEADM_CHECK_EXPIRATION,
    }))
    .sort((a, b) => a.cluster.localeCompare(b.cluster));
}

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

import { ConfiguredCluster } from '../config/readPlatformConfig';
import { nodeOnlyCertificates } from './nodeOnlyCertificates';

const cluster = (
  name: string,
  provisioner: ConfiguredCluster['provisioner'],
): ConfiguredCluster =>
  ({ name, provisioner, kubernetes: { url: 'http://x' } } as ConfiguredCluster);

describe('nodeOnlyCertificates', () => {
  it("names kubeadm's node-only certificates on each kubeadm cluster, with the command that reads them, and nothing for RKE2 or Cluster API", () => {
    const rows = nodeOnlyCertificates([
      cluster('prod-eu-1', 'cluster-api'),
      cluster('onprem-kubeadm-2', 'kubeadm'),
      cluster('edge-rke2-1', 'rke2'),
      cluster('onprem-kubeadm-1', 'kubeadm'),
    ]);
    expect(rows.map(r => r.cluster)).toEqual([
      'onprem-kubeadm-1',
      'onprem-kubeadm-2',
    ]);
    expect(rows[0]).toEqual({
      cluster: 'onprem-kubeadm-1',
      certificates: "kubeadm's client and control-plane certificates",
      reason: expect.stringContaining('the Kubernetes API does not expose'),
      command: 'sudo kubeadm certs check-expiration',
    });
  });
});

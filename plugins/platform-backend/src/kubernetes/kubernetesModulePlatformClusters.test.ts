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
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  KubernetesClustersSupplier,
  kubernetesClusterSupplierExtensionPoint,
} from '@backstage/plugin-kubernetes-node';
import { kubernetesModulePlatformClusters } from './kubernetesModulePlatformClusters';
import { TEST_CA_PEM } from '../__testUtils__/testCaCertificate';

describe('kubernetesModulePlatformClusters', () => {
  it('gives the Kubernetes backend every configured cluster with its service-account token and TLS trust', async () => {
    let supplier: KubernetesClustersSupplier | undefined;
    await startTestBackend({
      extensionPoints: [
        [
          kubernetesClusterSupplierExtensionPoint,
          {
            addClusterSupplier: (s: unknown) => {
              supplier = s as KubernetesClustersSupplier;
            },
          },
        ],
      ],
      features: [
        kubernetesModulePlatformClusters,
        mockServices.rootConfig.factory({
          data: {
            platform: {
              clusters: [
                {
                  name: 'prod-eu-1',
                  provisioner: 'cluster-api',
                  environment: 'production',
                  kubernetes: {
                    url: 'http://127.0.0.1:7100/k8s/prod-eu-1',
                    token: 'reader-token',
                  },
                },
                {
                  name: 'edge-rke2-1',
                  provisioner: 'rke2',
                  kubernetes: {
                    url: 'https://10.0.0.1:6443',
                    caData: TEST_CA_PEM,
                  },
                },
                {
                  name: 'lab-1',
                  provisioner: 'kubeadm',
                  kubernetes: {
                    url: 'https://10.0.0.2:6443',
                    skipTLSVerify: true,
                  },
                },
              ],
            },
          },
        }),
      ],
    });
    const clusters = await supplier!.getClusters({
      credentials: mockCredentials.user(),
    });
    expect(clusters).toEqual([
      {
        name: 'prod-eu-1',
        title: 'prod-eu-1 (production)',
        url: 'http://127.0.0.1:7100/k8s/prod-eu-1',
        authMetadata: {
          'kubernetes.io/auth-provider': 'serviceAccount',
          serviceAccountToken: 'reader-token',
        },
        skipTLSVerify: false,
        skipMetricsLookup: false,
      },
      {
        name: 'edge-rke2-1',
        title: 'edge-rke2-1',
        url: 'https://10.0.0.1:6443',
        // base64 of the PEM, as the official plugin reads caData.
        caData: Buffer.from(TEST_CA_PEM).toString('base64'),
        authMetadata: { 'kubernetes.io/auth-provider': 'serviceAccount' },
        skipTLSVerify: false,
        skipMetricsLookup: false,
      },
      {
        name: 'lab-1',
        title: 'lab-1',
        url: 'https://10.0.0.2:6443',
        authMetadata: { 'kubernetes.io/auth-provider': 'serviceAccount' },
        skipTLSVerify: true,
        skipMetricsLookup: false,
      },
    ]);
  });

  it('refuses to start on a malformed cluster, naming the key', async () => {
    await expect(
      startTestBackend({
        extensionPoints: [
          [
            kubernetesClusterSupplierExtensionPoint,
            { addClusterSupplier: () => {} },
          ],
        ],
        features: [
          kubernetesModulePlatformClusters,
          mockServices.rootConfig.factory({
            data: {
              platform: {
                clusters: [
                  {
                    name: 'x',
                    provisioner: 'eks',
                    kubernetes: { url: 'http://a' },
                  },
                ],
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(/platform\.clusters\[0\]\.provisioner/);
  });
});

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
  ClusterDetails,
  KubernetesClustersSupplier,
} from '@backstage/plugin-kubernetes-node';
import { ANNOTATION_KUBERNETES_AUTH_PROVIDER } from '@backstage/plugin-kubernetes-common';
import { ConfiguredCluster } from '../config/readPlatformConfig';

/**
 * The clusters of `platform.clusters`, as the official Kubernetes plugin
 * takes them, so its entity tab covers every cluster the portal watches
 * without a second list under `kubernetes.clusterLocatorMethods`.
 */
export function platformClustersSupplier(
  clusters: ConfiguredCluster[],
): KubernetesClustersSupplier {
  const details: ClusterDetails[] = clusters.map(cluster => ({
    name: cluster.name,
    title: cluster.environment
      ? `${cluster.name} (${cluster.environment})`
      : cluster.name,
    url: cluster.kubernetes.url,
    // The official plugin takes caData as a kubeconfig does: base64 of the PEM.
    ...(cluster.kubernetes.caData && {
      caData: Buffer.from(cluster.kubernetes.caData).toString('base64'),
    }),
    skipTLSVerify: cluster.kubernetes.skipTLSVerify ?? false,
    authMetadata: {
      [ANNOTATION_KUBERNETES_AUTH_PROVIDER]: 'serviceAccount',
      ...(cluster.kubernetes.token && {
        serviceAccountToken: cluster.kubernetes.token,
      }),
    },
    skipMetricsLookup: false,
  }));
  return { getClusters: async () => details };
}

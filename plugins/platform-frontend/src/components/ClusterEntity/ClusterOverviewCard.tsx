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

import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ANNOTATIONS } from '@platform-portal/plugin-platform-common';

/** Provisioner, version, node counts and phase of a cluster entity. @public */
export function ClusterOverviewCard() {
  const { entity } = useEntity();
  const a = entity.metadata.annotations ?? {};
  const labels = entity.metadata.labels ?? {};
  const metadata: Record<string, string> = {
    Provisioner: a[ANNOTATIONS.clusterProvisioner] ?? 'unknown',
    'Kubernetes version': a[ANNOTATIONS.clusterKubernetesVersion] ?? 'unknown',
    'Control-plane nodes': a[ANNOTATIONS.clusterControlPlaneCount] ?? 'unknown',
    'Worker nodes': a[ANNOTATIONS.clusterWorkerCount] ?? 'unknown',
    Phase: a[ANNOTATIONS.clusterPhase] ?? 'unknown',
  };
  if (a[ANNOTATIONS.clusterManagementCluster]) {
    metadata['Management cluster'] = a[ANNOTATIONS.clusterManagementCluster];
  }
  if (labels['platform-portal.io/environment']) {
    metadata.Environment = labels['platform-portal.io/environment'];
  }
  return (
    <InfoCard
      title="Cluster"
      deepLink={{
        title: 'Health on the Platform page',
        link: `/platform/clusters/${encodeURIComponent(entity.metadata.name)}`,
      }}
    >
      <StructuredMetadataTable metadata={metadata} />
    </InfoCard>
  );
}

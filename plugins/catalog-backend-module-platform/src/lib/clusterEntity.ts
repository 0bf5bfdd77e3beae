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
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import { ANNOTATIONS } from '@platform-portal/plugin-platform-common';
import { ClusterRecord } from './readFleet';

/** @public */
export const CLUSTER_ENTITY_TYPE = 'kubernetes-cluster';
/** @public */
export const CLUSTER_OWNER = 'group:default/platform-team';

/** A cluster as a catalog `Resource` of type `kubernetes-cluster`. */
/**
 * Where the people looking at a cluster go next.
 *
 * @public
 */
export interface ClusterLinkTargets {
  grafanaUrl?: string;
  /** `{cluster}` is replaced by the cluster name. */
  argocdUrl?: string;
}

function linksOf(name: string, targets: ClusterLinkTargets) {
  const links = [];
  if (targets.grafanaUrl) {
    links.push({
      url: `${targets.grafanaUrl.replace(/\/+$/, '')}/dashboards?tag=platform`,
      title: 'Platform dashboards (Grafana)',
      icon: 'dashboard',
    });
  }
  if (targets.argocdUrl) {
    links.push({
      url: `${targets.argocdUrl
        .replace('{cluster}', encodeURIComponent(name))
        .replace(/\/+$/, '')}/applications`,
      title: 'Applications (Argo CD)',
      icon: 'cloud',
    });
  }
  return links;
}

export function clusterEntity(
  record: ClusterRecord,
  location: string,
  targets: ClusterLinkTargets = {},
): Entity {
  const annotations: Record<string, string> = {
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
    [ANNOTATIONS.clusterProvisioner]: record.provisioner,
  };
  const optional: Array<[string, string | number | undefined]> = [
    [ANNOTATIONS.clusterKubernetesVersion, record.kubernetesVersion],
    [ANNOTATIONS.clusterControlPlaneCount, record.controlPlaneCount],
    [ANNOTATIONS.clusterWorkerCount, record.workerCount],
    [ANNOTATIONS.clusterPhase, record.phase],
    [ANNOTATIONS.clusterManagementCluster, record.managementCluster],
  ];
  for (const [key, value] of optional) {
    if (value !== undefined && value !== null) {
      annotations[key] = String(value);
    }
  }
  const labels: Record<string, string> = {};
  if (record.environment)
    labels['platform-portal.io/environment'] = record.environment;
  if (record.region) labels['platform-portal.io/region'] = record.region;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: record.name,
      title: record.name,
      description: `Kubernetes cluster (${[
        record.provisioner,
        record.environment,
        record.region,
      ]
        .filter(Boolean)
        .join(', ')})`,
      annotations,
      labels,
      tags: [
        'kubernetes',
        record.provisioner,
        ...(record.management ? ['management'] : []),
      ],
      links: linksOf(record.name, targets),
    },
    spec: {
      type: CLUSTER_ENTITY_TYPE,
      owner: CLUSTER_OWNER,
      ...(record.managementCluster
        ? { dependsOn: [`resource:default/${record.managementCluster}`] }
        : {}),
    },
  };
}

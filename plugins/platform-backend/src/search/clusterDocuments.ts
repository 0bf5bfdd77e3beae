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

import { IndexableDocument } from '@backstage/plugin-search-common';
import {
  ClusterHealthSummary,
  ClusterSummary,
  HealthVerdict,
  LAYERS,
} from '@platform-portal/plugin-platform-common';

/** The search document type of the fleet's clusters. */
export const CLUSTER_DOCUMENT_TYPE = 'platform-cluster';

/** A cluster as search indexes it: what it is and how it is doing now. */
export interface ClusterDocument extends IndexableDocument {
  environment: string;
  provisioner: string;
  verdict: HealthVerdict;
}

const LAYER_TITLES = new Map(LAYERS.map(layer => [layer.id, layer.title]));
const WORST_FIRST: HealthVerdict[] = ['critical', 'warning', 'unknown', 'ok'];

/** "Critical: Hardware, Networking. Warning: Storage. OK: the other 10 layers." */
function layerVerdicts(health: ClusterHealthSummary): string {
  return WORST_FIRST.map(verdict => {
    const layers = health.layers
      .filter(layer => layer.verdict === verdict)
      .map(layer => LAYER_TITLES.get(layer.layer) ?? layer.layer);
    if (layers.length === 0) return '';
    const label = verdict === 'ok' ? 'OK' : verdict;
    return `${label[0].toUpperCase()}${label.slice(1)}: ${layers.join(', ')}.`;
  })
    .filter(Boolean)
    .join(' ');
}

/**
 * One document per configured cluster: the name as title (so an exact name
 * ranks first), then environment, provisioner and the fleet's current
 * verdict per layer, linking to the cluster's platform page. Only what
 * `/clusters` and `/health` answer goes in: no endpoint, no credential.
 */
export function clusterDocuments(
  clusters: ClusterSummary[],
  fleet: ClusterHealthSummary[],
): ClusterDocument[] {
  const healthOf = new Map(fleet.map(row => [row.cluster, row]));
  return clusters.map(cluster => {
    const health = healthOf.get(cluster.name);
    const verdict = health?.verdict ?? cluster.verdict;
    const where = [
      cluster.environment && `${cluster.environment} environment`,
      cluster.region && `region ${cluster.region}`,
      `provisioned with ${cluster.provisioner}`,
      cluster.management
        ? 'management cluster'
        : cluster.managementCluster &&
          `managed by ${cluster.managementCluster}`,
    ].filter(Boolean);
    const state = health?.unreachable
      ? `Kubernetes API unreachable since ${health.unreachable.since}; last known verdicts:`
      : 'Verdict per layer:';
    return {
      title: cluster.name,
      text: [
        `Cluster ${cluster.name}: ${where.join(', ')}.`,
        `Fleet verdict ${verdict}.`,
        health ? `${state} ${layerVerdicts(health)}` : '',
      ]
        .filter(Boolean)
        .join(' '),
      location: `/platform/clusters/${encodeURIComponent(cluster.name)}`,
      environment: cluster.environment ?? '',
      provisioner: cluster.provisioner,
      verdict,
    };
  });
}

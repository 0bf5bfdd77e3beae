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

import { ClusterSpec } from '../../scenario/types';

/**
 * Node names as the sandbox's Kubernetes simulator names them: Cluster API
 * machines `<cluster>-control-plane-N` / `<cluster>-md-0-N`, other clusters
 * `<cluster>-cp-N` / `<cluster>-worker-N`, numbered from 1.
 */
export function controlPlaneNodes(cluster: ClusterSpec): string[] {
  const prefix = cluster.provisioner === 'cluster-api' ? `${cluster.name}-control-plane` : `${cluster.name}-cp`;
  return Array.from({ length: cluster.controlPlaneReplicas }, (_, i) => `${prefix}-${i + 1}`);
}

export function workerNodes(cluster: ClusterSpec): string[] {
  const prefix = cluster.provisioner === 'cluster-api' ? `${cluster.name}-md-0` : `${cluster.name}-worker`;
  return Array.from({ length: cluster.workerReplicas }, (_, i) => `${prefix}-${i + 1}`);
}

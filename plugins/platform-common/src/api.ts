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

import { HealthCause } from './causes';
import { ClusterUnreachable, HealthVerdict, LayerHealth } from './health';
import { LayerDefinition, LayerId } from './layers';

/** GET /api/platform/layers @public */
export interface LayersResponse {
  layers: LayerDefinition[];
}

/** GET /api/platform/environment: whether the fleet is simulated. @public */
export interface EnvironmentResponse {
  /** True when the portal talks to platform-sandbox instead of real upstreams. */
  simulated: boolean;
  /** Number of clusters the portal is configured with. */
  clusterCount: number;
  /** Clusters whose Kubernetes API is a real control plane while the rest is simulated. */
  realKubernetes?: string[];
}

/** A verdict with the time it was observed. @public */
export interface LayerVerdictSummary {
  layer: LayerId;
  verdict: HealthVerdict;
  observedAt: string;
  stale: boolean;
  reason?: string;
  /** The cluster's API cannot be reached: this is the last known verdict, as of `observedAt`. */
  lastKnown?: boolean;
  /** ISO 8601 time the layer turned to its current verdict, when known. */
  since?: string;
}

/** How many layers have each verdict. @public */
export type VerdictCounts = Record<HealthVerdict, number>;

/** One row of the fleet matrix. @public */
export interface ClusterHealthSummary {
  cluster: string;
  verdict: HealthVerdict;
  counts: VerdictCounts;
  layers: LayerVerdictSummary[];
  /** Set while the cluster's Kubernetes API cannot be reached; the verdict is then critical. */
  unreachable?: ClusterUnreachable;
}

/** GET /api/platform/health: every cluster × every layer. @public */
export interface FleetHealthResponse {
  layers: LayerId[];
  clusters: ClusterHealthSummary[];
  /** How many cells (cluster × layer) have each verdict. */
  counts: VerdictCounts;
  /**
   * How many clusters have each verdict at row level; an unreachable cluster
   * is critical.
   */
  clusterCounts?: VerdictCounts;
  /** How many clusters' Kubernetes APIs cannot be reached. */
  unreachableClusters?: number;
}

/** GET /api/platform/health/:cluster @public */
export interface ClusterHealthResponse {
  cluster: string;
  verdict: HealthVerdict;
  layers: LayerHealth[];
  /** Set while the cluster's Kubernetes API cannot be reached; the verdict is then critical. */
  unreachable?: ClusterUnreachable;
  /**
   * Findings that share a cause, grouped under it, worst first; the layers
   * keep their own verdicts.
   */
  causes?: HealthCause[];
}

/** GET /api/platform/health/:cluster/:layer @public */
export interface LayerHealthResponse extends LayerHealth {
  /** Set while the cluster's Kubernetes API cannot be reached. */
  unreachable?: ClusterUnreachable;
}

/** A layer changing verdict on a cluster. @public */
export interface HealthStateChange {
  cluster: string;
  layer: LayerId;
  from?: HealthVerdict;
  to: HealthVerdict;
  changedAt: string;
  message: string;
}

/** GET /api/platform/health/:cluster/history @public */
export interface HealthHistoryResponse {
  cluster: string;
  changes: HealthStateChange[];
}

/** A cluster as the portal knows it; no credentials. @public */
export interface ClusterSummary {
  name: string;
  provisioner: 'cluster-api' | 'kubeadm' | 'rke2';
  environment?: string;
  region?: string;
  management: boolean;
  managementCluster?: string;
  verdict: HealthVerdict;
}

/** GET /api/platform/clusters @public */
export interface ClustersResponse {
  clusters: ClusterSummary[];
}

/** A node of a cluster with its capacity. @public */
export interface ClusterNode {
  name: string;
  roles: string[];
  ready: boolean;
  kubeletVersion?: string;
  capacity: { cpu?: string; memory?: string; pods?: string };
}

/** A Cluster API workload cluster as its management cluster reports it. @public */
export interface ClusterApiStatus {
  phase?: string;
  /** Lowest version the control plane runs. */
  version?: string;
  controlPlane: { desired: number; ready: number };
  workers: { desired: number; available: number };
}

/** GET /api/platform/clusters/:cluster: what the catalog shows plus live detail. @public */
export interface ClusterDetailResponse extends ClusterSummary {
  kubernetesVersions: string[];
  nodes: ClusterNode[];
  /** For Cluster API clusters, read live from the management cluster. */
  clusterApi?: ClusterApiStatus;
  /** Set when the live detail could not be read; the summary still is. */
  liveError?: string;
}

/** A namespace a team owns on a cluster. @public */
export interface TeamNamespace {
  name: string;
  /** Catalog group name of the owning team. */
  team: string;
  /** Catalog entity the namespace serves, when it says so. */
  entity?: string;
}

/**
 * GET /api/platform/clusters/:cluster/namespaces: the team namespaces on the
 * cluster the signed-in user may write (`platform.namespace.write` on the
 * owning Group), optionally of one team.
 *
 * @public
 */
export interface TeamNamespacesResponse {
  cluster: string;
  namespaces: TeamNamespace[];
}

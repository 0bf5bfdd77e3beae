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

import type * as Api from './schema/openapi/generated/models';

/** GET /api/platform/layers @public */
export type LayersResponse = Api.Layers;

/** GET /api/platform/environment: whether the fleet is simulated. @public */
export type EnvironmentResponse = Api.Environment;

/** A layer's verdict on one cluster with the time it was observed. @public */
export type LayerVerdictSummary = Api.LayerVerdictSummary;

/** How many layers have each verdict. @public */
export type VerdictCounts = Api.Counts;

/** One row of the fleet matrix. @public */
export type ClusterHealthSummary = Api.ClusterHealthSummary;

/** GET /api/platform/health: every cluster × every layer. @public */
export type FleetHealthResponse = Api.FleetHealth;

/** GET /api/platform/health/:cluster @public */
export type ClusterHealthResponse = Api.ClusterHealth;

/**
 * GET /api/platform/health/:cluster/:layer: the layer, with the cluster's
 * `unreachable` while its Kubernetes API cannot be reached.
 *
 * @public
 */
export type LayerHealthResponse = Api.LayerHealth;

/** A layer changing verdict on a cluster. @public */
export type HealthStateChange = Api.HealthStateChange;

/** GET /api/platform/health/:cluster/history @public */
export type HealthHistoryResponse = Api.History;

/** A cluster as the portal knows it; no credentials. @public */
export type ClusterSummary = Api.ClusterSummary;

/** GET /api/platform/clusters @public */
export type ClustersResponse = Api.Clusters;

/** A node of a cluster with its capacity. @public */
export type ClusterNode = Api.ClusterNode;

/** A Cluster API workload cluster as its management cluster reports it. @public */
export type ClusterApiStatus = Api.ClusterApiStatus;

/** GET /api/platform/clusters/:cluster: what the catalog shows plus live detail. @public */
export type ClusterDetailResponse = Api.ClusterDetail;

/** A namespace a team owns on a cluster. @public */
export type TeamNamespace = Api.TeamNamespace;

/**
 * GET /api/platform/clusters/:cluster/namespaces: the team namespaces on the
 * cluster the signed-in user may write (`platform.namespace.write` on the
 * owning Group), optionally of one team.
 *
 * @public
 */
export type TeamNamespacesResponse = Api.TeamNamespaces;

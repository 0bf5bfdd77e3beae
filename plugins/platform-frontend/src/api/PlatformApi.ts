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

import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  BuildOutAttestation,
  ClusterReadinessResponse,
  FleetReadinessResponse,
  SizingResponse,
  UpgradeReport,
  FleetUpgradesResponse,
  FleetCertificatesResponse,
  ArgocdOperationResponse,
  EntityArgocdResponse,
  EntityDeliveryResponse,
  EntityGitLabResponse,
  EntityGrafanaResponse,
  EntityNexusResponse,
  EntityWorkloadsResponse,
  WorkloadActionRequest,
  WorkloadActionResult,
  ClusterDetailResponse,
  ClusterNotificationMute,
  ClusterHealthResponse,
  ClustersResponse,
  EnvironmentResponse,
  FleetHealthResponse,
  HealthHistoryResponse,
  LayerHealthResponse,
  LayerId,
  LayersResponse,
} from '@platform-portal/plugin-platform-common';

/**
 * Client of the platform backend's REST API.
 *
 * @public
 */
export interface PlatformApi {
  getLayers(): Promise<LayersResponse>;
  getEnvironment(): Promise<EnvironmentResponse>;
  getFleetHealth(): Promise<FleetHealthResponse>;
  getClusterHealth(cluster: string): Promise<ClusterHealthResponse>;
  getLayerHealth(cluster: string, layer: LayerId): Promise<LayerHealthResponse>;
  getHealthHistory(cluster: string): Promise<HealthHistoryResponse>;
  getClusters(): Promise<ClustersResponse>;
  getCluster(cluster: string): Promise<ClusterDetailResponse>;
  /** The entity's images and charts in Nexus, with the clusters running each version. */
  getEntityNexus(entity: CompoundEntityRef): Promise<EntityNexusResponse>;
  /** The entity's GitLab pipelines on the default branch and open merge requests. */
  getEntityGitLab(entity: CompoundEntityRef): Promise<EntityGitLabResponse>;
  /** The entity's latest commits, each with its delivery path. */
  getEntityDelivery(entity: CompoundEntityRef): Promise<EntityDeliveryResponse>;
  /** The entity's Grafana dashboards and firing alerts. */
  getEntityGrafana(entity: CompoundEntityRef): Promise<EntityGrafanaResponse>;
  /** The entity's workloads on every cluster, with what is wrong and what to do. */
  getEntityWorkloads(
    entity: CompoundEntityRef,
  ): Promise<EntityWorkloadsResponse>;
  /**
   * One container's log of one of the entity's pods; with `follow` the body
   * streams until it is cancelled. A ResponseError when not 2xx.
   */
  getPodLog(entity: CompoundEntityRef, query: PodLogQuery): Promise<Response>;
  /**
   * A rollout restart of one workload, sent with the signed-in person's own
   * Kubernetes rights; with `dryRun` the API server only previews it.
   */
  restartWorkload(
    request: WorkloadActionRequest,
  ): Promise<WorkloadActionResult>;
  /** Sets a Deployment's or StatefulSet's replicas, as `restartWorkload` does. */
  scaleWorkload(
    request: WorkloadActionRequest & { replicas: number },
  ): Promise<WorkloadActionResult>;
  /** The entity's Argo CD applications on every cluster. */
  getEntityArgocd(entity: CompoundEntityRef): Promise<EntityArgocdResponse>;
  syncArgocdApplication(
    entity: CompoundEntityRef,
    instance: string,
    app: string,
  ): Promise<ArgocdOperationResponse>;
  /** `id` is the history entry to roll back to. */
  rollbackArgocdApplication(
    entity: CompoundEntityRef,
    instance: string,
    app: string,
    id: number,
  ): Promise<ArgocdOperationResponse>;
  /** Build-out readiness of every cluster, per phase. */
  getFleetReadiness(): Promise<FleetReadinessResponse>;
  /** The 50 build-out steps of a cluster with status, evidence and attestation. */
  getClusterReadiness(cluster: string): Promise<ClusterReadinessResponse>;
  /** Attests, as the signed-in user, a step no API can verify. */
  attestBuildOutStep(
    cluster: string,
    step: number,
    note?: string,
  ): Promise<BuildOutAttestation>;
  /** The cluster's nodes against the guide's sizing. */
  getClusterSizing(cluster: string): Promise<SizingResponse>;
  /** What blocks an upgrade of the cluster to `target` (the next minor when left out), and the plan. */
  getClusterUpgrade(cluster: string, target?: string): Promise<UpgradeReport>;
  /** Every cluster against its next minor, with its blocker count. */
  getFleetUpgrades(): Promise<FleetUpgradesResponse>;
  /** Every certificate of the fleet, soonest expiry first. */
  listFleetCertificates(): Promise<FleetCertificatesResponse>;
  /** Whether the signed-in person muted the owner notifications about the cluster. */
  getClusterNotificationMute(cluster: string): Promise<ClusterNotificationMute>;
  /** Mutes or unmutes them for the signed-in person. */
  setClusterNotificationMute(
    cluster: string,
    muted: boolean,
  ): Promise<ClusterNotificationMute>;
}

/** @public */
/** Which log `getPodLog` reads. @public */
export interface PodLogQuery {
  cluster: string;
  pod: string;
  container: string;
  previous?: boolean;
  tailLines?: number;
  follow?: boolean;
  download?: boolean;
}

/**
 * The platform plugin's API, for apps and plugins that call it directly.
 *
 * @public
 */
export const platformApiRef = createApiRef<PlatformApi>({
  id: 'plugin.platform.api',
});

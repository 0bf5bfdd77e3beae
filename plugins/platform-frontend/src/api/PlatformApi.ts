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
  ArgocdOperationResponse,
  EntityArgocdResponse,
  ClusterDetailResponse,
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
}

/** @public */
export const platformApiRef = createApiRef<PlatformApi>({
  id: 'plugin.platform.api',
});

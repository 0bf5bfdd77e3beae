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
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  BuildOutAttestation,
  ClusterReadinessResponse,
  FleetReadinessResponse,
  SizingResponse,
  ArgocdOperationResponse,
  EntityArgocdResponse,
  EntityDeliveryResponse,
  EntityGitLabResponse,
  EntityGrafanaResponse,
  EntityNexusResponse,
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
import { PlatformApi } from './PlatformApi';

/** @public */
export class PlatformClient implements PlatformApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getLayers(): Promise<LayersResponse> {
    return this.get('/layers');
  }

  getEnvironment(): Promise<EnvironmentResponse> {
    return this.get('/environment');
  }

  getFleetHealth(): Promise<FleetHealthResponse> {
    return this.get('/health');
  }

  getClusterHealth(cluster: string): Promise<ClusterHealthResponse> {
    return this.get(`/health/${encodeURIComponent(cluster)}`);
  }

  getLayerHealth(
    cluster: string,
    layer: LayerId,
  ): Promise<LayerHealthResponse> {
    return this.get(
      `/health/${encodeURIComponent(cluster)}/${encodeURIComponent(layer)}`,
    );
  }

  getHealthHistory(cluster: string): Promise<HealthHistoryResponse> {
    return this.get(`/health/${encodeURIComponent(cluster)}/history`);
  }

  getClusters(): Promise<ClustersResponse> {
    return this.get('/clusters');
  }

  getCluster(cluster: string): Promise<ClusterDetailResponse> {
    return this.get(`/clusters/${encodeURIComponent(cluster)}`);
  }

  getEntityNexus(entity: CompoundEntityRef): Promise<EntityNexusResponse> {
    return this.get(entityPath(entity, 'nexus'));
  }

  getEntityGitLab(entity: CompoundEntityRef): Promise<EntityGitLabResponse> {
    return this.get(entityPath(entity, 'gitlab'));
  }

  getEntityDelivery(
    entity: CompoundEntityRef,
  ): Promise<EntityDeliveryResponse> {
    const { namespace, kind, name } = entity;
    return this.get(
      `/delivery/${encodeURIComponent(namespace)}/${encodeURIComponent(
        kind.toLocaleLowerCase('en-US'),
      )}/${encodeURIComponent(name)}`,
    );
  }

  getEntityGrafana(entity: CompoundEntityRef): Promise<EntityGrafanaResponse> {
    return this.get(entityPath(entity, 'grafana'));
  }

  getEntityArgocd(entity: CompoundEntityRef): Promise<EntityArgocdResponse> {
    return this.get(argocdPath(entity));
  }

  syncArgocdApplication(
    entity: CompoundEntityRef,
    instance: string,
    app: string,
  ): Promise<ArgocdOperationResponse> {
    return this.post(
      `${argocdPath(entity)}/${encodeURIComponent(
        instance,
      )}/${encodeURIComponent(app)}/sync`,
      {},
    );
  }

  rollbackArgocdApplication(
    entity: CompoundEntityRef,
    instance: string,
    app: string,
    id: number,
  ): Promise<ArgocdOperationResponse> {
    return this.post(
      `${argocdPath(entity)}/${encodeURIComponent(
        instance,
      )}/${encodeURIComponent(app)}/rollback`,
      { id },
    );
  }

  getFleetReadiness(): Promise<FleetReadinessResponse> {
    return this.get('/readiness');
  }

  getClusterReadiness(cluster: string): Promise<ClusterReadinessResponse> {
    return this.get(`/readiness/${encodeURIComponent(cluster)}`);
  }

  attestBuildOutStep(
    cluster: string,
    step: number,
    note?: string,
  ): Promise<BuildOutAttestation> {
    return this.post(
      `/readiness/${encodeURIComponent(cluster)}/steps/${step}/attestations`,
      note ? { note } : {},
    );
  }

  getClusterSizing(cluster: string): Promise<SizingResponse> {
    return this.get(`/sizing/${encodeURIComponent(cluster)}`);
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('platform');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('platform');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

/** `/entity/<namespace>/<kind>/<name>/<integration>`, kind in lower case. */
function entityPath(entity: CompoundEntityRef, integration: string): string {
  const { namespace, kind, name } = entity;
  return `/entity/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}/${integration}`;
}

function argocdPath(entity: CompoundEntityRef): string {
  return entityPath(entity, 'argocd');
}

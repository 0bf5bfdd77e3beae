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
import {
  BuildOutAttestation,
  ClusterReadinessResponse,
  FleetReadinessResponse,
  SizingResponse,
  UpgradeReport,
  FleetUpgradesResponse,
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
  FleetCertificatesResponse,
  FleetHealthResponse,
  HealthHistoryResponse,
  LayerHealthResponse,
  LayerId,
  LayersResponse,
  PlatformApiClient,
  TypedResponse,
} from '@platform-portal/plugin-platform-common';
import { PlatformApi, PodLogQuery } from './PlatformApi';
import { ResponseError } from '@backstage/errors';
import { body } from './responseBody';

/**
 * The platform API over the client generated from the backend's OpenAPI
 * spec: it shapes arguments into requests and turns non-2xx answers into a
 * ResponseError.
 *
 * @public
 */
export class PlatformClient implements PlatformApi {
  private readonly api: PlatformApiClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.api = new PlatformApiClient(options);
  }

  getLayers(): Promise<LayersResponse> {
    return body(this.api.listLayers({}));
  }

  getEnvironment(): Promise<EnvironmentResponse> {
    return body(this.api.getEnvironment({}));
  }

  getFleetHealth(): Promise<FleetHealthResponse> {
    return body(this.api.getFleetHealth({}));
  }

  getClusterHealth(cluster: string): Promise<ClusterHealthResponse> {
    return body(this.api.getClusterHealth({ path: { cluster } }));
  }

  getLayerHealth(
    cluster: string,
    layer: LayerId,
  ): Promise<LayerHealthResponse> {
    return body(this.api.getLayerHealth({ path: { cluster, layer } }));
  }

  getHealthHistory(cluster: string): Promise<HealthHistoryResponse> {
    return body(
      this.api.getClusterHealthHistory({ path: { cluster }, query: {} }),
    );
  }

  getClusters(): Promise<ClustersResponse> {
    return body(this.api.listClusters({}));
  }

  getCluster(cluster: string): Promise<ClusterDetailResponse> {
    return body(this.api.getCluster({ path: { cluster } }));
  }

  getEntityNexus(entity: CompoundEntityRef): Promise<EntityNexusResponse> {
    return integrationBody<EntityNexusResponse>(
      this.api.getEntityNexus({ path: entityPath(entity) }),
    );
  }

  getEntityGitLab(entity: CompoundEntityRef): Promise<EntityGitLabResponse> {
    return integrationBody<EntityGitLabResponse>(
      this.api.getEntityGitLab({ path: entityPath(entity) }),
    );
  }

  getEntityDelivery(
    entity: CompoundEntityRef,
  ): Promise<EntityDeliveryResponse> {
    return integrationBody<EntityDeliveryResponse>(
      this.api.getEntityDelivery({ path: entityPath(entity) }),
    );
  }

  getEntityWorkloads(
    entity: CompoundEntityRef,
  ): Promise<EntityWorkloadsResponse> {
    return integrationBody<EntityWorkloadsResponse>(
      this.api.getEntityWorkloads({ path: entityPath(entity) }),
    );
  }

  async getPodLog(
    entity: CompoundEntityRef,
    query: PodLogQuery,
  ): Promise<Response> {
    const flag = (value?: boolean) => (value ? 'true' : undefined);
    const response = await this.api.getEntityPodLog({
      path: entityPath(entity),
      query: {
        cluster: query.cluster,
        pod: query.pod,
        container: query.container,
        previous: flag(query.previous),
        tailLines:
          query.tailLines === undefined ? undefined : String(query.tailLines),
        follow: flag(query.follow),
        download: flag(query.download),
      },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }

  restartWorkload(
    request: WorkloadActionRequest,
  ): Promise<WorkloadActionResult> {
    return body(this.api.restartWorkload({ body: request }));
  }

  scaleWorkload(
    request: WorkloadActionRequest & { replicas: number },
  ): Promise<WorkloadActionResult> {
    return body(this.api.scaleWorkload({ body: request }));
  }

  getEntityGrafana(entity: CompoundEntityRef): Promise<EntityGrafanaResponse> {
    return integrationBody<EntityGrafanaResponse>(
      this.api.getEntityGrafana({ path: entityPath(entity) }),
    );
  }

  getEntityArgocd(entity: CompoundEntityRef): Promise<EntityArgocdResponse> {
    return integrationBody<EntityArgocdResponse>(
      this.api.getEntityArgocd({ path: entityPath(entity) }),
    );
  }

  syncArgocdApplication(
    entity: CompoundEntityRef,
    instance: string,
    app: string,
  ): Promise<ArgocdOperationResponse> {
    return body(
      this.api.syncEntityArgocdApplication({
        path: { ...entityPath(entity), instance, app },
      }),
    );
  }

  rollbackArgocdApplication(
    entity: CompoundEntityRef,
    instance: string,
    app: string,
    id: number,
  ): Promise<ArgocdOperationResponse> {
    return body(
      this.api.rollbackEntityArgocdApplication({
        path: { ...entityPath(entity), instance, app },
        body: { id },
      }),
    );
  }

  getFleetReadiness(): Promise<FleetReadinessResponse> {
    return body(this.api.getFleetReadiness({}));
  }

  getClusterReadiness(cluster: string): Promise<ClusterReadinessResponse> {
    return body(this.api.getClusterReadiness({ path: { cluster } }));
  }

  attestBuildOutStep(
    cluster: string,
    step: number,
    note?: string,
  ): Promise<BuildOutAttestation> {
    return body(
      this.api.attestBuildOutStep({
        path: { cluster, step: String(step) },
        body: note ? { note } : {},
      }),
    );
  }

  getClusterSizing(cluster: string): Promise<SizingResponse> {
    return body(this.api.getClusterSizing({ path: { cluster } }));
  }

  getClusterUpgrade(cluster: string, target?: string): Promise<UpgradeReport> {
    return body(
      this.api.getClusterUpgrade({
        path: { cluster },
        query: target ? { target } : {},
      }),
    );
  }

  getFleetUpgrades(): Promise<FleetUpgradesResponse> {
    return body(this.api.getFleetUpgrades({}));
  }

  listFleetCertificates(): Promise<FleetCertificatesResponse> {
    return body(this.api.listFleetCertificates({}));
  }

  getClusterNotificationMute(
    cluster: string,
  ): Promise<ClusterNotificationMute> {
    return body(this.api.getClusterNotificationMute({ path: { cluster } }));
  }

  setClusterNotificationMute(
    cluster: string,
    muted: boolean,
  ): Promise<ClusterNotificationMute> {
    return body(
      this.api.setClusterNotificationMute({
        path: { cluster },
        body: { muted },
      }),
    );
  }
}

/** `T` with `configured` widened to boolean, as the generated models have it. */
type WithBooleanConfigured<T> = T extends unknown
  ? Omit<T, 'configured'> & { configured: boolean }
  : never;

/**
 * The body of an entity integration's answer, a `configured: false | true`
 * union: the generator types a boolean literal as `boolean`, so the models
 * are checked field by field against `T` and `configured` gets its literal
 * back here.
 */
async function integrationBody<T extends { configured: boolean }>(
  request: Promise<TypedResponse<WithBooleanConfigured<T>>>,
): Promise<T> {
  return (await body(request)) as unknown as T;
}

/** The entity's path parameters, kind in lower case as the catalog keys it. */
function entityPath(entity: CompoundEntityRef) {
  return {
    namespace: entity.namespace,
    kind: entity.kind.toLocaleLowerCase('en-US'),
    name: entity.name,
  };
}

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
  AuditorService,
  CacheService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EnvironmentResponse,
  LayerId,
  LAYERS,
  LayersResponse,
} from '@platform-portal/plugin-platform-common';
import express from 'express';
import Router from 'express-promise-router';
import { UpstreamClients } from './clients/UpstreamClients';
import { UpstreamOwnership } from './ownership/UpstreamOwnership';
import { PlatformConfig } from './config/readPlatformConfig';
import { AlertWebhookConfig } from './config/readAlertWebhookConfig';
import { DiagnosticsService } from './diagnostics/DiagnosticsService';
import { RemediationService } from './diagnostics/RemediationService';
import { HealthReadModel } from './health/HealthReadModel';
import { ReadinessService } from './readiness/ReadinessService';
import { alertRoutes } from './routes/alertRoutes';
import { clusterRoutes } from './routes/clusterRoutes';
import { namespaceRoutes } from './routes/namespaceRoutes';
import { argocdRoutes } from './routes/entity/argocdRoutes';
import { deliveryRoutes } from './routes/deliveryRoutes';
import { EntityLoader } from './routes/entity/EntityLoader';
import { entityRoutes } from './routes/entity/entityRoutes';
import { SharedReadCache } from './routes/entity/SharedReadCache';
import { workloadRoutes } from './routes/workloads/workloadRoutes';
import { WorkloadService } from './workloads/WorkloadService';
import { diagnosticsRoutes } from './routes/diagnosticsRoutes';
import { healthRoutes } from './routes/healthRoutes';
import { readinessRoutes } from './routes/readinessRoutes';
import { sizingRoutes } from './routes/sizingRoutes';
import { certificateRoutes } from './routes/certificateRoutes';
import { FleetCertificateService } from './certificates/FleetCertificateService';
import { upgradeRoutes } from './routes/upgradeRoutes';
import { notificationMuteRoutes } from './routes/notificationMuteRoutes';
import { ClusterMuteStore } from './notifications/ClusterMuteStore';
import { createPlatformApiRouter } from './routes/PlatformApiRouter';
import { healthReadGuard } from './routes/validation';
import { SizingAdvisor } from './sizing/SizingAdvisor';
import { UpgradePlanner } from './upgrades/UpgradePlanner';
import { rejectMalformedJson } from './routes/rejectMalformedJson';
import { platformErrorHandler } from './routes/platformErrorHandler';
import { spec } from './schema/openapi';
import { PersonKubernetesAccess } from './kubernetes/access';
import { personReaders } from './kubernetes/access/personReaders';
import { workloadActionRoutes } from './routes/workloadActionRoutes';
import { selfServiceRoutes } from './routes/selfServiceRoutes';
import { ManifestPreview } from './selfService/ManifestPreview';
import { WorkloadActions } from './workloadActions/WorkloadActions';

export interface RouterOptions {
  /** Alertmanager's webhook, and the re-check of the layers an alert names. */
  alerts: {
    config: AlertWebhookConfig;
    recheck: (cluster: string, layers: Iterable<LayerId>) => void;
  };
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  platformConfig: PlatformConfig;
  health: HealthReadModel;
  clients: UpstreamClients;
  catalog: CatalogService;
  cache: CacheService;
  auditor: AuditorService;
  readiness: ReadinessService;
  remediations: RemediationService;
  ownership: UpstreamOwnership;
  upgrades: UpgradePlanner;
  /** Each person's mute of a cluster's owner notifications. */
  mutes: ClusterMuteStore;
  /** Each signed-in person's own Kubernetes rights (impersonation). */
  personAccess: PersonKubernetesAccess;
  /** The dry run of what a self-service template would write. */
  selfServicePreview: ManifestPreview;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, platformConfig, health, clients, catalog } =
    options;
  const { readiness } = options;
  const router = Router();
  router.use(express.json(), rejectMalformedJson);
  const guard = healthReadGuard(httpAuth, permissions);

  const api = await createPlatformApiRouter();
  api.get('/layers', async (req, res) => {
    await guard(req);
    const body: LayersResponse = { layers: [...LAYERS] };
    res.json(body);
  });

  api.get('/environment', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const body: EnvironmentResponse = {
      simulated: platformConfig.simulated,
      clusterCount: platformConfig.clusters.length,
      realKubernetes: platformConfig.realKubernetes,
    };
    res.json(body);
  });

  healthRoutes(api, { health, guard });
  workloadActionRoutes(api, {
    httpAuth,
    permissions,
    auditor: options.auditor,
    access: options.personAccess,
    actions: new WorkloadActions({
      clients,
      argocdUrl: platformConfig.upstreams.argocd?.url,
    }),
  });
  alertRoutes(api, {
    ...options.alerts,
    clusters: platformConfig.clusters.map(c => c.name),
  });
  clusterRoutes(api, {
    clusters: platformConfig.clusters,
    health,
    clients,
    guard,
  });
  namespaceRoutes(api, { httpAuth, permissions, health, clients });
  selfServiceRoutes(api, {
    httpAuth,
    permissions,
    health,
    preview: options.selfServicePreview,
    readersFor: credentials =>
      personReaders(clients, options.personAccess, credentials),
  });
  const entityContext = {
    router: api,
    entities: new EntityLoader({ catalog, httpAuth, permissions }),
    clients,
    clusters: platformConfig.clusters.map(c => c.name),
    cache: new SharedReadCache(
      options.cache,
      platformConfig.entityPages.cacheTtlSeconds * 1000,
    ),
    ownership: options.ownership,
    auditor: options.auditor,
  };
  entityRoutes(entityContext);
  workloadRoutes({
    router: api,
    entities: entityContext.entities,
    ownership: options.ownership,
    service: new WorkloadService({
      clients,
      clusters: entityContext.clusters,
      ownership: options.ownership,
    }),
    // Each person sees what their own Kubernetes rights let them read.
    readersFor: credentials =>
      personReaders(clients, options.personAccess, credentials),
  });
  deliveryRoutes(entityContext);
  argocdRoutes({
    ...entityContext,
    permissions,
    auditor: options.auditor,
    cacheStore: options.cache,
  });
  readinessRoutes(api, {
    clusters: platformConfig.clusters,
    readiness,
    guard,
    httpAuth,
    permissions,
    auditor: options.auditor,
  });
  sizingRoutes(api, { health, sizing: new SizingAdvisor(clients), guard });
  certificateRoutes(api, {
    certificates: new FleetCertificateService(clients, platformConfig.clusters),
    guard,
  });
  upgradeRoutes(api, {
    clusters: platformConfig.clusters,
    health,
    upgrades: options.upgrades,
    guard,
  });
  notificationMuteRoutes(api, {
    httpAuth,
    permissions,
    health,
    mutes: options.mutes,
  });
  diagnosticsRoutes(api, {
    diagnostics: new DiagnosticsService(clients),
    remediations: options.remediations,
    guard,
    httpAuth,
    permissions,
    auditor: options.auditor,
    ownership: options.ownership,
    clients,
  });
  router.use(api);
  router.use(platformErrorHandler(Object.keys(spec.paths)));

  return router;
}

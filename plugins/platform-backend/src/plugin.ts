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
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { platformPermissions } from '@platform-portal/plugin-platform-common';
import {
  ConfigClusterAccessService,
  PlatformHealthCheck,
  platformHealthChecksExtensionPoint,
  readClusterConnections,
  readImpersonationConfig,
  readSelfServiceLimits,
} from '@platform-portal/plugin-platform-node';
import { ManifestPreview, previewLimits } from './selfService/ManifestPreview';
import { registerHealthActions } from './actions/registerHealthActions';
import { PersonKubernetesAccess } from './kubernetes/access';
import { UpstreamClients } from './clients/UpstreamClients';
import { UpstreamPolicies } from './clients/resilience/UpstreamPolicies';
import { readPlatformConfig } from './config/readPlatformConfig';
import { RemediationService } from './diagnostics/RemediationService';
import { readBackupLimits } from './backup';
import { builtInChecks } from './health/checks';
import { notificationService } from '@backstage/plugin-notifications-node';
import { FleetCertificateService } from './certificates/FleetCertificateService';
import { collectOwnerNotices } from './notifications/collectOwnerNotices';
import { scheduleOwnerNotices } from './notifications/scheduleOwnerNotices';
import { ClusterMuteStore } from './notifications/ClusterMuteStore';
import { HealthReadModel } from './health/HealthReadModel';
import { scheduleHealthRefresh } from './health/scheduleHealthRefresh';
import { startChangeDrivenRefresh } from './health/watch/startChangeDrivenRefresh';
import { healthRecorder } from './health/healthRecorder';
import { publishHealthChanges } from './health/publishHealthChanges';
import { readWatchSettings } from './config/readWatchSettings';
import { readAlertWebhookConfig } from './config/readAlertWebhookConfig';
import { ALERTS_PATH } from './routes/alertRoutes';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { AttestationStore } from './readiness/AttestationStore';
import { buildOutProbes } from './readiness/probes';
import { ReadinessService } from './readiness/ReadinessService';
import { createRouter } from './router';
import { UpgradePlanner } from './upgrades/UpgradePlanner';
import { readOwnershipConfig } from './ownership/readOwnershipConfig';
import { UpstreamOwnership } from './ownership/UpstreamOwnership';
import { HealthStore } from './store/HealthStore';

/**
 * The platform backend plugin: cluster catalog, health engine and the REST
 * API the platform frontend reads.
 *
 * @public
 */
export const platformPlugin = createBackendPlugin({
  pluginId: 'platform',
  register(env) {
    const checks: PlatformHealthCheck[] = [];
    const registry = {
      addHealthChecks(
        ...added: Array<PlatformHealthCheck | PlatformHealthCheck[]>
      ) {
        checks.push(...added.flat());
      },
    };
    env.registerExtensionPoint(platformHealthChecksExtensionPoint, registry);

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        actionsRegistry: actionsRegistryServiceRef,
        catalog: catalogServiceRef,
        cache: coreServices.cache,
        auditor: coreServices.auditor,
        userInfo: coreServices.userInfo,
        auth: coreServices.auth,
        lifecycle: coreServices.lifecycle,
        signals: signalsServiceRef,
        notifications: notificationService,
      },
      async init({
        config,
        logger,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
        database,
        scheduler,
        actionsRegistry,
        catalog,
        cache,
        auditor,
        userInfo,
        auth,
        lifecycle,
        signals,
        notifications,
      }) {
        // The permission backend learns the platform's permissions from here
        // (/.well-known/backstage/permissions/metadata).
        permissionsRegistry.addPermissions([...platformPermissions]);
        const platformConfig = readPlatformConfig(config);
        const watchSettings = readWatchSettings(config);
        const alertWebhook = readAlertWebhookConfig(config);
        const ownership = new UpstreamOwnership(readOwnershipConfig(config), {
          userInfo,
          catalog,
          auth,
        });
        if (platformConfig.simulated) {
          logger.info(
            `Platform fleet is simulated by platform-sandbox (${platformConfig.clusters.length} clusters configured)`,
          );
        }
        const clients = new UpstreamClients(
          platformConfig,
          new UpstreamPolicies(
            Object.fromEntries(
              Object.entries(platformConfig.resilience).filter(
                ([, v]) => v !== undefined,
              ),
            ),
          ),
        );
        registry.addHealthChecks(
          builtInChecks(clients, readBackupLimits(config)),
        );
        const store = await HealthStore.create(database, {
          historyDays: platformConfig.health.historyDays,
        });
        const record = healthRecorder({
          store,
          logger,
          onChanged: publishHealthChanges(signals),
        });
        const watched = startChangeDrivenRefresh({
          clusters: platformConfig.clusters,
          clients,
          checks: () => checks,
          health: platformConfig.health,
          watch: watchSettings,
          record,
          logger,
          lifecycle,
        });
        await scheduleHealthRefresh({
          scheduler,
          engine: watched.engine,
          record,
          intervalSeconds: platformConfig.health.refreshIntervalSeconds,
        });
        const health = new HealthReadModel({
          store,
          clusters: platformConfig.clusters,
          staleAfterSeconds: platformConfig.health.staleAfterSeconds,
          logger,
        });
        registerHealthActions({ actionsRegistry, health, permissions });
        const mutes = await ClusterMuteStore.create(database);
        await scheduleOwnerNotices({
          mutes,
          scheduler,
          database,
          notifications,
          logger,
          collect: collectOwnerNotices({
            clusters: platformConfig.clusters,
            health,
            certificates: new FleetCertificateService(
              clients,
              platformConfig.clusters,
            ),
            clients,
            backupLimits: readBackupLimits(config),
          }),
        });
        const readiness = new ReadinessService({
          health,
          clients,
          probes: buildOutProbes(clients),
          attestations: await AttestationStore.create(database),
          logger,
          probeCacheSeconds: config.getOptionalNumber(
            'platform.readiness.probeCacheSeconds',
          ),
        });
        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            platformConfig,
            health,
            clients,
            catalog,
            cache,
            auditor,
            readiness,
            ownership,
            mutes,
            personAccess: new PersonKubernetesAccess({
              clients,
              config: readImpersonationConfig(config),
              userInfo,
            }),
            selfServicePreview: new ManifestPreview({
              clusters: new ConfigClusterAccessService(
                readClusterConnections(config),
              ),
              limits: previewLimits(
                readSelfServiceLimits(config),
                platformConfig.resilience.timeoutMs,
              ),
            }),
            // Read after readPlatformConfig, whose errors name the key.
            remediations: new RemediationService(
              clients,
              new ConfigClusterAccessService(readClusterConnections(config)),
            ),
            upgrades: new UpgradePlanner(
              clients,
              new ConfigClusterAccessService(readClusterConnections(config)),
              platformConfig.clusters,
              async name =>
                (await health.cluster(name)).layers.flatMap(l => l.checks),
            ),
            alerts: {
              config: alertWebhook,
              recheck: (cluster, layers) =>
                watched.refresh.recheck(cluster, layers),
            },
          }),
        );
        // Alertmanager has no Backstage token: the route checks its shared secret.
        httpRouter.addAuthPolicy({
          path: ALERTS_PATH,
          allow: 'unauthenticated',
        });
      },
    });
  },
});

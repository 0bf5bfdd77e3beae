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
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { clusterAccessServiceRef } from '@platform-portal/plugin-platform-node';
import { PlatformClusterEntityProvider } from '../providers/PlatformClusterEntityProvider';
import { readIngestionOptions } from '../providers/ingestionConfig';

/**
 * Catalog module adding the platform's clusters as Resource entities.
 *
 * @public
 */
export const catalogModulePlatformClusters = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'platform-clusters',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        access: clusterAccessServiceRef,
      },
      async init({ catalog, config, logger, scheduler, lifecycle, access }) {
        const provider = new PlatformClusterEntityProvider({
          access,
          logger,
          scheduler,
          ingestion: readIngestionOptions(config),
          watch:
            config.getOptionalBoolean('platform.catalog.clusters.watch') ??
            true,
          links: {
            // People follow these links: Grafana's public address first.
            grafanaUrl:
              config.getOptionalString('platform.links.grafana.baseUrl') ??
              config.getOptionalString('platform.upstreams.grafana.url'),
            argocdUrl: config.getOptionalString(
              'platform.upstreams.argocd.url',
            ),
          },
        });
        catalog.addEntityProvider(provider);
        lifecycle.addShutdownHook(() => provider.stop());
      },
    });
  },
});

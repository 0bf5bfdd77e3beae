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
import { readPlatformConfig } from './config/readPlatformConfig';
import { createRouter } from './router';

/**
 * The platform backend plugin: cluster catalog, health engine and the REST
 * API the platform frontend reads.
 *
 * @public
 */
export const platformPlugin = createBackendPlugin({
  pluginId: 'platform',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
      },
      async init({ config, logger, httpAuth, httpRouter, permissions }) {
        const platformConfig = readPlatformConfig(config);
        if (platformConfig.simulated) {
          logger.info(
            `Platform fleet is simulated by platform-sandbox (${platformConfig.clusters.length} clusters configured)`,
          );
        }
        httpRouter.use(
          await createRouter({ httpAuth, permissions, platformConfig }),
        );
      },
    });
  },
});

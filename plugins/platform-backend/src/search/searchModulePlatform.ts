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
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import {
  PlatformClusterCollatorFactory,
  PlatformRunbookCollatorFactory,
} from './PlatformCollatorFactories';

/**
 * Search over the platform: the fleet's clusters with their current verdict
 * per layer, and the runbooks. Clusters are indexed often so a search shows
 * today's verdict; runbooks change only with a release.
 *
 * @public
 */
export const searchModulePlatformCollators = createBackendModule({
  pluginId: 'search',
  moduleId: 'platform-collators',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({ auth, discovery, scheduler, indexRegistry }) {
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner({
            frequency: { minutes: 2 },
            timeout: { minutes: 1 },
            // Time for the platform backend's first health refresh.
            initialDelay: { seconds: 20 },
          }),
          factory: new PlatformClusterCollatorFactory({ auth, discovery }),
        });
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner({
            frequency: { hours: 6 },
            timeout: { minutes: 1 },
          }),
          factory: new PlatformRunbookCollatorFactory(),
        });
      },
    });
  },
});

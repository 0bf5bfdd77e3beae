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
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { CatalogTrust } from '@platform-portal/plugin-platform-node';
import { TeamMembership } from './membership/TeamMembership';
import { PlatformPermissionPolicy } from './policy/PlatformPermissionPolicy';

const DEFAULT_PLATFORM_TEAMS = ['group:default/platform-team'];

/**
 * Installs {@link PlatformPermissionPolicy} as the permission backend's policy.
 *
 * @public
 */
export const permissionModulePlatformPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'platform-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        catalog: catalogServiceRef,
        policy: policyExtensionPoint,
      },
      async init({ config, auth, userInfo, catalog, policy }) {
        const platformTeams =
          config.getOptionalStringArray(
            'permission.platformPolicy.platformTeams',
          ) ?? DEFAULT_PLATFORM_TEAMS;
        policy.setPolicy(
          new PlatformPermissionPolicy({
            membership: new TeamMembership({
              catalog,
              auth,
              userInfo,
              trust: CatalogTrust.fromConfig(config),
            }),
            platformTeams,
          }),
        );
      },
    });
  },
});

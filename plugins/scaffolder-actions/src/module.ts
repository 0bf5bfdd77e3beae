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
import { ScmIntegrations } from '@backstage/integration';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  CatalogTrust,
  clusterAccessServiceRef,
} from '@platform-portal/plugin-platform-node';
import { createPlatformActions } from './actions';
import { checkTeamRepositoryAction } from './actions/team/checkTeamRepositoryAction';
import { readSelfServiceConfig } from './config/readSelfServiceConfig';
import { trustedTemplatesOnly } from './trust/trustedTemplates';
import { PlatformUpgradeReadiness } from './upgrades/UpgradeReadiness';

/**
 * Registers the platform's self-service actions with the scaffolder. Each
 * refuses to run in a template from a location the platform does not control.
 *
 * @public
 */
export const scaffolderModule = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'platform',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        permissions: coreServices.permissions,
        auditor: coreServices.auditor,
        clusters: clusterAccessServiceRef,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({
        scaffolderActions,
        config,
        permissions,
        auditor,
        clusters,
        discovery,
        auth,
      }) {
        const trust = CatalogTrust.fromConfig(config);
        scaffolderActions.addActions(
          ...[
            ...createPlatformActions({
              clusters,
              permissions,
              auditor,
              config: readSelfServiceConfig(config),
              upgrades: new PlatformUpgradeReadiness({ discovery, auth }),
            }),
            checkTeamRepositoryAction({
              permissions,
              auditor,
              trust,
              integrations: ScmIntegrations.fromConfig(config),
            }),
          ].map(action => trustedTemplatesOnly(action, { trust, permissions })),
        );
      },
    });
  },
});

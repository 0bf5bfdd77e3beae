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
import {
  createGitlabGroupAccessAction,
  createGitlabGroupEnsureExistsAction,
  createGitlabIssueAction,
  createGitlabProjectAccessTokenAction,
  createGitlabProjectDeployTokenAction,
  createGitlabProjectVariableAction,
  createGitlabRepoPushAction,
  createGitlabUserInfoAction,
  createPublishGitlabAction,
  createPublishGitlabMergeRequestAction,
  createTriggerGitlabPipelineAction,
  editGitlabIssueAction,
} from '@backstage/plugin-scaffolder-backend-module-gitlab';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { CatalogTrust } from '@platform-portal/plugin-platform-node';
import { trustedTemplatesOnly } from '../trust/trustedTemplates';

/**
 * The GitLab actions of `@backstage/plugin-scaffolder-backend-module-gitlab`,
 * each refusing to run in a template from a location the platform does not
 * control: they act with the portal's GitLab token, and pushing to
 * `platform/gitops-apps` changes what Argo CD deploys on every cluster.
 *
 * It takes the upstream module's place (same module id, so the backend
 * refuses to start with both). The upstream module's autocomplete provider
 * is not public API and is left out: RepoUrlPicker offers the owners the
 * template lists in `allowedOwners`.
 *
 * @public
 */
export const scaffolderModuleTrustedGitlab = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'gitlab',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        permissions: coreServices.permissions,
      },
      async init({ scaffolder, config, permissions }) {
        const integrations = ScmIntegrations.fromConfig(config);
        const requireScmUserCredentials =
          config.getOptionalBoolean('scaffolder.requireScmUserCredentials') ??
          false;
        const options = { integrations, requireScmUserCredentials };
        const deps = { trust: CatalogTrust.fromConfig(config), permissions };
        scaffolder.addActions(
          ...[
            createPublishGitlabAction({ integrations, config }),
            createGitlabRepoPushAction(options),
            createPublishGitlabMergeRequestAction(options),
            createGitlabGroupEnsureExistsAction(options),
            createGitlabGroupAccessAction(options),
            createGitlabIssueAction(options),
            editGitlabIssueAction(options),
            createGitlabProjectAccessTokenAction(options),
            createGitlabProjectDeployTokenAction(options),
            createGitlabProjectVariableAction(options),
            createTriggerGitlabPipelineAction(options),
            createGitlabUserInfoAction({ integrations }),
          ].map(action => trustedTemplatesOnly(action, deps)),
        );
      },
    });
  },
});

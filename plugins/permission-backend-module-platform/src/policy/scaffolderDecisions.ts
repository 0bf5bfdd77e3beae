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
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createScaffolderActionConditionalDecision,
  createScaffolderTaskConditionalDecision,
  createScaffolderTemplateConditionalDecision,
  scaffolderActionConditions,
  scaffolderTaskConditions,
  scaffolderTemplateConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import {
  actionExecutePermission,
  taskCancelPermission,
  taskReadPermission,
  templateDryRunPermission,
  templateManagementPermission,
  templateParameterReadPermission,
  templateStepReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';

/**
 * The scaffolder actions app teams' tasks may run. Anything else (other
 * GitLab actions such as gitlab:repo:push, catalog:write, cluster changes)
 * only runs for the platform team. Which templates may use these at all is
 * decided by where the template comes from: the catalog accepts Templates
 * only from locations the platform controls, and the platform and GitLab
 * actions refuse any other template.
 */
export const APP_TEAM_SCAFFOLDER_ACTIONS = [
  'fetch:template',
  'fetch:template:file',
  'fetch:plain',
  'fetch:plain:file',
  'debug:log',
  'publish:gitlab',
  'catalog:register',
  'platform:team:check-repository',
  'platform:namespace:create',
  'platform:httproute:create',
  'platform:certificate:create',
  'platform:volume:create',
  'platform:argocd:create-app',
];

/**
 * Template parameters and steps tagged with this
 * (`backstage:permissions: { tags: [platform-team] }`) are shown to and run
 * for the platform team only; the scaffolder drops the others' steps.
 */
export const PLATFORM_TEAM_TAG = 'platform-team';

/**
 * The scaffolder permissions this policy decides. Template management is
 * what the scaffolder's authoring pages (the template editor, and in this
 * app the installed actions and templating extensions) ask for.
 */
const SCAFFOLDER_PERMISSIONS = [
  templateDryRunPermission,
  templateManagementPermission,
  actionExecutePermission,
  templateParameterReadPermission,
  templateStepReadPermission,
  taskReadPermission,
  taskCancelPermission,
];

/**
 * The decision for a scaffolder permission, or undefined for any other.
 */
export function scaffolderDecision(
  permission: Permission,
  isPlatformTeam: boolean,
  userEntityRef: string,
): PolicyDecision | undefined {
  if (!SCAFFOLDER_PERMISSIONS.some(p => isPermission(permission, p))) {
    return undefined;
  }
  if (isPlatformTeam) {
    return { result: AuthorizeResult.ALLOW };
  }
  // A dry run takes its template from the request, not from the catalog;
  // writing templates is the platform team's.
  if (
    isPermission(permission, templateDryRunPermission) ||
    isPermission(permission, templateManagementPermission)
  ) {
    return { result: AuthorizeResult.DENY };
  }
  // Another person's task holds their parameters and logs: each sees and
  // cancels their own.
  if (isResourcePermission(permission, 'scaffolder-task')) {
    return createScaffolderTaskConditionalDecision(
      permission,
      scaffolderTaskConditions.isTaskOwner({ createdBy: [userEntityRef] }),
    );
  }
  if (isResourcePermission(permission, 'scaffolder-action')) {
    const [first, ...rest] = APP_TEAM_SCAFFOLDER_ACTIONS.map(actionId =>
      scaffolderActionConditions.hasActionId({ actionId }),
    );
    return createScaffolderActionConditionalDecision(permission, {
      anyOf: [first, ...rest],
    });
  }
  if (isResourcePermission(permission, 'scaffolder-template')) {
    return createScaffolderTemplateConditionalDecision(permission, {
      not: scaffolderTemplateConditions.hasTag({ tag: PLATFORM_TEAM_TAG }),
    });
  }
  return { result: AuthorizeResult.DENY };
}

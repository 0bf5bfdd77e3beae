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

import { parseEntityRef } from '@backstage/catalog-model';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityDeletePermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isResourcePermission,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  platformArgocdRollbackPermission,
  platformArgocdSyncPermission,
  platformClusterProvisionPermission,
  platformHealthReadPermission,
  platformNamespaceWritePermission,
  platformSelfServicePermission,
} from '@platform-portal/plugin-platform-common';
import { scaffolderDecision } from './scaffolderDecisions';

/**
 * Resolves the refs (user and groups) a signed-in user acts as.
 *
 * @public
 */
export interface OwnershipResolver {
  ownershipRefs(credentials: PolicyQueryUser['credentials']): Promise<string[]>;
}

/** @public */
export interface PlatformPermissionPolicyOptions {
  membership: OwnershipResolver;
  /** Group refs whose members run the platform itself. */
  platformTeams: string[];
}

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/** Team-scoped permissions: allowed on what the user's groups own. */
const OWNED_ENTITY_PERMISSIONS = new Set([
  platformArgocdSyncPermission.name,
  platformArgocdRollbackPermission.name,
  platformNamespaceWritePermission.name,
  catalogEntityDeletePermission.name,
]);

/**
 * The portal's permission policy.
 *
 * - Everyone signed in reads health and the catalog, and may open self-service.
 * - Members of a platform team may do everything, including provisioning
 *   clusters, which nobody else may do.
 * - App teams act only on entities their groups own (ArgoCD sync and
 *   rollback, deleting catalog entities) and on the namespaces of their own
 *   groups.
 * - Scaffolder: app teams run only the actions their templates need, never
 *   dry-run, see only their own tasks and none of the template-authoring
 *   pages (see scaffolderDecisions.ts).
 * - Permissions of other plugins stay allowed for signed-in users, as before
 *   this policy existed.
 *
 * @public
 */
export class PlatformPermissionPolicy implements PermissionPolicy {
  private readonly platformTeams: Set<string>;

  constructor(private readonly options: PlatformPermissionPolicyOptions) {
    this.platformTeams = new Set(
      options.platformTeams.map(ref => ref.toLocaleLowerCase('en-US')),
    );
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    // Backstage decides service principals from their access restrictions
    // alone and never asks the policy, so the platform's write routes check
    // those restrictions themselves; whatever else arrives here without a
    // user principal is refused.
    if (
      !user ||
      (user.credentials.principal as { type?: string }).type !== 'user'
    ) {
      return DENY;
    }
    const { permission } = request;

    if (
      permission.name === platformHealthReadPermission.name ||
      permission.name === platformSelfServicePermission.name
    ) {
      return ALLOW;
    }

    const refs = await this.options.membership.ownershipRefs(user.credentials);
    const isPlatformTeam = refs.some(ref => this.platformTeams.has(ref));

    if (permission.name === platformClusterProvisionPermission.name) {
      return isPlatformTeam ? ALLOW : DENY;
    }

    const scaffolder = scaffolderDecision(
      permission,
      isPlatformTeam,
      user.info.userEntityRef,
    );
    if (scaffolder) {
      return scaffolder;
    }

    if (OWNED_ENTITY_PERMISSIONS.has(permission.name)) {
      if (isPlatformTeam) {
        return ALLOW;
      }
      if (!isResourcePermission(permission, 'catalog-entity')) {
        return DENY;
      }
      return createCatalogConditionalDecision(
        permission,
        ownedBy(
          refs,
          permission.name === platformNamespaceWritePermission.name,
        ),
      );
    }

    return ALLOW;
  }
}

/**
 * Entities owned by one of `refs`; with `includeGroups`, also the groups in
 * `refs` themselves (a namespace is addressed through the group owning it).
 */
function ownedBy(
  refs: string[],
  includeGroups: boolean,
): PermissionCriteria<PermissionCondition<'catalog-entity'>> {
  const criteria: [
    PermissionCriteria<PermissionCondition<'catalog-entity'>>,
    ...PermissionCriteria<PermissionCondition<'catalog-entity'>>[],
  ] = [catalogConditions.isEntityOwner({ claims: refs })];
  if (includeGroups) {
    for (const ref of refs) {
      const { kind, namespace, name } = parseEntityRef(ref);
      if (kind === 'group') {
        criteria.push({
          allOf: [
            catalogConditions.isEntityKind({ kinds: ['Group'] }),
            catalogConditions.hasMetadata({
              key: 'namespace',
              value: namespace,
            }),
            catalogConditions.hasMetadata({ key: 'name', value: name }),
          ],
        });
      }
    }
  }
  return { anyOf: criteria };
}

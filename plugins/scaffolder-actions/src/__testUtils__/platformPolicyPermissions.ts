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
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
  PermissionCondition,
  PermissionCriteria,
} from '@backstage/plugin-permission-common';
import { PlatformPermissionPolicy } from '@platform-portal/plugin-permission-backend-module-platform';

const rulesByName = new Map<
  string,
  { apply(entity: Entity, params: any): boolean }
>(Object.values(permissionRules).map(rule => [rule.name, rule as any]));

/** Users the test has made, by ref, with the groups they are members of. */
const memberships = new Map<string, string[]>();

/** Records a user so the policy sees its groups when it runs an action. */
export function rememberMembership(userRef: string, groups: string[]) {
  memberships.set(
    userRef.toLocaleLowerCase('en-US'),
    groups.map(group => `group:default/${group}`.toLocaleLowerCase('en-US')),
  );
}

/**
 * The portal's real permission policy, answering for the users the test made,
 * with conditional decisions resolved by the catalog's own permission rules
 * against the resource (the catalog plugin does this in the running portal).
 */
export function platformPolicyDecisions() {
  const policy = new PlatformPermissionPolicy({
    platformTeams: ['group:default/platform-team'],
    membership: {
      async ownershipRefs(credentials) {
        const { userEntityRef } = (
          credentials as BackstageCredentials<BackstageUserPrincipal>
        ).principal;
        const ref = userEntityRef.toLocaleLowerCase('en-US');
        return [ref, ...(memberships.get(ref) ?? [])];
      },
    },
  });
  return async (
    requests: AuthorizePermissionRequest[],
    options?: { credentials: BackstageCredentials },
  ) =>
    Promise.all(
      requests.map(async request => {
        const user = options?.credentials as
          | BackstageCredentials<BackstageUserPrincipal>
          | undefined;
        if (user?.principal.type !== 'user') {
          return { result: AuthorizeResult.DENY };
        }
        const decision = await policy.handle(
          { permission: request.permission },
          {
            credentials: user,
            info: {
              userEntityRef: user.principal.userEntityRef,
              ownershipEntityRefs: [],
            },
          },
        );
        if (decision.result !== AuthorizeResult.CONDITIONAL) {
          return { result: decision.result };
        }
        const allowed =
          request.resourceRef !== undefined &&
          matches(decision.conditions as any, entityOf(request.resourceRef));
        return {
          result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
        };
      }),
    );
}

function entityOf(ref: string): Entity {
  const { kind, namespace, name } = parseEntityRef(ref);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: kind.charAt(0).toLocaleUpperCase('en-US') + kind.slice(1),
    metadata: { name, namespace },
    relations: [],
  };
}

function matches(
  criteria: PermissionCriteria<PermissionCondition>,
  entity: Entity,
): boolean {
  if ('anyOf' in criteria) {
    return criteria.anyOf.some(c => matches(c, entity));
  }
  if ('allOf' in criteria) {
    return criteria.allOf.every(c => matches(c, entity));
  }
  if ('not' in criteria) {
    return !matches(criteria.not, entity);
  }
  const rule = rulesByName.get(criteria.rule);
  if (!rule) {
    throw new Error(`No catalog permission rule ${criteria.rule}`);
  }
  return rule.apply(entity, criteria.params);
}

/**
 * The portal's real policy for `authorizeConditional`: conditional decisions
 * are returned as they are, for the plugin asking (the scaffolder) to apply
 * with its own permission rules, as the permission backend does.
 */
export function platformPolicyConditionalDecisions() {
  const policy = new PlatformPermissionPolicy({
    platformTeams: ['group:default/platform-team'],
    membership: {
      async ownershipRefs(credentials) {
        const { userEntityRef } = (
          credentials as BackstageCredentials<BackstageUserPrincipal>
        ).principal;
        const ref = userEntityRef.toLocaleLowerCase('en-US');
        return [ref, ...(memberships.get(ref) ?? [])];
      },
    },
  });
  return async (
    requests: Array<{ permission: AuthorizePermissionRequest['permission'] }>,
    options?: { credentials: BackstageCredentials },
  ): Promise<any[]> =>
    Promise.all(
      requests.map(async request => {
        const user = options?.credentials as
          | BackstageCredentials<BackstageUserPrincipal>
          | undefined;
        if (user?.principal.type !== 'user') {
          return { result: AuthorizeResult.DENY };
        }
        return policy.handle(
          { permission: request.permission },
          {
            credentials: user,
            info: {
              userEntityRef: user.principal.userEntityRef,
              ownershipEntityRefs: [],
            },
          },
        );
      }),
    );
}

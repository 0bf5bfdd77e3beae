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
  AuditorService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  stringifyEntityRef,
  UserEntity,
} from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  platformNamespaceWritePermission,
  platformSelfServicePermission,
} from '@platform-portal/plugin-platform-common';
import { JsonObject } from '@backstage/types';
import { ActionContext } from '@backstage/plugin-scaffolder-node';

/** Services every self-service action needs to decide and record who did what. */
export interface SelfServiceDeps {
  permissions: PermissionsService;
  auditor?: AuditorService;
}

type AnyContext = ActionContext<any, any>;

/** Group refs (`group:default/team-a`) the task's user belongs to, from the catalog. */
export function groupsOf(user: UserEntity | undefined): Set<string> {
  const refs = new Set<string>();
  for (const ref of user?.spec?.memberOf ?? []) {
    refs.add(
      stringifyEntityRef(
        parseEntityRef(ref, {
          defaultKind: 'group',
          defaultNamespace: 'default',
        }),
      ),
    );
  }
  for (const relation of user?.relations ?? []) {
    if (relation.type === 'memberOf')
      refs.add(relation.targetRef.toLocaleLowerCase('en-US'));
  }
  return refs;
}

export function groupRef(name: string): string {
  return stringifyEntityRef({ kind: 'group', namespace: 'default', name });
}

/** Checks a permission with the initiator's own credentials. */
async function requirePermission(
  ctx: AnyContext,
  deps: SelfServiceDeps,
  request: {
    permission: BasicPermission | ResourcePermission;
    resourceRef?: string;
  },
): Promise<void> {
  const credentials = await ctx.getInitiatorCredentials();
  const [decision] = await deps.permissions.authorize(
    [request as AuthorizePermissionRequest],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `You are not allowed to do this: permission ${request.permission.name}${
        request.resourceRef ? ` on ${request.resourceRef}` : ''
      } was denied`,
    );
  }
}

/**
 * The user may act for `team` when the permission framework allows
 * self-service and writing the team's namespaces (the resource is the team's
 * catalog Group), and they are a member of the team or of the platform team.
 */
export async function authorizeForTeam(
  ctx: AnyContext,
  deps: SelfServiceDeps,
  options: { team: string; platformTeam: string },
): Promise<void> {
  await requirePermission(ctx, deps, {
    permission: platformSelfServicePermission,
  });
  await requirePermission(ctx, deps, {
    permission: platformNamespaceWritePermission,
    resourceRef: groupRef(options.team),
  });
  const groups = groupsOf(ctx.user?.entity);
  if (
    !groups.has(groupRef(options.team)) &&
    !groups.has(groupRef(options.platformTeam))
  ) {
    throw new NotAllowedError(
      `${ctx.user?.ref ?? 'The user running this task'} is not a member of ${
        options.team
      }`,
    );
  }
}

/** Only members of the platform team, and only when the permission framework agrees. */
export async function authorizePlatformTeam(
  ctx: AnyContext,
  deps: SelfServiceDeps,
  options: { platformTeam: string; permission: BasicPermission },
): Promise<void> {
  await requirePermission(ctx, deps, { permission: options.permission });
  if (!groupsOf(ctx.user?.entity).has(groupRef(options.platformTeam))) {
    throw new NotAllowedError(
      `${ctx.user?.ref ?? 'The user running this task'} is not a member of ${
        options.platformTeam
      }`,
    );
  }
}

/** Runs a write and records who did what, where, and whether it worked. */
export async function audited<T>(
  ctx: AnyContext,
  deps: SelfServiceDeps,
  eventId: string,
  meta: JsonObject,
  write: () => Promise<T>,
): Promise<T> {
  const event = await deps.auditor?.createEvent({
    eventId,
    severityLevel: 'medium',
    meta: {
      ...meta,
      actor: ctx.user?.ref ?? 'unknown',
      taskId: ctx.task?.id ?? 'unknown',
      dryRun: !!ctx.isDryRun,
    },
  });
  try {
    const result = await write();
    await event?.success();
    return result;
  } catch (error) {
    await event?.fail({ error: error as Error });
    throw error;
  }
}

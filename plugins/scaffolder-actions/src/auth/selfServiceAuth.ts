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
import { stringifyEntityRef } from '@backstage/catalog-model';
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

/**
 * Services every self-service action needs to decide and record who did what.
 *
 * @public
 */
export interface SelfServiceDeps {
  permissions: PermissionsService;
  auditor?: AuditorService;
}

type AnyContext = ActionContext<any, any>;

export function groupRef(name: string): string {
  return stringifyEntityRef({ kind: 'group', namespace: 'default', name });
}

/**
 * Asks the permission framework with the initiator's own credentials, so the
 * policy decides from the signed-in user's identity and groups, not the
 * scaffolder's service identity.
 */
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
      `${
        ctx.user?.ref ?? 'The user running this task'
      } is not allowed to do this: permission ${request.permission.name}${
        request.resourceRef ? ` on ${request.resourceRef}` : ''
      } was denied`,
    );
  }
}

/**
 * The user may act for `team` when the permission framework allows
 * self-service and writing the team's namespaces. The resource is the team's
 * catalog Group; the policy decides by membership (the team's members and the
 * platform team may).
 */
export async function authorizeForTeam(
  ctx: AnyContext,
  deps: SelfServiceDeps,
  options: { team: string },
): Promise<void> {
  await requirePermission(ctx, deps, {
    permission: platformSelfServicePermission,
  });
  await requirePermission(ctx, deps, {
    permission: platformNamespaceWritePermission,
    resourceRef: groupRef(options.team),
  });
}

/** Cluster changes: the policy allows them to the platform team only. */
export async function authorizePlatformTeam(
  ctx: AnyContext,
  deps: SelfServiceDeps,
  options: { permission: BasicPermission },
): Promise<void> {
  await requirePermission(ctx, deps, { permission: options.permission });
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

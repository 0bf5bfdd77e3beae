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

import { PermissionsService } from '@backstage/backend-plugin-api';
import { ANNOTATION_ORIGIN_LOCATION } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ActionContext,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { CatalogTrust } from '@platform-portal/plugin-platform-node';
import { platformClusterProvisionPermission } from '@platform-portal/plugin-platform-common';

/** The ref the scaffolder gives a dry run, whose template comes from the request. */
const DRY_RUN_TEMPLATE = 'template:default/dry-run';

export interface TemplateTrustDeps {
  trust: CatalogTrust;
  permissions: PermissionsService;
}

/**
 * Refuses to run unless the task's template comes from a location the
 * platform controls. The scaffolder's permission rules for actions see only
 * the action id and its input, never the template, so the check sits here.
 *
 * A real run's template metadata is the catalog entity's, whose origin
 * annotation the catalog sets; a dry run's is whatever the request sent, so
 * it runs only for the platform team (platform.cluster.provision).
 */
export async function requireTrustedTemplate(
  ctx: ActionContext<any, any, any>,
  actionId: string,
  deps: TemplateTrustDeps,
): Promise<void> {
  const info = ctx.templateInfo;
  if (info?.entityRef === DRY_RUN_TEMPLATE) {
    const [decision] = await deps.permissions.authorize(
      [{ permission: platformClusterProvisionPermission }],
      { credentials: await ctx.getInitiatorCredentials() },
    );
    if (decision.result === AuthorizeResult.ALLOW) {
      return;
    }
    throw new NotAllowedError(
      `${actionId} refused by the trusted-template rule: a dry run's template comes from the request, and only the platform team (permission ${platformClusterProvisionPermission.name}) may dry-run ${actionId}`,
    );
  }
  const origin = info?.entity?.metadata?.annotations?.[
    ANNOTATION_ORIGIN_LOCATION
  ] as string | undefined;
  if (!deps.trust.isTrustedOrigin(origin)) {
    throw new NotAllowedError(
      `${actionId} refused by the trusted-template rule: template ${
        info?.entityRef ?? '(none)'
      } comes from ${
        origin ?? 'an unknown location'
      }, not from a location the platform controls (catalog.locations, platform.catalog.trustedLocations)`,
    );
  }
}

/**
 * The scaffolder writes a failed step's `error.stack` to the task log its
 * user reads: keep the name and message, drop the frames and file paths.
 */
function withoutFrames(error: unknown): unknown {
  if (error instanceof Error) {
    try {
      error.stack = `${error.name}: ${error.message}`;
    } catch {
      // A frozen error keeps its stack.
    }
  }
  return error;
}

/**
 * The action, refusing to run in a template from an untrusted location; its
 * errors reach the task log without stack frames.
 */
export function trustedTemplatesOnly<T extends TemplateAction<any, any, any>>(
  action: T,
  deps: TemplateTrustDeps,
): T {
  return {
    ...action,
    async handler(ctx: ActionContext<any, any, any>) {
      try {
        await requireTrustedTemplate(ctx, action.id, deps);
        await action.handler(ctx);
      } catch (error) {
        throw withoutFrames(error);
      }
    },
  };
}

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

import { InputError } from '@backstage/errors';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import {
  checkNamespaceOwnership,
  ClusterAccessService,
  ClusterObjects,
  requireCluster,
  TeamTarget,
  writableClusterObjects,
} from '@platform-portal/plugin-platform-node';
import { authorizeForTeam, SelfServiceDeps } from '../auth/selfServiceAuth';
import { SelfServiceConfig } from '../config/readSelfServiceConfig';
import { UpgradeReadiness } from '../upgrades/UpgradeReadiness';

// The target and the ownership check live with the manifests they guard.
export {
  parseTeamTarget,
  refuseOtherOwners,
} from '@platform-portal/plugin-platform-node';
export type { TeamTarget } from '@platform-portal/plugin-platform-node';

/**
 * What every platform action is built from.
 *
 * @public
 */
export interface PlatformActionOptions extends SelfServiceDeps {
  clusters: ClusterAccessService;
  config: SelfServiceConfig;
  /** The upgrade planner's blockers; `platform:cluster:upgrade` refuses to run without it. */
  upgrades?: UpgradeReadiness;
}

/**
 * After the input is validated: the cluster must be a configured workload
 * cluster, the user must act for the team, and the namespace must exist and
 * belong to the team. Returns the client that writes there.
 */
export async function openTeamNamespace(
  ctx: ActionContext<any, any>,
  options: PlatformActionOptions,
  target: TeamTarget,
  /** Told the client once the user may act for the team, before anything is read. */
  onAuthorized?: (objects: ClusterObjects) => void,
): Promise<ClusterObjects> {
  requireCluster(options.clusters, target.cluster, { management: false });
  await authorizeForTeam(ctx, options, { team: target.team });
  const objects = writableClusterObjects(
    options.clusters,
    target.cluster,
    options.config,
  );
  onAuthorized?.(objects);
  const exists = await checkNamespaceOwnership(
    objects,
    target.namespace,
    target.team,
  );
  if (!exists && !ctx.isDryRun) {
    throw new InputError(
      `namespace: "${target.namespace}" does not exist on cluster ${target.cluster}; create it with platform:namespace:create first`,
    );
  }
  if (!exists) {
    // In a template's dry run the namespace step before this one did not
    // really create it; the API server cannot check objects inside it.
    ctx.logger.warn(
      `Namespace ${target.namespace} does not exist yet on ${target.cluster}; a real run needs an earlier step to create it`,
    );
    objects.pendingNamespaces.add(target.namespace);
  }
  return objects;
}

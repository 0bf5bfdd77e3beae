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

import { ConflictError, InputError } from '@backstage/errors';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { ClusterAccessService } from '@platform-portal/plugin-platform-node';
import { authorizeForTeam, SelfServiceDeps } from '../auth/selfServiceAuth';
import { SelfServiceConfig } from '../config/readSelfServiceConfig';
import { ClusterObjects, writableClusterObjects } from '../kube/ClusterObjects';
import {
  checkNamespaceOwnership,
  namespaceOwner,
  requireCluster,
} from '../kube/teamNamespace';
import { UpgradeReadiness } from '../upgrades/UpgradeReadiness';
import { requireDnsLabel } from '../validation';

/** What every platform action is built from. */
export interface PlatformActionOptions extends SelfServiceDeps {
  clusters: ClusterAccessService;
  config: SelfServiceConfig;
  /** The upgrade planner's blockers; `platform:cluster:upgrade` refuses to run without it. */
  upgrades?: UpgradeReadiness;
}

/** Where a team action writes: a workload cluster and a namespace the team owns. */
export interface TeamTarget {
  cluster: string;
  namespace: string;
  team: string;
}

/** Validates the fields every team action shares. */
export function parseTeamTarget(input: Record<string, unknown>): TeamTarget {
  return {
    cluster: requireDnsLabel('cluster', input.cluster),
    namespace: requireDnsLabel('namespace', input.namespace),
    team: requireDnsLabel('team', input.team),
  };
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
): Promise<ClusterObjects> {
  requireCluster(options.clusters, target.cluster, { management: false });
  await authorizeForTeam(ctx, options, { team: target.team });
  const objects = writableClusterObjects(
    options.clusters,
    target.cluster,
    options.config,
  );
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

/**
 * Refuses to touch an object of that name that exists but is not managed
 * for the team: an action never takes over someone else's object.
 */
export async function refuseOtherOwners(
  objects: ClusterObjects,
  object: { apiVersion: string; kind: string; name: string },
  target: TeamTarget,
): Promise<void> {
  const existing = await objects.read(
    object.apiVersion,
    object.kind,
    object.name,
    target.namespace,
  );
  if (existing && namespaceOwner(existing.metadata?.labels) !== target.team) {
    throw new ConflictError(
      `name: ${object.kind} "${object.name}" already exists in ${target.namespace} and is not managed for ${target.team}`,
    );
  }
}

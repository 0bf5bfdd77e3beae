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
import { namespaceOwner } from '@platform-portal/plugin-platform-common';
import { ClusterAccessService, PlatformCluster } from '../../clusters';
import { ClusterObjects } from './ClusterObjects';

/**
 * The configured cluster with this name, as an InputError on the `cluster` field otherwise.
 *
 * @public
 */
export function requireCluster(
  clusters: ClusterAccessService,
  name: string,
  options: { field?: string; management?: boolean } = {},
): PlatformCluster {
  const field = options.field ?? 'cluster';
  const cluster = clusters.listClusters().find(c => c.name === name);
  if (!cluster)
    throw new InputError(
      `${field}: cluster "${name}" is not one of the platform's clusters`,
    );
  if (
    options.management !== undefined &&
    cluster.management !== options.management
  ) {
    throw new InputError(
      options.management
        ? `${field}: cluster "${name}" is not a Cluster API management cluster`
        : `${field}: cluster "${name}" is a management cluster; team workloads run on workload clusters`,
    );
  }
  return cluster;
}

/**
 * Returns whether the namespace exists; throws when it exists but belongs to
 * another team or to nobody (system and platform namespaces).
 *
 * @public
 */
export async function checkNamespaceOwnership(
  objects: ClusterObjects,
  namespace: string,
  team: string,
): Promise<boolean> {
  const existing = await objects.read('v1', 'Namespace', namespace);
  if (!existing) return false;
  const owner = namespaceOwner(existing.metadata?.labels);
  if (owner === undefined) {
    throw new ConflictError(
      `namespace: "${namespace}" already exists on cluster ${objects.cluster} and is not a team namespace`,
    );
  }
  if (owner !== team) {
    throw new ConflictError(
      `namespace: "${namespace}" on cluster ${objects.cluster} belongs to ${owner}, not ${team}`,
    );
  }
  return true;
}

/**
 * Refuses to touch an object of that name that exists but is not managed
 * for the team: an action never takes over someone else's object.
 *
 * @public
 */
export async function refuseOtherOwners(
  objects: ClusterObjects,
  object: { apiVersion: string; kind: string; name: string },
  target: { namespace: string; team: string },
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

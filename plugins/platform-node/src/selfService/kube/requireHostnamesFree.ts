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

import { ConflictError } from '@backstage/errors';
import { ClusterAccessService } from '../../clusters';
import { ClusterObjects } from './ClusterObjects';

/**
 * The cluster as the portal's reader sees it. Checks that look across
 * namespaces read with it: the write token may be confined to the team's
 * namespace (a real API server refuses it a cluster-wide list).
 *
 * @public
 */
export function clusterReader(
  clusters: ClusterAccessService,
  cluster: string,
): ClusterObjects {
  return new ClusterObjects(cluster, clusters.kubeConfig(cluster, 'read'));
}

/**
 * A hostname served by a route in another namespace belongs to someone else:
 * a second route would take over part of their traffic, and a certificate
 * for it would let another team impersonate them. `reader` lists the routes
 * of every namespace (see clusterReader).
 *
 * @public
 */
export async function requireHostnamesFree(
  reader: ClusterObjects,
  request: { namespace: string; hostnames: string[]; field: string },
): Promise<void> {
  const routes = await reader.list('gateway.networking.k8s.io/v1', 'HTTPRoute');
  for (const route of routes) {
    if (route.metadata?.namespace === request.namespace) continue;
    const taken = (
      (route as { spec?: { hostnames?: string[] } }).spec?.hostnames ?? []
    ).filter(h => request.hostnames.includes(h));
    if (taken.length > 0) {
      throw new ConflictError(
        `${request.field}: ${taken.join(', ')} already served by HTTPRoute ${
          route.metadata?.namespace
        }/${route.metadata?.name} of another namespace`,
      );
    }
  }
}

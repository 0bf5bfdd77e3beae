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

import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATIONS,
  ClusterReadError,
} from '@platform-portal/plugin-platform-common';
import { UpstreamClients } from '../../clients/UpstreamClients';
import { KubeObject } from '../../health/checks/support';
import { annotationOf } from './entityAnnotations';
import { parseLabelSelector } from './labelSelector';
import { SharedReadCache } from './SharedReadCache';

/** What the entity pages need of a Deployment: where it is, its labels and images. */
export interface WorkloadSummary {
  cluster: string;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  images: string[];
}

/**
 * The entity's Deployments on every configured cluster, matched the way the
 * official Kubernetes plugin matches them: `backstage.io/kubernetes-label-selector`
 * or else the `backstage.io/kubernetes-id` label, within
 * `backstage.io/kubernetes-namespace` when set. Each cluster's list is cached
 * once for all entities; an unreachable cluster is reported, not fatal.
 */
export async function entityWorkloads(
  entity: Entity,
  clients: UpstreamClients,
  clusters: string[],
  cache: SharedReadCache,
): Promise<{ workloads: WorkloadSummary[]; errors: ClusterReadError[] }> {
  const selector =
    annotationOf(entity, ANNOTATIONS.kubernetesLabelSelector) ??
    (annotationOf(entity, ANNOTATIONS.kubernetesId)
      ? `${ANNOTATIONS.kubernetesId}=${annotationOf(
          entity,
          ANNOTATIONS.kubernetesId,
        )}`
      : undefined);
  if (!selector) {
    return { workloads: [], errors: [] };
  }
  const matches = parseLabelSelector(selector);
  const namespace = annotationOf(entity, ANNOTATIONS.kubernetesNamespace);
  const workloads: WorkloadSummary[] = [];
  const errors: ClusterReadError[] = [];
  await Promise.all(
    clusters.map(async cluster => {
      try {
        const all = await cache.read(`k8s:deployments:${cluster}`, () =>
          deploymentsOf(clients, cluster),
        );
        workloads.push(
          ...all.filter(
            w => matches(w.labels) && (!namespace || w.namespace === namespace),
          ),
        );
      } catch (error) {
        errors.push({
          cluster,
          message: error instanceof Error ? error.message : String(error),
        });
      }
    }),
  );
  const byName = (a: { cluster: string }, b: { cluster: string }) =>
    a.cluster.localeCompare(b.cluster);
  return { workloads: workloads.sort(byName), errors: errors.sort(byName) };
}

async function deploymentsOf(
  clients: UpstreamClients,
  cluster: string,
): Promise<WorkloadSummary[]> {
  const { items } = await clients
    .kubernetes(cluster)!
    .list<KubeObject>('apps/v1', 'Deployment');
  return items.map(d => ({
    cluster,
    namespace: d.metadata?.namespace ?? '',
    name: d.metadata?.name ?? '',
    labels: d.metadata?.labels ?? {},
    images: (
      (d.spec?.template?.spec?.containers ?? []) as Array<{ image?: string }>
    )
      .map(c => c.image)
      .filter((i): i is string => Boolean(i)),
  }));
}

/** `registry.example/team/app:1.2.3@sha256:…` -> `{ repository: 'team/app', tag: '1.2.3' }`. */
export function parseImage(image: string): {
  repository: string;
  tag?: string;
} {
  const withoutDigest = image.split('@')[0];
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const tag = colon > slash ? withoutDigest.slice(colon + 1) : undefined;
  const name = colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
  const parts = name.split('/');
  // The first part is a registry host when it has a dot or a port, or is localhost.
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost')) {
    parts.shift();
  }
  return { repository: parts.join('/'), tag };
}

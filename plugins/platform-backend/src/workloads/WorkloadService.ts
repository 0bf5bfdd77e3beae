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
import { InputError, NotFoundError } from '@backstage/errors';
import {
  ANNOTATIONS,
  ClusterReadError,
  ClusterWorkloads,
  EntityWorkloadsResponse,
  WorkloadKind,
} from '@platform-portal/plugin-platform-common';
import { NamespacedKubernetesReader } from '../clients/kubernetes/NamespacedKubernetesReader';
import { UpstreamClients } from '../clients/UpstreamClients';
import { AnyObject } from '../diagnostics/kubeObjects';
import { namespaceOwnerGroup } from '../ownership/namespaceOwnerGroup';
import { Actor, UpstreamOwnership } from '../ownership/UpstreamOwnership';
import {
  annotationOf,
  notConfigured,
} from '../routes/entity/entityAnnotations';
import { enrichFindings } from './enrichFindings';
import { eventsAbout } from './events';
import { findingsOf } from './findings';
import { podOf } from './pods';
import { autoscalerFor, rolloutOf } from './rollouts';

/**
 * As whom a request reads a cluster: the portal's own token, or (per
 * request) a signed-in person's identity. Every Kubernetes read of the
 * Workloads tab goes through one of these.
 */
export type WorkloadReaderFor = (
  cluster: string,
) => NamespacedKubernetesReader | undefined;

/** Reads as the portal's service account. */
export function portalReaders(clients: UpstreamClients): WorkloadReaderFor {
  return cluster => clients.kubernetes(cluster)?.namespaced();
}

const KINDS: Array<[WorkloadKind, string]> = [
  ['Deployment', 'apps/v1'],
  ['StatefulSet', 'apps/v1'],
  ['DaemonSet', 'apps/v1'],
];

/** The entity's workloads: its label selector and namespace, from its annotations. */
export function workloadSelectorOf(
  entity: Entity,
): { selector: string; namespace: string } | undefined {
  const id = annotationOf(entity, ANNOTATIONS.kubernetesId);
  const selector =
    annotationOf(entity, ANNOTATIONS.kubernetesLabelSelector) ??
    (id ? `${ANNOTATIONS.kubernetesId}=${id}` : undefined);
  const namespace = annotationOf(entity, ANNOTATIONS.kubernetesNamespace);
  return selector && namespace ? { selector, namespace } : undefined;
}

type OwnerReference = { kind?: string; name?: string };

const ownerName = (o: AnyObject, kind: string): string | undefined =>
  (
    (o.metadata as { ownerReferences?: OwnerReference[] } | undefined)
      ?.ownerReferences ?? []
  ).find(r => r.kind === kind)?.name;

function workloadOwnerOf(replicaSets: AnyObject[]) {
  return (pod: AnyObject): string | undefined => {
    const rs = ownerName(pod, 'ReplicaSet');
    if (rs) {
      const deployment = ownerName(
        replicaSets.find(r => r.metadata?.name === rs) ?? {},
        'Deployment',
      );
      return deployment ? `Deployment/${deployment}` : `ReplicaSet/${rs}`;
    }
    for (const kind of ['StatefulSet', 'DaemonSet']) {
      const name = ownerName(pod, kind);
      if (name) return `${kind}/${name}`;
    }
    return undefined;
  };
}

const errorsFirst = (c: ClusterWorkloads) =>
  c.findings.filter(f => f.severity === 'error').length;

/**
 * A component's workloads on every cluster, with what is wrong and what to
 * do. The catalog's annotations select what to look for; a cluster is shown
 * only when the namespace there belongs (by its owner label) to the entity's
 * owner and the viewer may see that team's objects.
 */
export class WorkloadService {
  constructor(
    private readonly deps: {
      clients: UpstreamClients;
      clusters: string[];
      ownership: UpstreamOwnership;
    },
  ) {}

  async describe(
    entity: Entity,
    actor: Actor,
    readerFor: WorkloadReaderFor,
  ): Promise<EntityWorkloadsResponse> {
    const where = workloadSelectorOf(entity);
    if (!where) {
      return notConfigured(entity, [
        ANNOTATIONS.kubernetesNamespace,
        ANNOTATIONS.kubernetesId,
        ANNOTATIONS.kubernetesLabelSelector,
      ]);
    }
    const clusters: ClusterWorkloads[] = [];
    const clusterErrors: ClusterReadError[] = [];
    let hiddenClusters = 0;
    await Promise.all(
      this.deps.clusters.map(async cluster => {
        try {
          const access = await this.access(
            entity,
            actor,
            cluster,
            where.namespace,
          );
          if (access === 'hidden') hiddenClusters++;
          if (access !== 'shown') return;
          const reader = readerFor(cluster);
          if (!reader) return;
          const found = await this.readCluster(cluster, where, reader);
          if (found) clusters.push(found);
        } catch (error) {
          clusterErrors.push({
            cluster,
            message: error instanceof Error ? error.message : String(error),
          });
        }
      }),
    );
    clusters.sort(
      (a, b) =>
        errorsFirst(b) - errorsFirst(a) || a.cluster.localeCompare(b.cluster),
    );
    clusterErrors.sort((a, b) => a.cluster.localeCompare(b.cluster));
    return {
      configured: true,
      namespace: where.namespace,
      selector: where.selector,
      clusters,
      clusterErrors,
      hiddenClusters,
      observedAt: new Date().toISOString(),
    };
  }

  /**
   * The reader and namespace for one of the entity's pods: 404 unless the pod
   * is the entity's (by its selector, in its namespace) on a cluster the
   * viewer may see it on, 400 when the container is not the pod's.
   */
  async locatePod(
    entity: Entity,
    actor: Actor,
    readerFor: WorkloadReaderFor,
    target: { cluster: string; pod: string; container: string },
  ): Promise<{ reader: NamespacedKubernetesReader; namespace: string }> {
    const where = workloadSelectorOf(entity);
    const reader = readerFor(target.cluster);
    const notFound = new NotFoundError(
      `No pod ${target.pod} of this entity on ${target.cluster}`,
    );
    if (!where || !reader || !this.deps.clusters.includes(target.cluster)) {
      throw notFound;
    }
    const access = await this.access(
      entity,
      actor,
      target.cluster,
      where.namespace,
    );
    if (access !== 'shown') throw notFound;
    const pods = await reader.list<AnyObject>('v1', 'Pod', where.namespace, {
      labelSelector: where.selector,
    });
    const pod = pods.find(p => p.metadata?.name === target.pod);
    if (!pod) throw notFound;
    const containers = (
      (pod.spec?.containers ?? []) as Array<{ name: string }>
    ).map(c => c.name);
    if (!containers.includes(target.container)) {
      throw new InputError(
        `Invalid query parameter 'container': pod ${
          target.pod
        } has ${containers.join(', ')}`,
      );
    }
    return { reader, namespace: where.namespace };
  }

  private async access(
    entity: Entity,
    actor: Actor,
    cluster: string,
    namespace: string,
  ): Promise<'shown' | 'hidden' | 'absent'> {
    const owner = await namespaceOwnerGroup(
      this.deps.clients,
      cluster,
      namespace,
    );
    if (!owner) return 'absent';
    return this.deps.ownership.mayShow(owner, entity, actor)
      ? 'shown'
      : 'hidden';
  }

  private async readCluster(
    cluster: string,
    where: { selector: string; namespace: string },
    reader: NamespacedKubernetesReader,
  ): Promise<ClusterWorkloads | undefined> {
    const { namespace, selector } = where;
    const bySelector = { labelSelector: selector };
    const [workloadLists, pods, replicaSets, autoscalers, rawEvents] =
      await Promise.all([
        Promise.all(
          KINDS.map(([kind, apiVersion]) =>
            reader.list<AnyObject>(apiVersion, kind, namespace, bySelector),
          ),
        ),
        reader.list<AnyObject>('v1', 'Pod', namespace, bySelector),
        reader.list<AnyObject>('apps/v1', 'ReplicaSet', namespace, bySelector),
        reader.list<AnyObject>(
          'autoscaling/v2',
          'HorizontalPodAutoscaler',
          namespace,
        ),
        reader.list<AnyObject>('v1', 'Event', namespace),
      ]);
    if (pods.length === 0 && workloadLists.every(l => l.length === 0)) {
      return undefined;
    }
    const workloads = KINDS.flatMap(([kind], i) =>
      workloadLists[i].map(o =>
        rolloutOf(
          kind,
          o,
          autoscalerFor(kind, o.metadata?.name ?? '', autoscalers),
        ),
      ),
    );
    const ownerOf = workloadOwnerOf(replicaSets);
    const shownPods = pods
      .map(raw => ({ raw, pod: podOf(raw, ownerOf) }))
      .sort((a, b) => a.pod.name.localeCompare(b.pod.name));
    const objects = new Set<string>([
      ...workloads.map(w => `${w.kind}/${w.name}`),
      ...workloads.flatMap(w =>
        w.autoscaler ? [`HorizontalPodAutoscaler/${w.autoscaler.name}`] : [],
      ),
      ...replicaSets.map(r => `ReplicaSet/${r.metadata?.name}`),
      ...shownPods.map(p => `Pod/${p.pod.name}`),
    ]);
    const events = eventsAbout(rawEvents, objects);
    const imageOf = (finding: { object: string; container?: string }) =>
      shownPods
        .find(p => `Pod/${p.pod.name}` === finding.object)
        ?.pod.containers.find(c => c.name === finding.container)?.image;
    const findings = await enrichFindings(
      findingsOf(shownPods, workloads, events),
      imageOf,
      {
        cluster,
        namespace,
        reader,
        prometheus: this.deps.clients.prometheus(),
        nexus: this.deps.clients.nexusSearch(),
      },
    );
    return {
      cluster,
      namespace,
      workloads,
      pods: shownPods.map(p => p.pod),
      findings,
      events,
    };
  }
}

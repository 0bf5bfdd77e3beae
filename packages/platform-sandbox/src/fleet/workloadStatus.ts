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

import { JsonObject, KubeObject } from '../kube/objects';
import { ObjectStore } from '../kube/store';
import { setStatus, shortHash } from './objectWrites';
import { isPodReady, nodesFor, podsOwnedBy } from './pods';

type Template = { metadata?: { labels?: Record<string, string> }; spec?: Record<string, unknown> };

function specOf(object: KubeObject): { replicas?: number; template: Template } {
  return object.spec as { replicas?: number; template: Template };
}

function deploymentStatus(d: KubeObject, pods: KubeObject[], rsName: string): JsonObject {
  const replicas = specOf(d).replicas ?? 1;
  const ready = pods.filter(isPodReady).length;
  const maxUnavailable = Math.floor(replicas * 0.25);
  const available = ready >= replicas - maxUnavailable;
  const previous = (d.status ?? {}) as { conditions?: Array<{ type: string; status: string; lastTransitionTime: string; lastUpdateTime: string }> };
  const since = (type: string, status: string, fallback: string) =>
    previous.conditions?.find(c => c.type === type && c.status === status)?.lastTransitionTime ?? fallback;
  const created = d.metadata.creationTimestamp ?? '';
  return {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: pods.length,
    updatedReplicas: pods.length,
    readyReplicas: ready,
    availableReplicas: ready,
    ...(pods.length - ready > 0 ? { unavailableReplicas: pods.length - ready } : {}),
    conditions: [
      {
        type: 'Available',
        status: available ? 'True' : 'False',
        reason: available ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
        message: available ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.',
        lastUpdateTime: since('Available', available ? 'True' : 'False', created),
        lastTransitionTime: since('Available', available ? 'True' : 'False', created),
      },
      {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: `ReplicaSet "${rsName}" has successfully progressed.`,
        lastUpdateTime: since('Progressing', 'True', created),
        lastTransitionTime: since('Progressing', 'True', created),
      },
    ],
  };
}

function currentReplicaSet(store: ObjectStore, d: KubeObject): KubeObject | undefined {
  const hash = shortHash(JSON.stringify(specOf(d).template), 10);
  return store.get('replicasets.apps', d.metadata.namespace, `${d.metadata.name}-${hash}`);
}

/** Writes the status each workload controller would compute from its pods. */
export function refreshStatuses(store: ObjectStore, nodes: KubeObject[]): void {
  for (const rs of store.list('replicasets.apps')) {
    const pods = podsOwnedBy(store, rs.metadata.namespace!, 'ReplicaSet', rs.metadata.name);
    const ready = pods.filter(isPodReady).length;
    setStatus(store, 'replicasets.apps', rs, {
      replicas: pods.length,
      fullyLabeledReplicas: pods.length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: rs.metadata.generation ?? 1,
    });
  }
  for (const d of store.list('deployments.apps')) {
    const rs = currentReplicaSet(store, d);
    const pods = rs ? podsOwnedBy(store, d.metadata.namespace!, 'ReplicaSet', rs.metadata.name) : [];
    setStatus(store, 'deployments.apps', d, deploymentStatus(d, pods, rs?.metadata.name ?? ''));
  }
  for (const ds of store.list('daemonsets.apps')) {
    const pods = podsOwnedBy(store, ds.metadata.namespace!, 'DaemonSet', ds.metadata.name);
    const desired = nodesFor(nodes, specOf(ds).template as never).length;
    const ready = pods.filter(isPodReady).length;
    setStatus(store, 'daemonsets.apps', ds, {
      currentNumberScheduled: pods.length,
      desiredNumberScheduled: desired,
      numberMisscheduled: 0,
      numberReady: ready,
      numberAvailable: ready,
      ...(desired - ready > 0 ? { numberUnavailable: desired - ready } : {}),
      updatedNumberScheduled: pods.length,
      observedGeneration: ds.metadata.generation ?? 1,
    });
  }
  for (const sts of store.list('statefulsets.apps')) {
    const pods = podsOwnedBy(store, sts.metadata.namespace!, 'StatefulSet', sts.metadata.name);
    const ready = pods.filter(isPodReady).length;
    const revision = `${sts.metadata.name}-${shortHash(JSON.stringify(specOf(sts).template), 10)}`;
    setStatus(store, 'statefulsets.apps', sts, {
      replicas: pods.length,
      readyReplicas: ready,
      currentReplicas: pods.length,
      updatedReplicas: pods.length,
      availableReplicas: ready,
      currentRevision: revision,
      updateRevision: revision,
      collisionCount: 0,
      observedGeneration: sts.metadata.generation ?? 1,
    });
  }
}


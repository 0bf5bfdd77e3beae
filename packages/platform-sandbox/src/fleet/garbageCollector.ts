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

import { KubeObject } from '../kube/objects';
import { ObjectStore } from '../kube/store';

/** Owner kinds whose dependents the garbage collector removes, with where they live. */
const OWNERS: Record<string, string> = {
  Deployment: 'deployments.apps',
  ReplicaSet: 'replicasets.apps',
  StatefulSet: 'statefulsets.apps',
  DaemonSet: 'daemonsets.apps',
  Node: 'nodes',
};

const DEPENDENTS = ['replicasets.apps', 'pods'];

function ownerGone(store: ObjectStore, object: KubeObject): boolean {
  const controller = (object.metadata.ownerReferences ?? []).find(o => o.controller === true) as
    | { kind: string; name: string; uid?: string }
    | undefined;
  if (!controller || !(controller.kind in OWNERS)) return false;
  const namespace = controller.kind === 'Node' ? undefined : object.metadata.namespace;
  const owner = store.get(OWNERS[controller.kind], namespace, controller.name);
  return !owner || (controller.uid !== undefined && owner.metadata.uid !== controller.uid);
}

/** The garbage collector, background propagation: ReplicaSets and Pods whose controller is gone are deleted. */
export function collectGarbage(store: ObjectStore): void {
  for (const resource of DEPENDENTS) {
    for (const object of store.list(resource)) {
      if (ownerGone(store, object)) store.delete(resource, object.metadata.namespace, object.metadata.name);
    }
  }
}

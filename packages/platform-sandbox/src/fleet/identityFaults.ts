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

import { ObjectStore } from '../kube/store';
import { ClusterFaults } from './clusterFaults';
import { upsert } from './objectWrites';
import { UNEXPECTED_ADMIN_BINDING } from './rbac';

const RESOURCE = 'clusterrolebindings.rbac.authorization.k8s.io';

/** `unexpected-cluster-admin`: someone bound a person to cluster-admin; cleared, the binding is gone. */
export function reconcileIdentityFaults(store: ObjectStore, faults: ClusterFaults): void {
  const name = UNEXPECTED_ADMIN_BINDING.metadata.name;
  if (faults.has('unexpected-cluster-admin')) {
    const target = faults.targets('unexpected-cluster-admin')[0];
    const binding = structuredClone(UNEXPECTED_ADMIN_BINDING);
    if (target) (binding.subjects as Array<{ name: string }>)[0].name = target;
    upsert(store, RESOURCE, binding);
  } else if (store.get(RESOURCE, undefined, name)) {
    store.delete(RESOURCE, undefined, name);
  }
}

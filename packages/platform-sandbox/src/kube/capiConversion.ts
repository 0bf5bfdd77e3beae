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

import { clone, isPlainObject, JsonObject, KubeObject } from './objects';

/*
 * Conversion between the two served Cluster API versions. Objects are stored
 * as v1beta2; v1beta1 readers get the old status layout (CAPI conditions,
 * bool ready flags, non-pointer counters) and refs with apiVersion. Only the
 * fields the simulator writes are converted; other spec fields pass through.
 */

const REF_FIELDS = ['controlPlaneRef', 'infrastructureRef'];

function refToV1beta1(ref: unknown, namespace: string | undefined): unknown {
  if (!isPlainObject(ref) || typeof ref.apiGroup !== 'string') return ref;
  const { apiGroup, ...rest } = ref;
  return { apiVersion: `${apiGroup}/v1beta1`, ...rest, ...(namespace ? { namespace } : {}) };
}

function refToV1beta2(ref: unknown): unknown {
  if (!isPlainObject(ref) || typeof ref.apiVersion !== 'string') return ref;
  const { apiVersion, namespace: _namespace, ...rest } = ref;
  return { apiGroup: apiVersion.split('/')[0], ...rest };
}

export function toV1beta1(object: KubeObject): KubeObject {
  const out = clone(object);
  out.apiVersion = out.apiVersion.replace(/v1beta2$/, 'v1beta1');
  const spec = out.spec as JsonObject | undefined;
  if (spec) {
    for (const f of REF_FIELDS) if (f in spec) spec[f] = refToV1beta1(spec[f], out.metadata.namespace);
  }
  const status = out.status as JsonObject | undefined;
  if (!status) return out;
  const deprecated = ((status.deprecated as JsonObject | undefined)?.v1beta1 ?? {}) as JsonObject;
  const init = (status.initialization ?? {}) as JsonObject;
  const converted: JsonObject = { ...status };
  delete converted.deprecated;
  delete converted.initialization;
  converted.v1beta2 = { conditions: status.conditions ?? [] };
  converted.conditions = deprecated.conditions ?? [];
  for (const key of ['failureReason', 'failureMessage', 'updatedReplicas', 'unavailableReplicas']) {
    if (deprecated[key] !== undefined) converted[key] = deprecated[key];
  }
  delete converted.upToDateReplicas;
  for (const key of ['replicas', 'readyReplicas', 'availableReplicas']) {
    if (key in status || key in deprecated) converted[key] = (deprecated[key] ?? status[key] ?? 0) as number;
  }
  switch (out.kind) {
    case 'Cluster':
      converted.infrastructureReady = init.infrastructureProvisioned === true;
      converted.controlPlaneReady = init.controlPlaneInitialized === true;
      // v1beta1's ClusterV1Beta2Status keeps the replica summaries next to the new conditions.
      converted.v1beta2 = {
        conditions: status.conditions ?? [],
        ...(status.controlPlane ? { controlPlane: status.controlPlane } : {}),
        ...(status.workers ? { workers: status.workers } : {}),
      };
      delete converted.controlPlane;
      delete converted.workers;
      break;
    case 'KubeadmControlPlane':
    case 'RKE2ControlPlane':
      converted.initialized = init.controlPlaneInitialized === true;
      converted.ready = (status.readyReplicas as number | undefined ?? 0) > 0;
      break;
    case 'Machine':
      converted.bootstrapReady = init.bootstrapDataSecretCreated === true;
      converted.infrastructureReady = init.infrastructureProvisioned === true;
      break;
    default:
      break;
  }
  out.status = converted;
  return out;
}

export function toV1beta2(object: KubeObject): KubeObject {
  const out = clone(object);
  out.apiVersion = out.apiVersion.replace(/v1beta1$/, 'v1beta2');
  const spec = out.spec as JsonObject | undefined;
  if (spec) {
    for (const f of REF_FIELDS) if (f in spec) spec[f] = refToV1beta2(spec[f]);
  }
  const status = out.status as JsonObject | undefined;
  if (!status) return out;
  const converted: JsonObject = { ...status };
  const v1beta2 = (status.v1beta2 ?? {}) as JsonObject;
  converted.conditions = v1beta2.conditions ?? [];
  delete converted.v1beta2;
  const old: JsonObject = { conditions: status.conditions ?? [] };
  for (const key of ['failureReason', 'failureMessage', 'updatedReplicas', 'unavailableReplicas', 'readyReplicas', 'availableReplicas']) {
    if (status[key] !== undefined) old[key] = status[key];
  }
  delete converted.updatedReplicas;
  delete converted.unavailableReplicas;
  converted.deprecated = { v1beta1: old };
  if (out.kind === 'Cluster') {
    converted.initialization = {
      infrastructureProvisioned: status.infrastructureReady === true,
      controlPlaneInitialized: status.controlPlaneReady === true,
    };
    delete converted.infrastructureReady;
    delete converted.controlPlaneReady;
    if (v1beta2.controlPlane) converted.controlPlane = v1beta2.controlPlane;
    if (v1beta2.workers) converted.workers = v1beta2.workers;
  }
  if (out.kind === 'KubeadmControlPlane' || out.kind === 'RKE2ControlPlane') {
    converted.initialization = { controlPlaneInitialized: status.initialized === true };
    delete converted.initialized;
    delete converted.ready;
  }
  out.status = converted;
  return out;
}

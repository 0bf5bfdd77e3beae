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

import { deepEqual, KubeObject, ObjectMeta } from '../kube/objects';
import { ObjectStore } from '../kube/store';

/** Labels every platform object carries for the portal and for `kubectl -l`. */
export function appLabels(name: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'app.kubernetes.io/name': name, ...extra };
}

export function meta(name: string, namespace?: string, extra: Partial<ObjectMeta> = {}): ObjectMeta {
  return { name, ...(namespace ? { namespace } : {}), ...extra };
}

function comparable(object: KubeObject): unknown {
  const { resourceVersion: _rv, uid: _uid, creationTimestamp: _ct, generation: _g, managedFields: _mf, ...rest } = object.metadata;
  return { ...object, metadata: rest };
}

/**
 * Creates the object or updates it when it differs; writes nothing when it
 * is already as wanted, so controllers do not churn resourceVersions.
 * Returns the stored object.
 */
export function upsert(store: ObjectStore, resource: string, object: KubeObject): KubeObject {
  const current = store.get(resource, object.metadata.namespace, object.metadata.name);
  if (!current) return store.create(resource, object);
  const merged: KubeObject = {
    ...object,
    metadata: {
      ...object.metadata,
      generation: current.metadata.generation,
      managedFields: current.metadata.managedFields,
      creationTimestamp: current.metadata.creationTimestamp,
    },
  };
  if (deepEqual(comparable(current), comparable(merged))) return current;
  return store.update(resource, merged);
}

/** Replaces one object's status when it changed. */
export function setStatus(store: ObjectStore, resource: string, object: KubeObject, status: unknown): KubeObject {
  if (deepEqual(object.status, status)) return object;
  return store.update(resource, { ...object, status });
}

/** Updates an object through a function of its current state, if it exists and changed. */
export function modify(
  store: ObjectStore,
  resource: string,
  namespace: string | undefined,
  name: string,
  change: (object: KubeObject) => KubeObject,
): KubeObject | undefined {
  const current = store.get(resource, namespace, name);
  if (!current) return undefined;
  const next = change(structuredClone(current));
  if (deepEqual(next, current)) return current;
  return store.update(resource, next);
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  [key: string]: unknown;
}

/** Sets a condition, keeping lastTransitionTime when the status did not change. */
export function withCondition(conditions: Condition[] | undefined, next: Condition, now: string): Condition[] {
  const list = conditions ?? [];
  const existing = list.find(c => c.type === next.type);
  const transition = existing && existing.status === next.status ? existing.lastTransitionTime : now;
  const updated = { ...next, lastTransitionTime: transition ?? now };
  return existing ? list.map(c => (c.type === next.type ? updated : c)) : [...list, updated];
}

/** A stable short hash, for ReplicaSet and pod name suffixes. */
export function shortHash(text: string, length = 10): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let out = '';
  let value = h;
  for (let i = 0; i < length; i++) {
    out += alphabet[value % alphabet.length];
    value = Math.floor(value / alphabet.length) || Math.imul(h, i + 7) >>> 0;
  }
  return out;
}

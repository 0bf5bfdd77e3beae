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

import { deepEqual, isPlainObject, JsonObject, KubeObject, ManagedFieldsEntry } from './objects';

/** A field path as a list of map keys; lists are atomic leaves here. */
export type FieldPath = string[];

// Fields the API server owns itself and never attributes to a manager.
const SERVER_OWNED_METADATA = new Set([
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'managedFields',
  'selfLink',
]);

const IDENTITY = new Set(['apiVersion', 'kind']);

/**
 * Leaf paths set in an object: primitive values, lists and empty maps. Status
 * is left out for the main resource, as upstream resets it on apply.
 */
export function leafPaths(object: JsonObject, includeStatus = false): FieldPath[] {
  const out: FieldPath[] = [];
  const walk = (value: unknown, path: FieldPath): void => {
    if (isPlainObject(value) && Object.keys(value).length > 0) {
      for (const [k, v] of Object.entries(value)) {
        if (path.length === 0 && (IDENTITY.has(k) || (k === 'status' && !includeStatus))) continue;
        if (path.length === 1 && path[0] === 'metadata' && (SERVER_OWNED_METADATA.has(k) || k === 'name' || k === 'namespace')) continue;
        walk(v, [...path, k]);
      }
      return;
    }
    if (path.length > 0) out.push(path);
  };
  walk(object, []);
  return out;
}

export function pathString(path: FieldPath): string {
  return path.map(p => `.${p}`).join('');
}

export function getPath(object: unknown, path: FieldPath): unknown {
  let current = object;
  for (const key of path) {
    if (!isPlainObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** Removes a leaf and any map it leaves empty. */
export function removePath(object: JsonObject, path: FieldPath): void {
  const parents: JsonObject[] = [object];
  let current: unknown = object;
  for (const key of path.slice(0, -1)) {
    if (!isPlainObject(current)) return;
    current = current[key];
    if (!isPlainObject(current)) return;
    parents.push(current);
  }
  delete parents[parents.length - 1][path[path.length - 1]];
  for (let i = parents.length - 1; i > 0; i--) {
    if (Object.keys(parents[i]).length === 0) delete parents[i - 1][path[i - 1]];
    else break;
  }
}

/** Encodes paths as the FieldsV1 trie: `{"f:spec":{"f:replicas":{}}}`. */
export function toFieldsV1(paths: FieldPath[]): JsonObject {
  const root: JsonObject = {};
  for (const path of paths) {
    let node = root;
    for (const key of path) {
      const field = `f:${key}`;
      node[field] ??= {};
      node = node[field] as JsonObject;
    }
  }
  return root;
}

export function fromFieldsV1(fields: JsonObject | undefined): FieldPath[] {
  const out: FieldPath[] = [];
  const walk = (node: JsonObject, path: FieldPath): void => {
    const children = Object.keys(node).filter(k => k.startsWith('f:'));
    if (children.length === 0 && path.length > 0) {
      out.push(path);
      return;
    }
    for (const child of children) walk(node[child] as JsonObject, [...path, child.slice(2)]);
  };
  if (fields) walk(fields, []);
  return out;
}

/** Whether two paths overlap: equal, or one contains the other. */
export function overlaps(a: FieldPath, b: FieldPath): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Leaves whose value differs between two versions of an object. */
export function changedPaths(before: JsonObject | undefined, after: JsonObject, includeStatus = false): FieldPath[] {
  const afterPaths = leafPaths(after, includeStatus);
  const changed = afterPaths.filter(p => !deepEqual(getPath(before, p), getPath(after, p)));
  if (before) {
    for (const p of leafPaths(before, includeStatus)) {
      if (getPath(after, p) === undefined) changed.push(p);
    }
  }
  return changed;
}

export function managersOf(object: KubeObject | undefined): ManagedFieldsEntry[] {
  return object?.metadata.managedFields ?? [];
}

/**
 * Records an Update by `manager`: it takes every field it changed, the other
 * managers lose those fields (upstream's update semantics).
 */
export function recordUpdate(
  previous: KubeObject | undefined,
  next: KubeObject,
  manager: string,
  time: string,
  subresource?: string,
): ManagedFieldsEntry[] {
  const includeStatus = subresource === 'status';
  const changed = changedPaths(previous, next as JsonObject, includeStatus);
  const entries = managersOf(previous);
  if (changed.length === 0) return entries;
  const result: ManagedFieldsEntry[] = [];
  let mine: FieldPath[] = [];
  for (const entry of entries) {
    const kept = fromFieldsV1(entry.fieldsV1).filter(
      p => !changed.some(c => overlaps(c, p)) && getPath(next, p) !== undefined,
    );
    const sameEntry = entry.manager === manager && entry.operation === 'Update' && entry.subresource === subresource;
    if (sameEntry) {
      mine = kept;
      continue;
    }
    if (kept.length > 0) result.push({ ...entry, fieldsV1: toFieldsV1(kept) });
  }
  const present = changed.filter(p => getPath(next, p) !== undefined);
  mine = [...mine, ...present];
  if (mine.length > 0) {
    result.push({
      manager,
      operation: 'Update',
      apiVersion: next.apiVersion,
      time,
      fieldsType: 'FieldsV1',
      fieldsV1: toFieldsV1(mine),
      ...(subresource ? { subresource } : {}),
    });
  }
  return result;
}

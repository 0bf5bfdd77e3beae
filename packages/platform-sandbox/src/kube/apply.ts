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

import {
  FieldPath,
  fromFieldsV1,
  getPath,
  leafPaths,
  overlaps,
  pathString,
  removePath,
  toFieldsV1,
} from './managedFields';
import { clone, deepEqual, isPlainObject, JsonObject, KubeObject, ManagedFieldsEntry } from './objects';
import { ApiError } from './status';

export interface ApplyInput {
  current: KubeObject | undefined;
  config: KubeObject;
  manager: string;
  force: boolean;
  time: string;
  /** 'status' when applying to the status subresource. */
  subresource?: string;
}

interface Conflict {
  entry: ManagedFieldsEntry;
  path: FieldPath;
}

// As apiserver's managedfields printManager: Update managers show their apiVersion.
function printManager(entry: ManagedFieldsEntry): string {
  let text = JSON.stringify(entry.manager);
  if (entry.subresource) text += ` with subresource ${JSON.stringify(entry.subresource)}`;
  if (entry.operation === 'Update') text += ` using ${entry.apiVersion}`;
  return text;
}

function conflictError(conflicts: Conflict[]): ApiError {
  const causes = conflicts.map(c => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(c.entry)}`,
    field: pathString(c.path),
  }));
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0].entry)}: ${pathString(conflicts[0].path)}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const c of conflicts) {
      const name = printManager(c.entry);
      byManager.set(name, [...(byManager.get(name) ?? []), pathString(c.path)]);
    }
    const lines: string[] = [];
    for (const name of [...byManager.keys()].sort()) {
      lines.push(`conflicts with ${name}:`);
      for (const p of byManager.get(name)!) lines.push(`- ${p}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new ApiError(409, 'Conflict', message, { causes });
}

function setPath(object: JsonObject, path: FieldPath, value: unknown): void {
  let node = object;
  for (const key of path.slice(0, -1)) {
    if (!isPlainObject(node[key])) node[key] = {};
    node = node[key] as JsonObject;
  }
  node[path[path.length - 1]] = clone(value);
}

function sameEntry(entry: ManagedFieldsEntry, manager: string, subresource?: string): boolean {
  return entry.manager === manager && entry.operation === 'Apply' && entry.subresource === subresource;
}

/**
 * Server-side apply over leaf field sets: conflicts when another manager owns
 * a field the config sets to a different value (unless forced); fields this
 * manager applied before and no longer sets are removed unless someone else
 * owns them. Applying the same config twice returns an unchanged object.
 */
export function serverSideApply(input: ApplyInput): KubeObject {
  const { current, config, manager, force, time, subresource } = input;
  const includeStatus = subresource === 'status';
  let configPaths = leafPaths(config as JsonObject, includeStatus);
  if (includeStatus) configPaths = configPaths.filter(p => p[0] === 'status');
  const entries = current?.metadata.managedFields ?? [];

  const conflicts: Conflict[] = [];
  for (const entry of entries) {
    if (sameEntry(entry, manager, subresource)) continue;
    for (const owned of fromFieldsV1(entry.fieldsV1)) {
      for (const path of configPaths) {
        if (!overlaps(owned, path)) continue;
        const longer = owned.length >= path.length ? owned : path;
        if (!deepEqual(getPath(current, longer), getPath(config, longer))) {
          conflicts.push({ entry, path: owned.length >= path.length ? owned : path });
        }
      }
    }
  }
  if (conflicts.length > 0 && !force) throw conflictError(dedupe(conflicts));

  const result: KubeObject = current ? clone(current) : clone({ ...config, metadata: { ...config.metadata } });
  const previous = entries.find(e => sameEntry(e, manager, subresource));
  const othersAfter: ManagedFieldsEntry[] = [];
  for (const entry of entries) {
    if (sameEntry(entry, manager, subresource)) continue;
    const kept = force
      ? fromFieldsV1(entry.fieldsV1).filter(p => !conflicts.some(c => c.entry === entry && overlaps(c.path, p)))
      : fromFieldsV1(entry.fieldsV1);
    if (kept.length > 0) othersAfter.push({ ...entry, fieldsV1: toFieldsV1(kept) });
  }
  // Fields this manager gave up, that nobody else holds, are removed.
  const ownedByOthers = othersAfter.flatMap(e => fromFieldsV1(e.fieldsV1));
  for (const dropped of fromFieldsV1(previous?.fieldsV1)) {
    const stillSet = configPaths.some(p => overlaps(p, dropped));
    if (!stillSet && !ownedByOthers.some(p => overlaps(p, dropped))) removePath(result as JsonObject, dropped);
  }
  for (const path of configPaths) setPath(result as JsonObject, path, getPath(config, path));

  const unchangedSet =
    previous && deepEqual(fromFieldsV1(previous.fieldsV1).map(pathString).sort(), configPaths.map(pathString).sort());
  const mine: ManagedFieldsEntry = {
    manager,
    operation: 'Apply',
    apiVersion: config.apiVersion,
    time: unchangedSet && previous ? previous.time : time,
    fieldsType: 'FieldsV1',
    fieldsV1: toFieldsV1(configPaths),
    ...(subresource ? { subresource } : {}),
  };
  // Keep the entry order stable so an identical apply is a no-op.
  const ordered: ManagedFieldsEntry[] = [];
  let placed = false;
  for (const entry of entries) {
    if (sameEntry(entry, manager, subresource)) {
      ordered.push(mine);
      placed = true;
      continue;
    }
    const after = othersAfter.find(e => e.manager === entry.manager && e.operation === entry.operation && e.subresource === entry.subresource);
    if (after) ordered.push(after);
  }
  if (!placed) ordered.push(mine);
  result.metadata.managedFields = ordered;
  return result;
}

function dedupe(conflicts: Conflict[]): Conflict[] {
  const seen = new Set<string>();
  return conflicts.filter(c => {
    const key = `${c.entry.manager}|${c.entry.operation}|${pathString(c.path)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

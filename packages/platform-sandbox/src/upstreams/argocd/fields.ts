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

/**
 * Argo CD's `fields` projection on the application list: only these paths
 * are honoured; anything else is silently ignored.
 */
const ALLOWED_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
  'metadata.labels',
  'metadata.creationTimestamp',
  'metadata.deletionTimestamp',
  'spec',
  'spec.destination',
  'spec.project',
  'spec.source',
  'spec.sources',
  'spec.sourceHydrator',
  'spec.syncPolicy',
  'status.sourceHydrator',
  'status.summary',
  'status.health',
  'status.resources',
  'status.sync.status',
  'status.sync.revision',
  'status.operationState.startedAt',
  'status.operationState.finishedAt',
  'status.operationState.phase',
  'status.operationState.operation.sync',
  'operation.sync',
];

export interface FieldsProjection {
  exclude: boolean;
  paths: string[];
}

/** Reads `fields`; returns undefined when there is nothing to project. */
export function parseFields(values: string[]): FieldsProjection | undefined {
  const raw = values.flatMap(v => v.split(',')).map(v => v.trim()).filter(Boolean);
  if (raw.length === 0) return undefined;
  const exclude = raw[0].startsWith('-');
  const paths = raw
    .map(p => p.replace(/^-/, ''))
    .filter(p => p.startsWith('items.'))
    .map(p => p.slice('items.'.length))
    .filter(p => ALLOWED_PATHS.includes(p));
  return { exclude, paths };
}

type Json = Record<string, unknown>;

function getPath(obj: Json, path: string[]): unknown {
  let current: unknown = obj;
  for (const key of path) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Json)[key];
  }
  return current;
}

function setPath(obj: Json, path: string[], value: unknown): void {
  let current = obj;
  for (const key of path.slice(0, -1)) {
    current[key] = (current[key] as Json | undefined) ?? {};
    current = current[key] as Json;
  }
  current[path[path.length - 1]] = value;
}

function deletePath(obj: Json, path: string[]): void {
  const parent = getPath(obj, path.slice(0, -1));
  if (parent && typeof parent === 'object') delete (parent as Json)[path[path.length - 1]];
}

/** Keeps (or drops) the selected paths of one item; nil values are omitted. */
export function projectItem(item: Json, projection: FieldsProjection): Json {
  if (projection.exclude) {
    const copy = structuredClone(item);
    for (const path of projection.paths) deletePath(copy, path.split('.'));
    return copy;
  }
  const out: Json = {};
  for (const path of projection.paths) {
    const segments = path.split('.');
    const value = getPath(item, segments);
    if (value !== undefined && value !== null) setPath(out, segments, structuredClone(value));
  }
  return out;
}

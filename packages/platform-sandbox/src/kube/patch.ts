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

import { clone, deepEqual, isPlainObject, JsonObject } from './objects';
import { ApiError, badRequest } from './status';

/** RFC 7386 JSON merge patch: null deletes, maps merge, everything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return clone(patch);
  const result: JsonObject = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/**
 * Strategic merge patch for our kinds: a merge patch in which lists of maps
 * that all carry a `name` are merged by name (containers, ports, volumes,
 * env), as their `patchMergeKey` is `name` upstream. `$patch: delete`
 * entries remove the named item.
 */
export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  if (Array.isArray(patch) && Array.isArray(target) && isNamedList(patch) && isNamedList(target)) {
    const result = target.map(item => clone(item)) as JsonObject[];
    for (const item of patch as JsonObject[]) {
      const index = result.findIndex(existing => existing.name === item.name);
      if (item.$patch === 'delete') {
        if (index >= 0) result.splice(index, 1);
      } else if (index >= 0) {
        result[index] = strategicMergePatch(result[index], item) as JsonObject;
      } else {
        result.push(clone(item));
      }
    }
    return result;
  }
  if (!isPlainObject(patch)) return clone(patch);
  const result: JsonObject = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    if (value === null) delete result[key];
    else result[key] = strategicMergePatch(result[key], value);
  }
  return result;
}

function isNamedList(list: unknown[]): boolean {
  return list.every(item => isPlainObject(item) && typeof item.name === 'string');
}

interface JsonPatchOperation {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw badRequest(`invalid JSON pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map(p => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(document: unknown, tokens: string[], pointer: string): unknown {
  let node = document;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isPlainObject(node)) node = node[token];
    else node = undefined;
    if (node === undefined) throw patchFailure(`doc is missing path: "${pointer}"`);
  }
  return node;
}

/** Upstream answers every failed JSON patch operation with the same bare sentence. */
function patchFailure(_why: string): ApiError {
  return new ApiError(422, 'Invalid', 'the server rejected our request due to an error in our request');
}

function getAt(document: unknown, pointer: string): unknown {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return document;
  const parent = parentOf(document, tokens, pointer);
  const last = tokens[tokens.length - 1];
  const value = Array.isArray(parent) ? parent[Number(last)] : (parent as JsonObject)[last];
  if (value === undefined) throw patchFailure(`doc is missing path: "${pointer}"`);
  return value;
}

function removeAt(document: unknown, pointer: string): void {
  const tokens = parsePointer(pointer);
  const parent = parentOf(document, tokens, pointer);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) {
    const index = Number(last);
    if (!(index >= 0 && index < parent.length)) throw patchFailure(`doc is missing path: "${pointer}"`);
    parent.splice(index, 1);
  } else if (isPlainObject(parent) && last in parent) {
    delete parent[last];
  } else {
    throw patchFailure(`doc is missing path: "${pointer}"`);
  }
}

function addAt(document: unknown, pointer: string, value: unknown, replace: boolean): void {
  const tokens = parsePointer(pointer);
  const parent = parentOf(document, tokens, pointer);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (!(index >= 0 && index <= parent.length)) throw patchFailure(`index out of bounds in "${pointer}"`);
    if (replace) parent[index] = clone(value);
    else parent.splice(index, 0, clone(value));
  } else if (isPlainObject(parent)) {
    if (replace && !(last in parent)) throw patchFailure(`doc is missing key: "${pointer}"`);
    parent[last] = clone(value);
  } else {
    throw patchFailure(`doc is missing path: "${pointer}"`);
  }
}

/** RFC 6902 JSON patch (add, remove, replace, move, copy, test). */
export function jsonPatch(target: JsonObject, operations: unknown): JsonObject {
  if (!Array.isArray(operations)) throw badRequest('json patch must be an array of operations');
  const document = clone(target);
  for (const op of operations as JsonPatchOperation[]) {
    switch (op.op) {
      case 'add':
        addAt(document, op.path, op.value, false);
        break;
      case 'replace':
        addAt(document, op.path, op.value, true);
        break;
      case 'remove':
        removeAt(document, op.path);
        break;
      case 'move': {
        const value = getAt(document, op.from ?? '');
        removeAt(document, op.from ?? '');
        addAt(document, op.path, value, false);
        break;
      }
      case 'copy':
        addAt(document, op.path, getAt(document, op.from ?? ''), false);
        break;
      case 'test':
        if (!deepEqual(getAt(document, op.path), op.value)) {
          throw patchFailure(`testing value ${op.path} failed`);
        }
        break;
      default:
        throw badRequest(`Unexpected kind: ${op.op}`);
    }
  }
  return document;
}

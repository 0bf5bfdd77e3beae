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

import { badRequest } from './status';

/** What a continue token carries, in upstream's layout (storage `continueToken`). */
export interface ContinueToken {
  /** The revision of the consistent snapshot being paged. */
  rv: number;
  /** Key to resume from (exclusive of everything before it). */
  start: string;
}

export function encodeContinue(rv: number, lastKey: string): string {
  const json = JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: `${lastKey}\u0000` });
  return Buffer.from(json).toString('base64url');
}

export function decodeContinue(token: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (parsed.v !== 'meta.k8s.io/v1' || typeof parsed.rv !== 'number' || typeof parsed.start !== 'string') {
      throw new Error('bad token');
    }
    return { rv: parsed.rv, start: parsed.start };
  } catch {
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}

export interface Page<T> {
  items: T[];
  continueToken?: string;
  remainingItemCount?: number;
}

/** One page of sorted items starting at `start` (inclusive), at most `limit` long. */
export function paginate<T>(
  items: T[],
  keyOf: (item: T) => string,
  rv: number,
  limit: number | undefined,
  start: string | undefined,
): Page<T> {
  const from = start === undefined ? 0 : items.findIndex(item => keyOf(item) >= start);
  const rest = from < 0 ? [] : items.slice(from);
  if (!limit || rest.length <= limit) return { items: rest };
  const page = rest.slice(0, limit);
  return {
    items: page,
    continueToken: encodeContinue(rv, keyOf(page[page.length - 1])),
    remainingItemCount: rest.length - limit,
  };
}

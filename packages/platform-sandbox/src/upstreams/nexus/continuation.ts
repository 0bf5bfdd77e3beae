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

import { stableHex } from '../shared/ids';

/**
 * Opaque continuation tokens bound to the listing they came from (endpoint,
 * repository, search filters), so a token reused elsewhere is refused.
 */
export function makeToken(scope: string, offset: number): string {
  return `${offset.toString(16)}${stableHex(24, scope, offset)}`;
}

/** The offset a token stands for, or undefined when it does not belong to this listing. */
export function readToken(scope: string, token: string | null): number | undefined {
  if (token === null || token === '') return 0;
  const m = /^([0-9a-f]+?)([0-9a-f]{24})$/.exec(token);
  if (!m) return undefined;
  const offset = parseInt(m[1], 16);
  return makeToken(scope, offset) === token ? offset : undefined;
}

export function page<T>(scope: string, items: T[], offset: number, size: number) {
  const slice = items.slice(offset, offset + size);
  const next = offset + size;
  return { items: slice, continuationToken: next < items.length ? makeToken(scope, next) : null };
}

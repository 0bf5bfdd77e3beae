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

import { createHash } from 'node:crypto';

/** A stable hex digest of the given parts; the same inputs give the same id. */
export function stableHex(length: number, ...parts: Array<string | number>): string {
  let out = '';
  let round = 0;
  while (out.length < length) {
    out += createHash('sha256')
      .update(`${round}\u0000${parts.join('\u0000')}`)
      .digest('hex');
    round += 1;
  }
  return out.slice(0, length);
}

/** A stable integer in [0, modulo) derived from the given parts. */
export function stableInt(modulo: number, ...parts: Array<string | number>): number {
  return parseInt(stableHex(8, ...parts), 16) % modulo;
}

/** A stable RFC 4122-shaped UUID derived from the given parts. */
export function stableUuid(...parts: Array<string | number>): string {
  const h = stableHex(32, ...parts);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

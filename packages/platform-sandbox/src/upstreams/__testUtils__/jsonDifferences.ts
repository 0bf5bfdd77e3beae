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

/** One place where two JSON values differ: a path like `[].status.state`. */
export interface JsonDifference {
  /** Where, with array indices kept (`[2].status`). */
  path: string;
  real: unknown;
  sandbox: unknown;
}

/** A path with its array indices dropped, as allow-list entries write it. */
export const pathPattern = (path: string): string =>
  path.replace(/\[\d+\]/g, '[]');

/**
 * Every leaf where `real` and `sandbox` differ, including keys present on one
 * side only and arrays of different length (reported once, at the array).
 */
export function jsonDifferences(
  real: unknown,
  sandbox: unknown,
  path = '',
): JsonDifference[] {
  if (Array.isArray(real) && Array.isArray(sandbox)) {
    if (real.length !== sandbox.length) {
      return [
        { path: `${path}.length`, real: real.length, sandbox: sandbox.length },
      ];
    }
    return real.flatMap((r, i) =>
      jsonDifferences(r, sandbox[i], `${path}[${i}]`),
    );
  }
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(real) && isObject(sandbox)) {
    const keys = [
      ...new Set([...Object.keys(real), ...Object.keys(sandbox)]),
    ].sort();
    return keys.flatMap(k => {
      const at = `${path}.${k}`;
      if (!(k in real))
        return [{ path: at, real: '<absent>', sandbox: sandbox[k] }];
      if (!(k in sandbox))
        return [{ path: at, real: real[k], sandbox: '<absent>' }];
      return jsonDifferences(real[k], sandbox[k], at);
    });
  }
  return JSON.stringify(real) === JSON.stringify(sandbox)
    ? []
    : [{ path: path || '.', real, sandbox }];
}

/** A difference the sandbox keeps on purpose: `case` '*' for every case. */
export interface AllowedDifference {
  case: string;
  path: string;
  why: string;
}

/**
 * The differences no allow-list entry covers (an entry covers its path and
 * everything below it), and the entries that covered nothing.
 */
export function unexplained(
  found: Array<JsonDifference & { case: string }>,
  allowlist: AllowedDifference[],
): {
  differences: Array<JsonDifference & { case: string }>;
  unused: AllowedDifference[];
} {
  const used = new Set<AllowedDifference>();
  const differences = found.filter(d => {
    const pattern = pathPattern(d.path);
    const entry = allowlist.find(
      a =>
        (a.case === '*' || a.case === d.case) &&
        (pattern === a.path ||
          pattern.startsWith(`${a.path}.`) ||
          pattern.startsWith(`${a.path}[`)),
    );
    if (entry) used.add(entry);
    return !entry;
  });
  return { differences, unused: allowlist.filter(a => !used.has(a)) };
}

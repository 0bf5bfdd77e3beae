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

import { UpstreamFailure } from '../resilience/UpstreamFailure';

/** One row of HAProxy's `show stat` CSV, by column name. */
export type HaproxyStatRow = Record<string, string>;

/**
 * Parses HAProxy's stats CSV: a `# pxname,svname,...` header, one row per
 * frontend, server and backend, each ending with a comma. Anything else (an
 * HTML error page, JSON from a proxy in between) is malformed, not "no rows".
 */
export function parseStatsCsv(csv: string): HaproxyStatRow[] {
  const lines = csv
    .split('\n')
    .map(l => l.trim())
    .filter(Boolean);
  const headerLine = lines.find(l => l.startsWith('#'));
  const columns = headerLine?.replace(/^#\s*/, '').split(',') ?? [];
  if (columns[0] !== 'pxname' || columns[1] !== 'svname') {
    throw new UpstreamFailure({
      kind: 'malformed',
      message: `not HAProxy stats CSV (no "# pxname,svname" header; starts with ${JSON.stringify(
        csv.slice(0, 40),
      )})`,
    });
  }
  return lines
    .filter(l => !l.startsWith('#'))
    .map(line => {
      const values = line.split(',');
      const row: HaproxyStatRow = {};
      columns.forEach((column, i) => {
        if (column) {
          row[column] = values[i] ?? '';
        }
      });
      return row;
    });
}

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

/** One row of HAProxy's `show stat` CSV, by column name. */
export type HaproxyStatRow = Record<string, string>;

/**
 * Parses HAProxy's stats CSV: a `# pxname,svname,...` header, one row per
 * frontend, server and backend, each ending with a comma.
 */
export function parseStatsCsv(csv: string): HaproxyStatRow[] {
  const lines = csv
    .split('\n')
    .map(l => l.trim())
    .filter(Boolean);
  const headerLine = lines.find(l => l.startsWith('#'));
  if (!headerLine) {
    return [];
  }
  const columns = headerLine.replace(/^#\s*/, '').split(',');
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

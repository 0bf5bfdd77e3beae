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

import { METRIC_HELP, sampleTime, SeriesDef, valueAt } from './series';
import { formatValue } from './queryApi';

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

/**
 * Prometheus text exposition format 0.0.4, one HELP/TYPE block per metric
 * family. Each sample carries the time of the last sample slot at or before
 * `atMs`, so a Prometheus scraping faster than that stores exactly the samples
 * the sandbox's own query API reads (a repeated timestamp with the same value
 * is dropped as a duplicate).
 */
export function renderExposition(series: SeriesDef[], atMs: number): string {
  const at = sampleTime(atMs);
  const families = new Map<string, SeriesDef[]>();
  for (const s of series) {
    const name = s.labels.__name__;
    families.set(name, [...(families.get(name) ?? []), s]);
  }
  const lines: string[] = [];
  for (const [name, members] of families) {
    lines.push(`# HELP ${name} ${METRIC_HELP[name] ?? name}`);
    lines.push(`# TYPE ${name} ${members[0].type}`);
    for (const s of members) {
      const labels = Object.entries(s.labels)
        .filter(([k]) => k !== '__name__')
        .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
        .join(',');
      lines.push(`${name}{${labels}} ${formatValue(valueAt(s, at))} ${at}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

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
 * Kubernetes label selector syntax as Argo CD accepts in `selector`:
 * `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`, joined by commas.
 * Returns undefined when the selector cannot be parsed.
 */
export function parseLabelSelector(
  text: string,
): ((labels: Record<string, string>) => boolean) | undefined {
  const requirements: Array<(labels: Record<string, string>) => boolean> = [];
  // Split on commas that are not inside parentheses.
  const parts = text.split(/,(?![^(]*\))/).map(p => p.trim()).filter(Boolean);
  for (const part of parts) {
    let m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part);
    if (m) {
      const [, key, op, list] = m;
      const values = list.split(',').map(v => v.trim());
      requirements.push(op === 'in' ? l => values.includes(l[key]) : l => !values.includes(l[key]));
      continue;
    }
    m = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(part);
    if (m) {
      const [, key, op, value] = m;
      requirements.push(op === '!=' ? l => l[key] !== value : l => l[key] === value);
      continue;
    }
    m = /^(!?)([\w./-]+)$/.exec(part);
    if (m) {
      const [, not, key] = m;
      requirements.push(not ? l => !(key in l) : l => key in l);
      continue;
    }
    return undefined;
  }
  return labels => requirements.every(r => r(labels));
}

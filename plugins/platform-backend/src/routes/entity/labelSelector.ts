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

import { InputError } from '@backstage/errors';

type Requirement = (labels: Record<string, string>) => boolean;

const KEY = /^[a-zA-Z0-9]([-a-zA-Z0-9_./]*[a-zA-Z0-9])?$/;

function splitTopLevel(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map(p => p.trim()).filter(Boolean);
}

function requirement(raw: string, source: string): Requirement {
  const set = raw.match(/^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/);
  if (set) {
    const [, key, op, list] = set;
    const values = list.split(',').map(v => v.trim());
    return op === 'in'
      ? labels => key in labels && values.includes(labels[key])
      : labels => !(key in labels) || !values.includes(labels[key]);
  }
  const equality = raw.match(/^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/);
  if (equality) {
    const [, key, op, value] = equality;
    return op === '!='
      ? labels => labels[key] !== value
      : labels => labels[key] === value;
  }
  if (raw.startsWith('!') && KEY.test(raw.slice(1))) {
    return labels => !(raw.slice(1) in labels);
  }
  if (KEY.test(raw)) {
    return labels => raw in labels;
  }
  throw new InputError(
    `Invalid label selector '${source}': cannot read '${raw}'`,
  );
}

/**
 * A Kubernetes label selector (`a=b,c!=d,e in (f,g),!h`) as a predicate on
 * labels; 400 naming the selector when it cannot be read.
 */
export function parseLabelSelector(
  selector: string,
): (labels: Record<string, string> | undefined) => boolean {
  const requirements = splitTopLevel(selector).map(r =>
    requirement(r, selector),
  );
  return labels => requirements.every(r => r(labels ?? {}));
}

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

/** The dashboard fields a selector may test. */
export interface SelectableDashboard {
  title: string;
  tags: string[];
  url: string;
  folderTitle?: string;
}

type Predicate = (d: SelectableDashboard) => boolean;

const FIELDS = ['title', 'tags', 'url', 'folderTitle', 'folderUrl'] as const;

/**
 * The community Grafana plugin's `grafana/dashboard-selector`: either one
 * tag (`payments-api`), or an expression such as
 * `(tags @> 'payments-api' || tags @> 'payments') && title != 'Old'` with
 * `==`, `!=`, `@>` (contains), `&&`, `||` and parentheses.
 */
export function parseDashboardSelector(selector: string): Predicate {
  const trimmed = selector.trim();
  if (!/[@=!&|()']/.test(trimmed)) {
    return d => d.tags.includes(trimmed);
  }
  const tokens = tokenize(trimmed, selector);
  let position = 0;
  const fail = (what: string): never => {
    throw new InputError(
      `Invalid grafana/dashboard-selector '${selector}': ${what}`,
    );
  };
  const peek = () => tokens[position];
  const next = () => tokens[position++];

  function comparison(): Predicate {
    const field = next();
    if (!field || !(FIELDS as readonly string[]).includes(field)) {
      return fail(`expected one of ${FIELDS.join(', ')} at '${field ?? ''}'`);
    }
    const op = next();
    const literal = next();
    if (!literal?.startsWith("'")) {
      return fail(`expected a quoted value after ${field} ${op ?? ''}`);
    }
    const value = literal.slice(1, -1);
    const read = (d: SelectableDashboard): string | string[] =>
      field === 'tags'
        ? d.tags
        : String((d as unknown as Record<string, unknown>)[field] ?? '');
    if (op === '@>') {
      return d => {
        const v = read(d);
        return Array.isArray(v) ? v.includes(value) : v.includes(value);
      };
    }
    if (op === '==') {
      return d => read(d) === value;
    }
    if (op === '!=') {
      return d => read(d) !== value;
    }
    return fail(`unknown operator '${op ?? ''}'`);
  }

  function primary(): Predicate {
    if (peek() === '(') {
      next();
      const inner = or();
      if (next() !== ')') {
        fail('missing )');
      }
      return inner;
    }
    return comparison();
  }

  function and(): Predicate {
    let left = primary();
    while (peek() === '&&') {
      next();
      const l = left;
      const r = primary();
      left = d => l(d) && r(d);
    }
    return left;
  }

  function or(): Predicate {
    let left = and();
    while (peek() === '||') {
      next();
      const l = left;
      const r = and();
      left = d => l(d) || r(d);
    }
    return left;
  }

  const predicate = or();
  if (position < tokens.length) {
    fail(`unexpected '${tokens[position]}'`);
  }
  return predicate;
}

function tokenize(text: string, selector: string): string[] {
  const tokens: string[] = [];
  const pattern = /\s*('(?:[^'])*'|&&|\|\||@>|==|!=|\(|\)|[A-Za-z]+)\s*/y;
  let index = 0;
  while (index < text.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(text);
    if (!match) {
      throw new InputError(
        `Invalid grafana/dashboard-selector '${selector}': cannot read '${text.slice(
          index,
        )}'`,
      );
    }
    tokens.push(match[1]);
    index = pattern.lastIndex;
  }
  return tokens;
}

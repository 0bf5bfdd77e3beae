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

import { Span } from '../telemetry/traces';

/**
 * A TraceQL subset: one spanset filter `{ cond && cond ... }` where a
 * condition compares an attribute (`resource.x`, `span.x`, `.x`, `name`,
 * `status`, `kind`, `duration`) with a string, number, duration or keyword
 * using =, !=, >, >=, <, <=, =~, !~. `{}` matches every span.
 */
export type SpanFilter = (span: Span) => boolean;

export class TraceQLError extends Error {}

type Value = string | number;

const TOKEN = /\s*(\{|\}|&&|=~|!~|!=|>=|<=|=|>|<|"(?:[^"\\]|\\.)*"|[A-Za-z_.][\w.-]*|\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h)?)/y;

function tokenize(text: string): Array<{ text: string; col: number }> {
  const tokens: Array<{ text: string; col: number }> = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) {
      const col = start + (text.slice(start).length - text.slice(start).trimStart().length) + 1;
      throw new TraceQLError(`parse error at line 1, col ${col}: syntax error: unexpected character`);
    }
    tokens.push({ text: m[1], col: m.index + m[0].indexOf(m[1]) + 1 });
  }
  return tokens;
}

const DURATION_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function parseValue(text: string): Value {
  if (text.startsWith('"')) return text.slice(1, -1).replace(/\\(.)/g, '$1');
  const d = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)$/.exec(text);
  if (d) return Number(d[1]) * DURATION_MS[d[2]];
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text);
  return text;
}

function attributeOf(span: Span, attr: string): Value | undefined {
  if (attr === 'name') return span.name;
  if (attr === 'status') return span.error ? 'error' : 'unset';
  if (attr === 'duration') return span.durationMs;
  if (attr === 'kind') return span.kind.replace('SPAN_KIND_', '').toLowerCase();
  if (attr.startsWith('resource.')) return span.resource[attr.slice(9)];
  if (attr.startsWith('span.')) return span.attributes[attr.slice(5)];
  if (attr.startsWith('.')) return span.attributes[attr.slice(1)] ?? span.resource[attr.slice(1)];
  return undefined;
}

function compare(actual: Value | undefined, op: string, expected: Value): boolean {
  if (actual === undefined) return op === '!=' || op === '!~';
  switch (op) {
    case '=':
      return String(actual) === String(expected);
    case '!=':
      return String(actual) !== String(expected);
    case '=~':
      return new RegExp(`^(?:${expected})$`).test(String(actual));
    case '!~':
      return !new RegExp(`^(?:${expected})$`).test(String(actual));
    case '>':
      return Number(actual) > Number(expected);
    case '>=':
      return Number(actual) >= Number(expected);
    case '<':
      return Number(actual) < Number(expected);
    default:
      return Number(actual) <= Number(expected);
  }
}

const OPERATORS = ['=', '!=', '>', '>=', '<', '<=', '=~', '!~'];
const INTRINSICS = ['name', 'status', 'kind', 'duration'];

export function parseTraceQL(text: string): SpanFilter {
  const tokens = tokenize(text);
  let i = 0;
  const unexpected = (): never => {
    const t = tokens[i];
    throw new TraceQLError(
      t
        ? `parse error at line 1, col ${t.col}: syntax error: unexpected ${t.text}`
        : `parse error at line 1, col ${text.length + 1}: syntax error: unexpected $end`,
    );
  };
  if (tokens[i]?.text !== '{') unexpected();
  i++;
  const conditions: SpanFilter[] = [];
  while (tokens[i] && tokens[i].text !== '}') {
    if (conditions.length > 0) {
      if (tokens[i].text !== '&&') unexpected();
      i++;
    }
    const attr = tokens[i]?.text;
    if (!attr || !(attr.includes('.') || INTRINSICS.includes(attr))) unexpected();
    i++;
    const op = tokens[i]?.text;
    if (!op || !OPERATORS.includes(op)) unexpected();
    i++;
    const raw = tokens[i]?.text;
    if (!raw || ['{', '}', '&&', ...OPERATORS].includes(raw)) unexpected();
    i++;
    const value = parseValue(raw!);
    if (op === '=~' || op === '!~') {
      try {
        RegExp(String(value));
      } catch {
        throw new TraceQLError(`invalid regex: ${value}`);
      }
    }
    conditions.push(span => compare(attributeOf(span, attr!), op!, value));
  }
  if (tokens[i]?.text !== '}') unexpected();
  i++;
  if (i < tokens.length) unexpected();
  return span => conditions.every(c => c(span));
}

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


import { PromQLError } from './ast';

// PromQL's tokens: identifiers, numbers, strings, durations and operators, with their positions.

export interface Token {
  kind: 'ident' | 'number' | 'string' | 'duration' | 'op' | 'eof';
  text: string;
  pos: number;
}

const OPS = [
  '==',
  '!=',
  '=~',
  '!~',
  '>=',
  '<=',
  '>',
  '<',
  '=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '@',
];
const DURATION_UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};
const DURATION = /^((?:\d+(?:ms|s|m|h|d|w|y))+)(?![a-zA-Z0-9_])/;

function unquote(raw: string, quote: string, pos: number): string {
  if (quote === '`') return raw;
  const escapes: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    '\\': '\\',
    '"': '"',
    "'": "'",
    a: '\x07',
    b: '\b',
    f: '\f',
    v: '\v',
  };
  return raw.replace(/\\(.)/g, (_, c: string) => {
    if (escapes[c] === undefined)
      throw new PromQLError(
        `1:${pos + 1}: parse error: unknown escape sequence`,
      );
    return escapes[c];
  });
}

export function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = text.slice(i);
    const prev = tokens[tokens.length - 1];
    const durationContext =
      prev &&
      ((prev.kind === 'op' && (prev.text === '[' || prev.text === ':')) ||
        (prev.kind === 'ident' && prev.text === 'offset'));
    const d = DURATION.exec(rest);
    if (durationContext && d) {
      tokens.push({ kind: 'duration', text: d[1], pos: i });
      i += d[1].length;
      continue;
    }
    const num =
      /^(?:0x[0-9a-f]+|\d+\.?\d*(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?)/i.exec(
        rest,
      );
    if (num) {
      if (/^[a-zA-Z_]/.test(rest.slice(num[0].length))) {
        throw new PromQLError(
          `1:${
            i + 1
          }: parse error: bad number or duration syntax: "${rest.slice(
            0,
            num[0].length + 1,
          )}"`,
        );
      }
      tokens.push({ kind: 'number', text: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    if (c === ':' && prev?.kind === 'duration') {
      // The colon of a subquery ("[5m:1m]"), not the start of a metric name.
      tokens.push({ kind: 'op', text: ':', pos: i });
      i++;
      continue;
    }
    const ident = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(rest);
    if (ident) {
      const special = /^(inf|nan)$/i.test(ident[0]);
      tokens.push({
        kind: special ? 'number' : 'ident',
        text: ident[0],
        pos: i,
      });
      i += ident[0].length;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (
        j < text.length &&
        text[j] !== c &&
        !(c !== '`' && text[j] === '\n')
      )
        j += text[j] === '\\' && c !== '`' ? 2 : 1;
      if (j >= text.length || text[j] !== c)
        throw new PromQLError(
          `1:${i + 1}: parse error: unterminated quoted string ${c}`,
        );
      tokens.push({
        kind: 'string',
        text: unquote(text.slice(i + 1, j), c, i),
        pos: i,
      });
      i = j + 1;
      continue;
    }
    const op = OPS.find(o => rest.startsWith(o));
    if (!op)
      throw new PromQLError(
        `1:${i + 1}: parse error: unexpected character: '${c}'`,
      );
    tokens.push({ kind: 'op', text: op, pos: i });
    i += op.length;
  }
  tokens.push({ kind: 'eof', text: '', pos: text.length });
  return tokens;
}

export function durationMs(text: string): number {
  let total = 0;
  for (const m of text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g))
    total += Number(m[1]) * DURATION_UNITS[m[2]];
  return total;
}

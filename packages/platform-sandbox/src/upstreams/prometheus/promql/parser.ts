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

import { LabelMatcher } from '../../alerts/matchers';
import { AGGREGATE_OPS, AggregateOp, BinaryOp, COMPARISON_OPS, Expr, FUNCTIONS, PromQLError } from './ast';

interface Token {
  kind: 'ident' | 'number' | 'string' | 'duration' | 'op' | 'eof';
  text: string;
  pos: number;
}

const OPS = ['==', '!=', '=~', '!~', '>=', '<=', '>', '<', '=', '+', '-', '*', '/', '(', ')', '{', '}', '[', ']', ','];
const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let inBracket = false;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = text.slice(i);
    if (inBracket) {
      const d = /^((?:\d+(?:ms|s|m|h|d|w|y))+)/.exec(rest);
      if (d) {
        tokens.push({ kind: 'duration', text: d[1], pos: i });
        i += d[1].length;
        continue;
      }
    }
    const num = /^(?:\d+\.?\d*(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?)/i.exec(rest);
    if (num) {
      tokens.push({ kind: 'number', text: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    const ident = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(rest);
    if (ident) {
      const special = /^(inf|nan)$/i.test(ident[0]);
      tokens.push({ kind: special ? 'number' : 'ident', text: ident[0], pos: i });
      i += ident[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) throw new PromQLError(`1:${i + 1}: parse error: unterminated quoted string ${c}`);
      tokens.push({ kind: 'string', text: text.slice(i + 1, j).replace(/\\(.)/g, '$1'), pos: i });
      i = j + 1;
      continue;
    }
    const op = OPS.find(o => rest.startsWith(o));
    if (!op) throw new PromQLError(`1:${i + 1}: parse error: unexpected character: '${c}'`);
    if (op === '[') inBracket = true;
    if (op === ']') inBracket = false;
    tokens.push({ kind: 'op', text: op, pos: i });
    i += op.length;
  }
  tokens.push({ kind: 'eof', text: '', pos: text.length });
  return tokens;
}

function durationMs(text: string): number {
  let total = 0;
  for (const m of text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) total += Number(m[1]) * DURATION_UNITS[m[2]];
  return total;
}

const PRECEDENCE: Array<readonly string[]> = [COMPARISON_OPS, ['+', '-'], ['*', '/']];

/** Parses the PromQL subset into an expression tree; throws PromQLError with Prometheus-style positions. */
export function parsePromQL(input: string): Expr {
  const tokens = lex(input);
  let p = 0;
  const peek = () => tokens[p];
  const describe = (t: Token) => {
    if (t.kind === 'eof') return '<EOF>';
    if (t.kind === 'ident') return `identifier "${t.text}"`;
    if (t.kind === 'number') return `number "${t.text}"`;
    if (t.kind === 'string') return `string "${t.text}"`;
    return `"${t.text}"`;
  };
  const fail = (t: Token, context = ''): never => {
    throw new PromQLError(`1:${t.pos + 1}: parse error: unexpected ${describe(t)}${context}`);
  };
  const expect = (wanted: string) => {
    if (peek().text !== wanted || peek().kind === 'string') fail(peek(), ` expected "${wanted}"`);
    return tokens[p++];
  };

  function labelList(): string[] {
    expect('(');
    const labels: string[] = [];
    while (peek().text !== ')') {
      if (peek().kind !== 'ident') fail(peek(), ' in grouping opts, expected label');
      labels.push(tokens[p++].text);
      if (peek().text === ',') p++;
      else if (peek().text !== ')') fail(peek(), ' in grouping opts, expected "," or ")"');
    }
    p++;
    return labels;
  }

  function matchers(): LabelMatcher[] {
    expect('{');
    const out: LabelMatcher[] = [];
    while (peek().text !== '}') {
      const name = peek();
      if (name.kind !== 'ident') fail(name, ' in label matching, expected label');
      p++;
      const op = peek();
      if (!['=', '!=', '=~', '!~'].includes(op.text) || op.kind !== 'op') fail(op, ' in label matching, expected one of "=", "!=", "=~" or "!~"');
      p++;
      const value = peek();
      if (value.kind !== 'string') fail(value, ' in label matching, expected string');
      p++;
      if (op.text.includes('~')) {
        try {
          RegExp(value.text);
        } catch {
          throw new PromQLError(`1:${value.pos + 1}: parse error: error parsing regexp: invalid regex "${value.text}"`);
        }
      }
      out.push({ name: name.text, value: value.text, isRegex: op.text.includes('~'), isEqual: !op.text.startsWith('!') });
      if (peek().text === ',') p++;
      else if (peek().text !== '}') fail(peek(), ' in label matching, expected "," or "}"');
    }
    p++;
    return out;
  }

  function selector(): Expr {
    let name: string | undefined;
    if (peek().kind === 'ident') name = tokens[p++].text;
    const ms = peek().text === '{' && peek().kind === 'op' ? matchers() : [];
    if (!name && !ms.some(m => m.isEqual && !(m.isRegex && new RegExp(`^(?:${m.value})$`).test('')))) {
      throw new PromQLError('vector selector must contain at least one non-empty matcher');
    }
    const expr: Expr = { type: 'selector', name, matchers: ms };
    if (peek().text === '[' && peek().kind === 'op') {
      p++;
      const d = peek();
      if (d.kind !== 'duration') fail(d, ' in subquery or range selector, expected duration');
      p++;
      expect(']');
      expr.rangeMs = durationMs(d.text);
    }
    return expr;
  }

  function primary(): Expr {
    const t = peek();
    if (t.kind === 'number') {
      p++;
      return { type: 'number', value: Number(t.text.replace(/^inf$/i, 'Infinity').replace(/^nan$/i, 'NaN')) };
    }
    if (t.kind === 'op' && t.text === '(') {
      p++;
      const inner = expression(0);
      expect(')');
      return inner;
    }
    if (t.kind === 'op' && t.text === '-') {
      p++;
      const operand = primary();
      return { type: 'binary', op: '*', bool: false, lhs: { type: 'number', value: -1 }, rhs: operand };
    }
    if (t.kind === 'ident' && (AGGREGATE_OPS as readonly string[]).includes(t.text) && ['(', 'by', 'without'].includes(tokens[p + 1].text)) {
      p++;
      const agg: Expr = { type: 'aggregate', op: t.text as AggregateOp, expr: { type: 'number', value: 0 } };
      const grouping = () => {
        if (peek().text === 'by') {
          p++;
          agg.by = labelList();
        } else if (peek().text === 'without') {
          p++;
          agg.without = labelList();
        }
      };
      grouping();
      expect('(');
      agg.expr = expression(0);
      expect(')');
      if (!agg.by && !agg.without) grouping();
      return agg;
    }
    if (t.kind === 'ident' && tokens[p + 1].text === '(' && tokens[p + 1].kind === 'op') {
      const kinds = FUNCTIONS[t.text];
      if (!kinds) throw new PromQLError(`1:${t.pos + 1}: parse error: unknown function with name "${t.text}"`);
      p += 2;
      const args: Expr[] = [];
      while (peek().text !== ')') {
        args.push(expression(0));
        if (peek().text === ',') p++;
        else if (peek().text !== ')') fail(peek(), ' in call, expected "," or ")"');
      }
      p++;
      if (args.length !== kinds.length) {
        throw new PromQLError(`1:${t.pos + 1}: parse error: expected ${kinds.length} argument(s) in call to "${t.text}", got ${args.length}`);
      }
      kinds.forEach((kind, i) => {
        const isRange = args[i].type === 'selector' && (args[i] as { rangeMs?: number }).rangeMs !== undefined;
        if (kind === 'range' && !isRange) {
          throw new PromQLError(`1:${t.pos + 1}: parse error: expected type range vector in call to function "${t.text}", got instant vector`);
        }
        if (kind === 'vector' && isRange) {
          throw new PromQLError(`1:${t.pos + 1}: parse error: expected type instant vector in call to function "${t.text}", got range vector`);
        }
      });
      return { type: 'call', fn: t.text, args };
    }
    if (t.kind === 'ident' || (t.kind === 'op' && t.text === '{')) return selector();
    return fail(t);
  }

  function expression(level: number): Expr {
    if (level >= PRECEDENCE.length) return primary();
    let lhs = expression(level + 1);
    while (peek().kind === 'op' && PRECEDENCE[level].includes(peek().text)) {
      const op = tokens[p++].text as BinaryOp;
      let bool = false;
      if (peek().kind === 'ident' && peek().text === 'bool') {
        if (!(COMPARISON_OPS as readonly string[]).includes(op)) fail(peek());
        bool = true;
        p++;
      }
      const rhs = expression(level + 1);
      if ((COMPARISON_OPS as readonly string[]).includes(op) && !bool && lhs.type === 'number' && rhs.type === 'number') {
        throw new PromQLError(`1:${tokens[p - 1].pos + 1}: parse error: comparisons between scalars must use BOOL modifier`);
      }
      lhs = { type: 'binary', op, bool, lhs, rhs };
    }
    return lhs;
  }

  const expr = expression(0);
  if (peek().kind !== 'eof') fail(peek());
  return expr;
}

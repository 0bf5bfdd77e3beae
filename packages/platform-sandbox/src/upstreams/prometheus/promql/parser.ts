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
import {
  AGGREGATE_OPS,
  AtModifier,
  AggregateOp,
  BinaryOp,
  COMPARISON_OPS,
  Expr,
  FUNCTIONS,
  PromQLError,
  SET_OPS,
  typeOf,
  VectorMatching,
} from './ast';
import { compileRegex } from './regex';

interface Token {
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

function lex(text: string): Token[] {
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

function durationMs(text: string): number {
  let total = 0;
  for (const m of text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g))
    total += Number(m[1]) * DURATION_UNITS[m[2]];
  return total;
}

/** Binary operators from the loosest to the tightest binding, as in Prometheus's grammar. */
const PRECEDENCE: Array<readonly string[]> = [
  ['or'],
  ['and', 'unless'],
  COMPARISON_OPS,
  ['+', '-'],
  ['*', '/', '%'],
];
const isComparison = (op: string) =>
  (COMPARISON_OPS as readonly string[]).includes(op);
const isSetOp = (op: string) => (SET_OPS as readonly string[]).includes(op);

/** Parses PromQL into an expression tree, type-checked as Prometheus's parser does; throws PromQLError. */
export function parsePromQL(input: string): Expr {
  const tokens = lex(input);
  let p = 0;
  const peek = () => tokens[p];
  const describe = (t: Token) => {
    if (t.kind === 'eof') return 'end of input';
    if (t.kind === 'ident') return `identifier "${t.text}"`;
    if (t.kind === 'number') return `number "${t.text}"`;
    if (t.kind === 'string') return `string "${t.text}"`;
    if (t.kind === 'duration') return `duration "${t.text}"`;
    return `"${t.text}"`;
  };
  const fail = (t: Token, context = ''): never => {
    if (t.kind === 'eof' && context.endsWith('")"'))
      throw new PromQLError(
        `1:${t.pos + 1}: parse error: unclosed left parenthesis`,
      );
    throw new PromQLError(
      `1:${t.pos + 1}: parse error: unexpected ${describe(t)}${context}`,
    );
  };
  const typeError = (t: Token, message: string): never => {
    throw new PromQLError(`1:${t.pos + 1}: parse error: ${message}`);
  };
  const isOp = (text: string) => peek().kind === 'op' && peek().text === text;
  const expect = (wanted: string, context = '') => {
    if (!isOp(wanted)) fail(peek(), `${context}, expected "${wanted}"`);
    return tokens[p++];
  };

  function labelList(): string[] {
    expect('(', ' in grouping opts');
    const labels: string[] = [];
    while (!isOp(')')) {
      if (peek().kind !== 'ident')
        fail(peek(), ' in grouping opts, expected label');
      labels.push(tokens[p++].text);
      if (isOp(',')) p++;
      else if (!isOp(')'))
        fail(peek(), ' in grouping opts, expected "," or ")"');
    }
    p++;
    return labels;
  }

  function matchers(): LabelMatcher[] {
    expect('{');
    const out: LabelMatcher[] = [];
    while (!isOp('}')) {
      const name = peek();
      if (name.kind !== 'ident')
        fail(name, ' in label matching, expected label');
      p++;
      const op = peek();
      if (!['=', '!=', '=~', '!~'].includes(op.text) || op.kind !== 'op')
        fail(op, ' in label matching, expected one of "=", "!=", "=~" or "!~"');
      p++;
      const value = peek();
      if (value.kind !== 'string')
        fail(value, ' in label matching, expected string');
      p++;
      if (op.text.includes('~')) {
        try {
          compileRegex(value.text);
        } catch {
          typeError(
            value,
            `error parsing regexp: invalid regex "${value.text}"`,
          );
        }
      }
      out.push({
        name: name.text,
        value: value.text,
        isRegex: op.text.includes('~'),
        isEqual: !op.text.startsWith('!'),
      });
      if (isOp(',')) p++;
      else if (!isOp('}'))
        fail(peek(), ' in label matching, expected "," or "}"');
    }
    p++;
    return out;
  }

  function selector(): Expr {
    const start = peek();
    let name: string | undefined;
    if (peek().kind === 'ident') name = tokens[p++].text;
    const ms = isOp('{') ? matchers() : [];
    if (name && ms.some(m => m.name === '__name__'))
      typeError(start, `metric name must not be set twice: "${name}"`);
    const matchesEmpty = (m: LabelMatcher) =>
      (m.isRegex ? compileRegex(m.value).test('') : m.value === '') ===
      m.isEqual;
    if (!name && ms.every(matchesEmpty))
      typeError(
        start,
        'vector selector must contain at least one non-empty matcher',
      );
    return { type: 'selector', name, matchers: ms, offsetMs: 0 };
  }

  function aggregate(t: Token): Expr {
    p++;
    const agg: Extract<Expr, { type: 'aggregate' }> = {
      type: 'aggregate',
      op: t.text as AggregateOp,
      expr: { type: 'number', value: 0 },
    };
    const grouping = () => {
      if (peek().kind === 'ident' && peek().text === 'by') {
        p++;
        agg.by = labelList();
      } else if (peek().kind === 'ident' && peek().text === 'without') {
        p++;
        agg.without = labelList();
      }
    };
    grouping();
    const open = expect('(', ' in aggregation');
    const args: Expr[] = [];
    while (!isOp(')')) {
      args.push(expression(0));
      if (isOp(',')) p++;
      else if (!isOp(')')) fail(peek(), ' in aggregation, expected "," or ")"');
    }
    p++;
    if (!agg.by && !agg.without) grouping();
    const parametric = ['topk', 'bottomk', 'quantile', 'count_values'].includes(
      agg.op,
    );
    if (args.length !== (parametric ? 2 : 1))
      typeError(
        open,
        `wrong number of arguments for aggregate expression provided, expected ${
          parametric ? 2 : 1
        }, got ${args.length}`,
      );
    if (parametric) {
      agg.param = args[0];
      const want = agg.op === 'count_values' ? 'string' : 'scalar';
      if (typeOf(args[0]) !== want)
        typeError(
          t,
          `expected type ${want} in aggregation parameter, got ${typeName(
            typeOf(args[0]),
          )}`,
        );
    }
    agg.expr = args[args.length - 1];
    if (typeOf(agg.expr) !== 'vector')
      typeError(
        t,
        `expected type instant vector in aggregation expression, got ${typeName(
          typeOf(agg.expr),
        )}`,
      );
    return agg;
  }

  function call(t: Token): Expr {
    const fn = FUNCTIONS[t.text];
    if (!fn) typeError(t, `unknown function with name "${t.text}"`);
    p += 2;
    const args: Expr[] = [];
    while (!isOp(')')) {
      args.push(expression(0));
      if (isOp(',')) p++;
      else if (!isOp(')')) fail(peek(), ' in call, expected "," or ")"');
    }
    p++;
    const required = fn.args.filter(a => !a.endsWith('?')).length;
    if (args.length < required || args.length > fn.args.length) {
      typeError(
        t,
        `expected ${fn.args.length === required ? '' : 'at most '}${
          args.length < required ? required : fn.args.length
        } argument(s) in call to "${t.text}", got ${args.length}`,
      );
    }
    args.forEach((arg, i) => {
      const want = fn.args[i].replace('?', '');
      if (typeOf(arg) !== want)
        typeError(
          t,
          `expected type ${typeName(want)} in call to function "${
            t.text
          }", got ${typeName(typeOf(arg))}`,
        );
    });
    return { type: 'call', fn: t.text, args };
  }

  function primary(): Expr {
    const t = peek();
    if (t.kind === 'number') {
      p++;
      const text = t.text
        .replace(/^inf$/i, 'Infinity')
        .replace(/^nan$/i, 'NaN');
      return {
        type: 'number',
        value: /^0x/i.test(text) ? parseInt(text, 16) : Number(text),
      };
    }
    if (t.kind === 'string') {
      p++;
      return { type: 'string', value: t.text };
    }
    if (t.kind === 'op' && t.text === '(') {
      p++;
      const inner = expression(0);
      expect(')');
      return inner;
    }
    if (
      t.kind === 'ident' &&
      (AGGREGATE_OPS as readonly string[]).includes(t.text) &&
      ['(', 'by', 'without'].includes(tokens[p + 1].text)
    ) {
      return aggregate(t);
    }
    if (
      t.kind === 'ident' &&
      tokens[p + 1].text === '(' &&
      tokens[p + 1].kind === 'op'
    )
      return call(t);
    if (t.kind === 'ident' || (t.kind === 'op' && t.text === '{'))
      return selector();
    return fail(t);
  }

  /** Range selectors, subqueries and offsets after a primary expression. */
  function postfix(): Expr {
    let expr = primary();
    for (;;) {
      if (isOp('[')) {
        const open = tokens[p++];
        const d = peek();
        if (d.kind !== 'duration')
          fail(d, ' in subquery or range selector, expected duration');
        p++;
        const rangeMs = durationMs(d.text);
        if (isOp(':')) {
          p++;
          let stepMs: number | undefined;
          if (peek().kind === 'duration') stepMs = durationMs(tokens[p++].text);
          expect(']', ' in subquery selector');
          if (typeOf(expr) !== 'vector')
            typeError(
              open,
              `subquery is only allowed on instant vector, got ${typeName(
                typeOf(expr),
              )} instead`,
            );
          expr = { type: 'subquery', expr, rangeMs, stepMs, offsetMs: 0 };
        } else {
          expect(']', ' in range selector');
          if (
            expr.type !== 'selector' ||
            expr.rangeMs !== undefined ||
            expr.offsetMs !== 0
          )
            typeError(open, 'ranges only allowed for vector selectors');
          expr = { ...(expr as Extract<Expr, { type: 'selector' }>), rangeMs };
        }
        continue;
      }
      if (peek().kind === 'ident' && peek().text === 'offset') {
        const at = tokens[p++];
        let sign = 1;
        if (isOp('-')) {
          p++;
          sign = -1;
        }
        const d = peek();
        if (d.kind !== 'duration') fail(d, ' in offset, expected duration');
        p++;
        if (expr.type !== 'selector' && expr.type !== 'subquery')
          typeError(
            at,
            'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery',
          );
        if ((expr as { offsetMs: number }).offsetMs !== 0)
          typeError(at, 'offset may not be set multiple times');
        expr = {
          ...(expr as Extract<Expr, { type: 'selector' | 'subquery' }>),
          offsetMs: sign * durationMs(d.text),
        } as Expr;
        continue;
      }
      if (isOp('@')) {
        const at = tokens[p++];
        if (expr.type !== 'selector' && expr.type !== 'subquery')
          typeError(
            at,
            '@ modifier must be preceded by an instant vector selector or range vector selector or a subquery',
          );
        if ((expr as { atMs?: AtModifier }).atMs !== undefined)
          typeError(at, '@ <timestamp> may not be set multiple times');
        let atMs: AtModifier;
        const t = peek();
        if (t.kind === 'ident' && (t.text === 'start' || t.text === 'end')) {
          p++;
          expect('(');
          expect(')');
          atMs = t.text;
        } else {
          let sign = 1;
          if (isOp('-') || isOp('+')) sign = tokens[p++].text === '-' ? -1 : 1;
          const n = peek();
          if (n.kind !== 'number') fail(n, ' in @, expected timestamp');
          p++;
          atMs = Math.round(sign * Number(n.text) * 1000);
          if (!Number.isFinite(atMs))
            typeError(n, 'timestamp out of bounds for @ modifier');
        }
        expr = {
          ...(expr as Extract<Expr, { type: 'selector' | 'subquery' }>),
          atMs,
        } as Expr;
        continue;
      }
      return expr;
    }
  }

  /** '^' binds tighter than unary minus and associates to the right. */
  function power(): Expr {
    const lhs = postfix();
    if (isOp('^')) {
      const opToken = tokens[p++];
      const rhs = unary();
      return binary(opToken, '^', false, undefined, lhs, rhs);
    }
    return lhs;
  }

  function unary(): Expr {
    if (isOp('-') || isOp('+')) {
      const sign = tokens[p++];
      const operand = unary();
      const kind = typeOf(operand);
      if (kind !== 'scalar' && kind !== 'vector')
        typeError(
          sign,
          `unary expression only allowed on expressions of type scalar or instant vector, got "${typeName(
            kind,
          )}"`,
        );
      if (sign.text === '+') return operand;
      if (operand.type === 'number')
        return { type: 'number', value: -operand.value };
      return {
        type: 'binary',
        op: '*',
        bool: false,
        lhs: { type: 'number', value: -1 },
        rhs: operand,
      };
    }
    return power();
  }

  function modifiers(op: string): { bool: boolean; matching?: VectorMatching } {
    let bool = false;
    if (peek().kind === 'ident' && peek().text === 'bool') {
      if (!isComparison(op))
        typeError(
          peek(),
          'bool modifier can only be used on comparison operators',
        );
      bool = true;
      p++;
    }
    let matching: VectorMatching | undefined;
    if (
      peek().kind === 'ident' &&
      (peek().text === 'on' || peek().text === 'ignoring')
    ) {
      const on = tokens[p++].text === 'on';
      matching = {
        card: isSetOp(op) ? 'many-to-many' : 'one-to-one',
        on,
        labels: labelList(),
        include: [],
      };
      if (
        peek().kind === 'ident' &&
        (peek().text === 'group_left' || peek().text === 'group_right')
      ) {
        const side = tokens[p++];
        if (isSetOp(op))
          typeError(side, `no grouping allowed for "${op}" operation`);
        matching.card =
          side.text === 'group_left' ? 'many-to-one' : 'one-to-many';
        if (isOp('(')) matching.include = labelList();
      }
    }
    return { bool, matching };
  }

  function binary(
    opToken: Token,
    op: BinaryOp,
    bool: boolean,
    matching: VectorMatching | undefined,
    lhs: Expr,
    rhs: Expr,
  ): Expr {
    const lt = typeOf(lhs);
    const rt = typeOf(rhs);
    if (
      (lt !== 'scalar' && lt !== 'vector') ||
      (rt !== 'scalar' && rt !== 'vector')
    ) {
      typeError(
        opToken,
        'binary expression must contain only scalar and instant vector types',
      );
    }
    if (isSetOp(op) && (lt === 'scalar' || rt === 'scalar')) {
      typeError(
        opToken,
        `set operator "${op}" not allowed in binary scalar expression`,
      );
    }
    if (matching && (lt === 'scalar' || rt === 'scalar'))
      typeError(
        opToken,
        'vector matching only allowed between instant vectors',
      );
    if (isComparison(op) && !bool && lt === 'scalar' && rt === 'scalar') {
      typeError(opToken, 'comparisons between scalars must use BOOL modifier');
    }
    if (matching && matching.card !== 'many-to-many') {
      for (const l of matching.include) {
        if (matching.on && matching.labels.includes(l))
          typeError(
            opToken,
            `label "${l}" must not occur in ON and GROUP clause at once`,
          );
      }
    }
    const setMatching: VectorMatching | undefined =
      !matching && isSetOp(op)
        ? { card: 'many-to-many', on: false, labels: [], include: [] }
        : matching;
    return { type: 'binary', op, bool, matching: setMatching, lhs, rhs };
  }

  function expression(level: number): Expr {
    if (level >= PRECEDENCE.length) return unary();
    let lhs = expression(level + 1);
    while (
      (peek().kind === 'op' || peek().kind === 'ident') &&
      PRECEDENCE[level].includes(peek().text)
    ) {
      const opToken = tokens[p++];
      const { bool, matching } = modifiers(opToken.text);
      const rhs = expression(level + 1);
      lhs = binary(opToken, opToken.text as BinaryOp, bool, matching, lhs, rhs);
    }
    return lhs;
  }

  if (peek().kind === 'eof')
    throw new PromQLError('1:1: parse error: no expression found in input');
  const expr = expression(0);
  if (peek().kind !== 'eof') fail(peek());
  return expr;
}

function typeName(kind: string): string {
  if (kind === 'vector') return 'instant vector';
  if (kind === 'matrix') return 'range vector';
  return kind;
}

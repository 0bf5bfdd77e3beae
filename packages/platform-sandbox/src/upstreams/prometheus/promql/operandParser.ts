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
import { AGGREGATE_OPS, AggregateOp, AtModifier, Expr, FUNCTIONS, typeOf } from './ast';
import { durationMs, Token } from './lexer';
import { compileRegex } from './regex';
import { TokenCursor, typeName } from './tokenCursor';

/**
 * The operands of PromQL's grammar: selectors, aggregations, function calls,
 * literals and parentheses, with their range, subquery, offset and @ suffixes.
 */
export abstract class OperandParser extends TokenCursor {
  /** An expression whose operators bind at `level` or tighter (0: any). */
  protected abstract expression(level: number): Expr;

  protected labelList(): string[] {
    this.expect('(', ' in grouping opts');
    const labels: string[] = [];
    while (!this.isOp(')')) {
      if (this.peek().kind !== 'ident')
        this.fail(this.peek(), ' in grouping opts, expected label');
      labels.push(this.tokens[this.p++].text);
      if (this.isOp(',')) this.p++;
      else if (!this.isOp(')'))
        this.fail(this.peek(), ' in grouping opts, expected "," or ")"');
    }
    this.p++;
    return labels;
  }

  protected matchers(): LabelMatcher[] {
    this.expect('{');
    const out: LabelMatcher[] = [];
    while (!this.isOp('}')) {
      const name = this.peek();
      if (name.kind !== 'ident')
        this.fail(name, ' in label matching, expected label');
      this.p++;
      const op = this.peek();
      if (!['=', '!=', '=~', '!~'].includes(op.text) || op.kind !== 'op')
        this.fail(op, ' in label matching, expected one of "=", "!=", "=~" or "!~"');
      this.p++;
      const value = this.peek();
      if (value.kind !== 'string')
        this.fail(value, ' in label matching, expected string');
      this.p++;
      if (op.text.includes('~')) {
        try {
          compileRegex(value.text);
        } catch {
          this.typeError(
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
      if (this.isOp(',')) this.p++;
      else if (!this.isOp('}'))
        this.fail(this.peek(), ' in label matching, expected "," or "}"');
    }
    this.p++;
    return out;
  }

  protected selector(): Expr {
    const start = this.peek();
    let name: string | undefined;
    if (this.peek().kind === 'ident') name = this.tokens[this.p++].text;
    const ms = this.isOp('{') ? this.matchers() : [];
    if (name && ms.some(m => m.name === '__name__'))
      this.typeError(start, `metric name must not be set twice: "${name}"`);
    const matchesEmpty = (m: LabelMatcher) =>
      (m.isRegex ? compileRegex(m.value).test('') : m.value === '') ===
      m.isEqual;
    if (!name && ms.every(matchesEmpty))
      this.typeError(
        start,
        'vector selector must contain at least one non-empty matcher',
      );
    return { type: 'selector', name, matchers: ms, offsetMs: 0 };
  }

  protected aggregate(t: Token): Expr {
    this.p++;
    const agg: Extract<Expr, { type: 'aggregate' }> = {
      type: 'aggregate',
      op: t.text as AggregateOp,
      expr: { type: 'number', value: 0 },
    };
    const grouping = () => {
      if (this.peek().kind === 'ident' && this.peek().text === 'by') {
        this.p++;
        agg.by = this.labelList();
      } else if (this.peek().kind === 'ident' && this.peek().text === 'without') {
        this.p++;
        agg.without = this.labelList();
      }
    };
    grouping();
    const open = this.expect('(', ' in aggregation');
    const args: Expr[] = [];
    while (!this.isOp(')')) {
      args.push(this.expression(0));
      if (this.isOp(',')) this.p++;
      else if (!this.isOp(')')) this.fail(this.peek(), ' in aggregation, expected "," or ")"');
    }
    this.p++;
    if (!agg.by && !agg.without) grouping();
    const parametric = ['topk', 'bottomk', 'quantile', 'count_values'].includes(
      agg.op,
    );
    if (args.length !== (parametric ? 2 : 1))
      this.typeError(
        open,
        `wrong number of arguments for aggregate expression provided, expected ${
          parametric ? 2 : 1
        }, got ${args.length}`,
      );
    if (parametric) {
      agg.param = args[0];
      const want = agg.op === 'count_values' ? 'string' : 'scalar';
      if (typeOf(args[0]) !== want)
        this.typeError(
          t,
          `expected type ${want} in aggregation parameter, got ${typeName(
            typeOf(args[0]),
          )}`,
        );
    }
    agg.expr = args[args.length - 1];
    if (typeOf(agg.expr) !== 'vector')
      this.typeError(
        t,
        `expected type instant vector in aggregation expression, got ${typeName(
          typeOf(agg.expr),
        )}`,
      );
    return agg;
  }

  protected call(t: Token): Expr {
    const fn = FUNCTIONS[t.text];
    if (!fn) this.typeError(t, `unknown function with name "${t.text}"`);
    this.p += 2;
    const args: Expr[] = [];
    while (!this.isOp(')')) {
      args.push(this.expression(0));
      if (this.isOp(',')) this.p++;
      else if (!this.isOp(')')) this.fail(this.peek(), ' in call, expected "," or ")"');
    }
    this.p++;
    const required = fn.args.filter(a => !a.endsWith('?')).length;
    if (args.length < required || args.length > fn.args.length) {
      this.typeError(
        t,
        `expected ${fn.args.length === required ? '' : 'at most '}${
          args.length < required ? required : fn.args.length
        } argument(s) in call to "${t.text}", got ${args.length}`,
      );
    }
    args.forEach((arg, i) => {
      const want = fn.args[i].replace('?', '');
      if (typeOf(arg) !== want)
        this.typeError(
          t,
          `expected type ${typeName(want)} in call to function "${
            t.text
          }", got ${typeName(typeOf(arg))}`,
        );
    });
    return { type: 'call', fn: t.text, args };
  }

  protected primary(): Expr {
    const t = this.peek();
    if (t.kind === 'number') {
      this.p++;
      const text = t.text
        .replace(/^inf$/i, 'Infinity')
        .replace(/^nan$/i, 'NaN');
      return {
        type: 'number',
        value: /^0x/i.test(text) ? parseInt(text, 16) : Number(text),
      };
    }
    if (t.kind === 'string') {
      this.p++;
      return { type: 'string', value: t.text };
    }
    if (t.kind === 'op' && t.text === '(') {
      this.p++;
      const inner = this.expression(0);
      this.expect(')');
      return inner;
    }
    if (
      t.kind === 'ident' &&
      (AGGREGATE_OPS as readonly string[]).includes(t.text) &&
      ['(', 'by', 'without'].includes(this.tokens[this.p + 1].text)
    ) {
      return this.aggregate(t);
    }
    if (
      t.kind === 'ident' &&
      this.tokens[this.p + 1].text === '(' &&
      this.tokens[this.p + 1].kind === 'op'
    )
      return this.call(t);
    if (t.kind === 'ident' || (t.kind === 'op' && t.text === '{'))
      return this.selector();
    return this.fail(t);
  }

  /** Range selectors, subqueries and offsets after a primary expression. */
  protected postfix(): Expr {
    let expr = this.primary();
    for (;;) {
      if (this.isOp('[')) {
        const open = this.tokens[this.p++];
        const d = this.peek();
        if (d.kind !== 'duration')
          this.fail(d, ' in subquery or range selector, expected duration');
        this.p++;
        const rangeMs = durationMs(d.text);
        if (this.isOp(':')) {
          this.p++;
          let stepMs: number | undefined;
          if (this.peek().kind === 'duration') stepMs = durationMs(this.tokens[this.p++].text);
          this.expect(']', ' in subquery selector');
          if (typeOf(expr) !== 'vector')
            this.typeError(
              open,
              `subquery is only allowed on instant vector, got ${typeName(
                typeOf(expr),
              )} instead`,
            );
          expr = { type: 'subquery', expr, rangeMs, stepMs, offsetMs: 0 };
        } else {
          this.expect(']', ' in range selector');
          if (
            expr.type !== 'selector' ||
            expr.rangeMs !== undefined ||
            expr.offsetMs !== 0
          )
            this.typeError(open, 'ranges only allowed for vector selectors');
          expr = { ...(expr as Extract<Expr, { type: 'selector' }>), rangeMs };
        }
        continue;
      }
      if (this.peek().kind === 'ident' && this.peek().text === 'offset') {
        const at = this.tokens[this.p++];
        let sign = 1;
        if (this.isOp('-')) {
          this.p++;
          sign = -1;
        }
        const d = this.peek();
        if (d.kind !== 'duration') this.fail(d, ' in offset, expected duration');
        this.p++;
        if (expr.type !== 'selector' && expr.type !== 'subquery')
          this.typeError(
            at,
            'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery',
          );
        if ((expr as { offsetMs: number }).offsetMs !== 0)
          this.typeError(at, 'offset may not be set multiple times');
        expr = {
          ...(expr as Extract<Expr, { type: 'selector' | 'subquery' }>),
          offsetMs: sign * durationMs(d.text),
        } as Expr;
        continue;
      }
      if (this.isOp('@')) {
        const at = this.tokens[this.p++];
        if (expr.type !== 'selector' && expr.type !== 'subquery')
          this.typeError(
            at,
            '@ modifier must be preceded by an instant vector selector or range vector selector or a subquery',
          );
        if ((expr as { atMs?: AtModifier }).atMs !== undefined)
          this.typeError(at, '@ <timestamp> may not be set multiple times');
        let atMs: AtModifier;
        const t = this.peek();
        if (t.kind === 'ident' && (t.text === 'start' || t.text === 'end')) {
          this.p++;
          this.expect('(');
          this.expect(')');
          atMs = t.text;
        } else {
          let sign = 1;
          if (this.isOp('-') || this.isOp('+')) sign = this.tokens[this.p++].text === '-' ? -1 : 1;
          const n = this.peek();
          if (n.kind !== 'number') this.fail(n, ' in @, expected timestamp');
          this.p++;
          atMs = Math.round(sign * Number(n.text) * 1000);
          if (!Number.isFinite(atMs))
            this.typeError(n, 'timestamp out of bounds for @ modifier');
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
}

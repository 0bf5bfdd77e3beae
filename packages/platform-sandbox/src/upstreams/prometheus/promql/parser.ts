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


import { BinaryOp, COMPARISON_OPS, Expr, PromQLError, SET_OPS, typeOf, VectorMatching } from './ast';
import { lex, Token } from './lexer';
import { OperandParser } from './operandParser';
import { typeName } from './tokenCursor';

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

/** Binary and unary operators over the operands, by Prometheus's precedence. */
class PromQLParser extends OperandParser {
  /** '^' binds tighter than unary minus and associates to the right. */
  protected power(): Expr {
    const lhs = this.postfix();
    if (this.isOp('^')) {
      const opToken = this.tokens[this.p++];
      const rhs = this.unary();
      return this.binary(opToken, '^', false, undefined, lhs, rhs);
    }
    return lhs;
  }

  protected unary(): Expr {
    if (this.isOp('-') || this.isOp('+')) {
      const sign = this.tokens[this.p++];
      const operand = this.unary();
      const kind = typeOf(operand);
      if (kind !== 'scalar' && kind !== 'vector')
        this.typeError(
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
    return this.power();
  }

  protected modifiers(op: string): { bool: boolean; matching?: VectorMatching } {
    let bool = false;
    if (this.peek().kind === 'ident' && this.peek().text === 'bool') {
      if (!isComparison(op))
        this.typeError(
          this.peek(),
          'bool modifier can only be used on comparison operators',
        );
      bool = true;
      this.p++;
    }
    let matching: VectorMatching | undefined;
    if (
      this.peek().kind === 'ident' &&
      (this.peek().text === 'on' || this.peek().text === 'ignoring')
    ) {
      const on = this.tokens[this.p++].text === 'on';
      matching = {
        card: isSetOp(op) ? 'many-to-many' : 'one-to-one',
        on,
        labels: this.labelList(),
        include: [],
      };
      if (
        this.peek().kind === 'ident' &&
        (this.peek().text === 'group_left' || this.peek().text === 'group_right')
      ) {
        const side = this.tokens[this.p++];
        if (isSetOp(op))
          this.typeError(side, `no grouping allowed for "${op}" operation`);
        matching.card =
          side.text === 'group_left' ? 'many-to-one' : 'one-to-many';
        if (this.isOp('(')) matching.include = this.labelList();
      }
    }
    return { bool, matching };
  }

  protected binary(
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
      this.typeError(
        opToken,
        'binary expression must contain only scalar and instant vector types',
      );
    }
    if (isSetOp(op) && (lt === 'scalar' || rt === 'scalar')) {
      this.typeError(
        opToken,
        `set operator "${op}" not allowed in binary scalar expression`,
      );
    }
    if (matching && (lt === 'scalar' || rt === 'scalar'))
      this.typeError(
        opToken,
        'vector matching only allowed between instant vectors',
      );
    if (isComparison(op) && !bool && lt === 'scalar' && rt === 'scalar') {
      this.typeError(opToken, 'comparisons between scalars must use BOOL modifier');
    }
    if (matching && matching.card !== 'many-to-many') {
      for (const l of matching.include) {
        if (matching.on && matching.labels.includes(l))
          this.typeError(
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

  protected expression(level: number): Expr {
    if (level >= PRECEDENCE.length) return this.unary();
    let lhs = this.expression(level + 1);
    while (
      (this.peek().kind === 'op' || this.peek().kind === 'ident') &&
      PRECEDENCE[level].includes(this.peek().text)
    ) {
      const opToken = this.tokens[this.p++];
      const { bool, matching } = this.modifiers(opToken.text);
      const rhs = this.expression(level + 1);
      lhs = this.binary(opToken, opToken.text as BinaryOp, bool, matching, lhs, rhs);
    }
    return lhs;
  }

  parse(): Expr {
    if (this.peek().kind === 'eof')
      throw new PromQLError('1:1: parse error: no expression found in input');
    const expr = this.expression(0);
    if (this.peek().kind !== 'eof') this.fail(this.peek());
    return expr;
  }
}

/** Parses PromQL into an expression tree, type-checked as Prometheus's parser does; throws PromQLError. */
export function parsePromQL(input: string): Expr {
  return new PromQLParser(lex(input)).parse();
}

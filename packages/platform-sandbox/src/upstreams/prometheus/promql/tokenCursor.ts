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
import { Token } from './lexer';

/** The tokens and the position in them, with the parse errors Prometheus words. */
export class TokenCursor {
  protected p = 0;

  constructor(protected readonly tokens: Token[]) {}

  protected peek(): Token {
    return this.tokens[this.p];
  }

  protected describe(t: Token): string {
    if (t.kind === 'eof') return 'end of input';
    if (t.kind === 'ident') return `identifier "${t.text}"`;
    if (t.kind === 'number') return `number "${t.text}"`;
    if (t.kind === 'string') return `string "${t.text}"`;
    if (t.kind === 'duration') return `duration "${t.text}"`;
    return `"${t.text}"`;
  }

  protected fail(t: Token, context = ''): never {
    if (t.kind === 'eof' && context.endsWith('")"'))
      throw new PromQLError(
        `1:${t.pos + 1}: parse error: unclosed left parenthesis`,
      );
    throw new PromQLError(
      `1:${t.pos + 1}: parse error: unexpected ${this.describe(t)}${context}`,
    );
  }

  protected typeError(t: Token, message: string): never {
    throw new PromQLError(`1:${t.pos + 1}: parse error: ${message}`);
  }

  protected isOp(text: string): boolean {
    return this.peek().kind === 'op' && this.peek().text === text;
  }

  protected expect(wanted: string, context = ''): Token {
    if (!this.isOp(wanted)) this.fail(this.peek(), `${context}, expected "${wanted}"`);
    return this.tokens[this.p++];
  }
}

export function typeName(kind: string): string {
  if (kind === 'vector') return 'instant vector';
  if (kind === 'matrix') return 'range vector';
  return kind;
}

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

export interface VectorMatching {
  card: 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';
  on: boolean;
  labels: string[];
  include: string[];
}

export type AtModifier = number | 'start' | 'end';

export type Expr =
  | { type: 'number'; value: number }
  | { type: 'string'; value: string }
  | {
      type: 'selector';
      name?: string;
      matchers: LabelMatcher[];
      rangeMs?: number;
      offsetMs: number;
      /** The `@` modifier: a time in ms, or the query's start or end. */
      atMs?: AtModifier;
    }
  | {
      type: 'subquery';
      expr: Expr;
      rangeMs: number;
      stepMs?: number;
      offsetMs: number;
      atMs?: AtModifier;
    }
  | { type: 'call'; fn: string; args: Expr[] }
  | {
      type: 'aggregate';
      op: AggregateOp;
      by?: string[];
      without?: string[];
      param?: Expr;
      expr: Expr;
    }
  | {
      type: 'binary';
      op: BinaryOp;
      bool: boolean;
      matching?: VectorMatching;
      lhs: Expr;
      rhs: Expr;
    };

export const AGGREGATE_OPS = [
  'sum',
  'count',
  'max',
  'min',
  'avg',
  'group',
  'stddev',
  'stdvar',
  'topk',
  'bottomk',
  'quantile',
  'count_values',
] as const;
export type AggregateOp = (typeof AGGREGATE_OPS)[number];

export const COMPARISON_OPS = ['==', '!=', '>', '<', '>=', '<='] as const;
export const SET_OPS = ['and', 'or', 'unless'] as const;
export type BinaryOp =
  | (typeof COMPARISON_OPS)[number]
  | (typeof SET_OPS)[number]
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '^';

export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

/** Functions the sandbox evaluates, with their argument types (a trailing '?' is optional), as Prometheus 2.42 declares them. */
export const FUNCTIONS: Record<string, { args: string[]; returns: ValueType }> =
  {
    abs: { args: ['vector'], returns: 'vector' },
    changes: { args: ['matrix'], returns: 'vector' },
    clamp: { args: ['vector', 'scalar', 'scalar'], returns: 'vector' },
    exp: { args: ['vector'], returns: 'vector' },
    idelta: { args: ['matrix'], returns: 'vector' },
    last_over_time: { args: ['matrix'], returns: 'vector' },
    ln: { args: ['vector'], returns: 'vector' },
    log10: { args: ['vector'], returns: 'vector' },
    log2: { args: ['vector'], returns: 'vector' },
    present_over_time: { args: ['matrix'], returns: 'vector' },
    quantile_over_time: { args: ['scalar', 'matrix'], returns: 'vector' },
    resets: { args: ['matrix'], returns: 'vector' },
    sgn: { args: ['vector'], returns: 'vector' },
    sqrt: { args: ['vector'], returns: 'vector' },
    stddev_over_time: { args: ['matrix'], returns: 'vector' },
    stdvar_over_time: { args: ['matrix'], returns: 'vector' },
    absent: { args: ['vector'], returns: 'vector' },
    absent_over_time: { args: ['matrix'], returns: 'vector' },
    avg_over_time: { args: ['matrix'], returns: 'vector' },
    ceil: { args: ['vector'], returns: 'vector' },
    clamp_max: { args: ['vector', 'scalar'], returns: 'vector' },
    clamp_min: { args: ['vector', 'scalar'], returns: 'vector' },
    count_over_time: { args: ['matrix'], returns: 'vector' },
    delta: { args: ['matrix'], returns: 'vector' },
    deriv: { args: ['matrix'], returns: 'vector' },
    predict_linear: { args: ['matrix', 'scalar'], returns: 'vector' },
    floor: { args: ['vector'], returns: 'vector' },
    histogram_quantile: { args: ['scalar', 'vector'], returns: 'vector' },
    increase: { args: ['matrix'], returns: 'vector' },
    irate: { args: ['matrix'], returns: 'vector' },
    label_replace: {
      args: ['vector', 'string', 'string', 'string', 'string'],
      returns: 'vector',
    },
    max_over_time: { args: ['matrix'], returns: 'vector' },
    min_over_time: { args: ['matrix'], returns: 'vector' },
    rate: { args: ['matrix'], returns: 'vector' },
    round: { args: ['vector', 'scalar?'], returns: 'vector' },
    scalar: { args: ['vector'], returns: 'scalar' },
    sort: { args: ['vector'], returns: 'vector' },
    sort_desc: { args: ['vector'], returns: 'vector' },
    sum_over_time: { args: ['matrix'], returns: 'vector' },
    time: { args: [], returns: 'scalar' },
    timestamp: { args: ['vector'], returns: 'vector' },
    vector: { args: ['scalar'], returns: 'vector' },
  };

/** The type an expression evaluates to, as the parser checks it. */
export function typeOf(expr: Expr): ValueType {
  switch (expr.type) {
    case 'number':
      return 'scalar';
    case 'string':
      return 'string';
    case 'selector':
      return expr.rangeMs === undefined ? 'vector' : 'matrix';
    case 'subquery':
      return 'matrix';
    case 'call':
      return FUNCTIONS[expr.fn].returns;
    case 'aggregate':
      return 'vector';
    default:
      return typeOf(expr.lhs) === 'scalar' && typeOf(expr.rhs) === 'scalar'
        ? 'scalar'
        : 'vector';
  }
}

/** A parse or type error, reported as Prometheus does (`1:8: parse error: ...`): HTTP 400, bad_data. */
export class PromQLError extends Error {}

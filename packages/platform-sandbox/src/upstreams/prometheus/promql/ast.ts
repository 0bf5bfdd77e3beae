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

export type Expr =
  | { type: 'number'; value: number }
  | { type: 'selector'; name?: string; matchers: LabelMatcher[]; rangeMs?: number }
  | { type: 'call'; fn: string; args: Expr[] }
  | { type: 'aggregate'; op: AggregateOp; by?: string[]; without?: string[]; expr: Expr }
  | { type: 'binary'; op: BinaryOp; bool: boolean; lhs: Expr; rhs: Expr };

export const AGGREGATE_OPS = ['sum', 'count', 'max', 'min', 'avg'] as const;
export type AggregateOp = (typeof AGGREGATE_OPS)[number];

export const COMPARISON_OPS = ['==', '!=', '>', '<', '>=', '<='] as const;
export type BinaryOp = (typeof COMPARISON_OPS)[number] | '+' | '-' | '*' | '/';

/** Functions the subset evaluates, with their argument kinds. */
export const FUNCTIONS: Record<string, Array<'range' | 'vector'>> = {
  rate: ['range'],
  increase: ['range'],
  time: [],
  abs: ['vector'],
};

/** A parse or type error, reported as Prometheus does (`1:8: parse error: ...`). */
export class PromQLError extends Error {}

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


import { sampleTime, SeriesDef, valueAt } from '../series';
import { aggregate } from './aggregation';
import { Expr, PromQLError } from './ast';
import { arithmetic, assertUnique, compare, isComparison, vectorBinary } from './binaryOperators';
import { instantFunction } from './instantFunctions';
import { rangeFunction } from './rangeFunctions';
import { rangePoints, selectSeries } from './seriesSelection';
import { ExecutionError, Sample, Series, signature, Value, withoutName } from './values';

export { ExecutionError, signature } from './values';
export type { Sample, Value } from './values';

/** Prometheus's default subquery step: the global evaluation interval. */
const DEFAULT_SUBQUERY_STEP_MS = 60_000;

/** The start and end of the query (equal for an instant query), for `@ start()` and `@ end()`. */
export interface QueryBounds {
  start: number;
  end: number;
}

/** The time a selector or subquery is evaluated at: its `@` modifier, else the evaluation time. */
function resolveAt(expr: Expr, at: number, bounds: QueryBounds): number {
  const modifier = (expr as { atMs?: number | 'start' | 'end' }).atMs;
  if (modifier === undefined) return at;
  if (modifier === 'start') return bounds.start;
  if (modifier === 'end') return bounds.end;
  return modifier;
}

/** Evaluates an expression at one instant (ms) over the given series. */
export function evaluate(
  expr: Expr,
  series: SeriesDef[],
  at: number,
  bounds: QueryBounds = { start: at, end: at },
): Value {
  switch (expr.type) {
    case 'number':
      return { kind: 'scalar', value: expr.value };
    case 'string':
      return { kind: 'string', value: expr.value };
    case 'selector': {
      const selected = selectSeries(expr, series);
      const end = resolveAt(expr, at, bounds) - expr.offsetMs;
      if (expr.rangeMs !== undefined) {
        return {
          kind: 'matrix',
          series: selected.map(s => ({
            labels: s.labels,
            points: rangePoints(s, end - expr.rangeMs!, end),
          })),
        };
      }
      // The last sample at or before the instant (always within the lookback).
      const slot = sampleTime(end);
      return {
        kind: 'vector',
        samples: selected.map(s => ({
          labels: s.labels,
          value: valueAt(s, slot),
          at: slot,
        })),
      };
    }
    case 'subquery': {
      const step = expr.stepMs ?? DEFAULT_SUBQUERY_STEP_MS;
      const end = resolveAt(expr, at, bounds) - expr.offsetMs;
      const from = end - expr.rangeMs;
      const bySeries = new Map<string, Series>();
      for (let t = Math.ceil(from / step) * step; t <= end; t += step) {
        const value = evaluate(expr.expr, series, t, bounds);
        for (const s of value.kind === 'vector' ? value.samples : []) {
          const key = signature(s.labels);
          const entry = bySeries.get(key) ?? { labels: s.labels, points: [] };
          entry.points.push([t, s.value]);
          bySeries.set(key, entry);
        }
      }
      return { kind: 'matrix', series: [...bySeries.values()] };
    }
    case 'call': {
      const args = expr.args.map(a => evaluate(a, series, at, bounds));
      if (expr.fn === 'quantile_over_time') {
        const m = args[1] as { series: Series[] };
        return rangeFunction(
          expr.fn,
          expr.args[1],
          m.series,
          resolveAt(expr.args[1], at, bounds),
          (args[0] as { value: number }).value,
        );
      }
      if (expr.fn === 'predict_linear') {
        const m = args[0] as { series: Series[] };
        return rangeFunction(
          expr.fn,
          expr.args[0],
          m.series,
          resolveAt(expr.args[0], at, bounds),
          (args[1] as { value: number }).value,
          at,
        );
      }
      if (args[0]?.kind === 'matrix')
        return rangeFunction(
          expr.fn,
          expr.args[0],
          args[0].series,
          resolveAt(expr.args[0], at, bounds),
        );
      return instantFunction(expr.fn, args, at, expr);
    }
    case 'aggregate': {
      const inner = evaluate(expr.expr, series, at, bounds);
      const param = expr.param
        ? evaluate(expr.param, series, at, bounds)
        : undefined;
      if (
        param?.kind === 'string' &&
        !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(param.value)
      )
        throw new ExecutionError(`invalid label name "${param.value}"`);
      return aggregate(expr, (inner as { samples: Sample[] }).samples, param);
    }
    case 'binary': {
      const lhs = evaluate(expr.lhs, series, at, bounds);
      const rhs = evaluate(expr.rhs, series, at, bounds);
      const comparison = isComparison(expr.op);
      if (lhs.kind === 'scalar' && rhs.kind === 'scalar') {
        const value = comparison
          ? Number(compare(expr.op, lhs.value, rhs.value))
          : arithmetic(expr.op, lhs.value, rhs.value);
        return { kind: 'scalar', value };
      }
      if (lhs.kind === 'vector' && rhs.kind === 'vector') {
        return {
          kind: 'vector',
          samples: assertUnique(vectorBinary(expr, lhs.samples, rhs.samples)),
        };
      }
      const vectorOnLeft = lhs.kind === 'vector';
      const vec = (vectorOnLeft ? lhs : rhs) as { samples: Sample[] };
      const scalar = (vectorOnLeft ? rhs : lhs) as { value: number };
      const samples: Sample[] = [];
      for (const s of vec.samples) {
        const [a, b] = vectorOnLeft
          ? [s.value, scalar.value]
          : [scalar.value, s.value];
        if (!comparison)
          samples.push({
            labels: withoutName(s.labels),
            value: arithmetic(expr.op, a, b),
          });
        else if (expr.bool)
          samples.push({
            labels: withoutName(s.labels),
            value: compare(expr.op, a, b) ? 1 : 0,
          });
        else if (compare(expr.op, a, b))
          samples.push({ labels: s.labels, value: s.value });
      }
      return { kind: 'vector', samples: assertUnique(samples) };
    }
    default:
      throw new PromQLError('unsupported expression');
  }
}

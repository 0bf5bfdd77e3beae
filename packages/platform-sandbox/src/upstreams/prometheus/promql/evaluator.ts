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

import { compileMatcher } from '../../alerts/matchers';
import { SCRAPE_INTERVAL_MS } from '../assumptions';
import { Labels, SeriesDef, valueAt } from '../series';
import { COMPARISON_OPS, Expr, PromQLError } from './ast';

export interface Sample {
  labels: Labels;
  value: number;
}

export type Value =
  | { kind: 'vector'; samples: Sample[] }
  | { kind: 'scalar'; value: number }
  | { kind: 'matrix'; series: Array<{ labels: Labels; points: Array<[number, number]> }> };

/** An error while evaluating (HTTP 422, errorType `execution`). */
export class ExecutionError extends Error {}

export function signature(labels: Labels, drop: string[] = []): string {
  return JSON.stringify(Object.entries(labels).filter(([k]) => !drop.includes(k)).sort());
}

function withoutName(labels: Labels): Labels {
  const { __name__: _, ...rest } = labels;
  return rest;
}

function selectSeries(expr: Extract<Expr, { type: 'selector' }>, series: SeriesDef[]): SeriesDef[] {
  const tests = expr.matchers.map(m => compileMatcher(m)!);
  return series.filter(s => (!expr.name || s.labels.__name__ === expr.name) && tests.every(t => t(s.labels)));
}

function rangePoints(s: SeriesDef, at: number, rangeMs: number): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  const first = Math.floor((at - rangeMs) / SCRAPE_INTERVAL_MS) + 1;
  for (let slot = first; slot * SCRAPE_INTERVAL_MS <= at; slot++) {
    const t = slot * SCRAPE_INTERVAL_MS;
    points.push([t, valueAt(s, t)]);
  }
  return points;
}

function compare(op: string, a: number, b: number): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '>':
      return a > b;
    case '<':
      return a < b;
    case '>=':
      return a >= b;
    default:
      return a <= b;
  }
}

function arithmetic(op: string, a: number, b: number): number {
  if (op === '+') return a + b;
  if (op === '-') return a - b;
  if (op === '*') return a * b;
  return a / b;
}

function assertUnique(samples: Sample[]): Sample[] {
  const seen = new Set<string>();
  for (const s of samples) {
    const sig = signature(s.labels);
    if (seen.has(sig)) throw new ExecutionError('vector cannot contain metrics with the same labelset');
    seen.add(sig);
  }
  return samples;
}

/** Evaluates an expression at one instant (ms) over the given series. */
export function evaluate(expr: Expr, series: SeriesDef[], at: number): Value {
  switch (expr.type) {
    case 'number':
      return { kind: 'scalar', value: expr.value };
    case 'selector': {
      const selected = selectSeries(expr, series);
      if (expr.rangeMs !== undefined) {
        return { kind: 'matrix', series: selected.map(s => ({ labels: s.labels, points: rangePoints(s, at, expr.rangeMs!) })) };
      }
      return { kind: 'vector', samples: selected.map(s => ({ labels: s.labels, value: valueAt(s, at) })) };
    }
    case 'call': {
      if (expr.fn === 'time') return { kind: 'scalar', value: at / 1000 };
      const arg = evaluate(expr.args[0], series, at);
      if (expr.fn === 'abs' && arg.kind === 'vector') {
        return { kind: 'vector', samples: arg.samples.map(s => ({ labels: withoutName(s.labels), value: Math.abs(s.value) })) };
      }
      if (arg.kind !== 'matrix') throw new ExecutionError(`unexpected argument to ${expr.fn}`);
      const rangeSeconds = ((expr.args[0] as { rangeMs: number }).rangeMs ?? 0) / 1000;
      const samples: Sample[] = [];
      for (const s of arg.series) {
        if (s.points.length < 2) continue;
        const [t0, v0] = s.points[0];
        const [t1, v1] = s.points[s.points.length - 1];
        // Counters here never reset, so the slope between the outer samples is the rate.
        const perSecond = (v1 - v0) / ((t1 - t0) / 1000);
        samples.push({ labels: withoutName(s.labels), value: expr.fn === 'rate' ? perSecond : perSecond * rangeSeconds });
      }
      return { kind: 'vector', samples: assertUnique(samples) };
    }
    case 'aggregate': {
      const inner = evaluate(expr.expr, series, at);
      if (inner.kind !== 'vector') throw new ExecutionError(`expected instant vector in aggregation ${expr.op}`);
      const groups = new Map<string, { labels: Labels; values: number[] }>();
      for (const s of inner.samples) {
        let labels: Labels;
        if (expr.by) labels = Object.fromEntries(expr.by.filter(l => s.labels[l] !== undefined).map(l => [l, s.labels[l]]));
        else labels = Object.fromEntries(Object.entries(withoutName(s.labels)).filter(([k]) => !(expr.without ?? Object.keys(s.labels)).includes(k)));
        const key = signature(labels);
        const group = groups.get(key) ?? { labels, values: [] };
        group.values.push(s.value);
        groups.set(key, group);
      }
      const reduce = (values: number[]): number => {
        if (expr.op === 'sum') return values.reduce((a, b) => a + b, 0);
        if (expr.op === 'count') return values.length;
        if (expr.op === 'max') return Math.max(...values);
        if (expr.op === 'min') return Math.min(...values);
        return values.reduce((a, b) => a + b, 0) / values.length;
      };
      return { kind: 'vector', samples: [...groups.values()].map(g => ({ labels: g.labels, value: reduce(g.values) })) };
    }
    case 'binary': {
      const lhs = evaluate(expr.lhs, series, at);
      const rhs = evaluate(expr.rhs, series, at);
      const isComparison = (COMPARISON_OPS as readonly string[]).includes(expr.op);
      if (lhs.kind === 'matrix' || rhs.kind === 'matrix') throw new ExecutionError('binary expression must contain only scalar and instant vector types');
      if (lhs.kind === 'scalar' && rhs.kind === 'scalar') {
        const value = isComparison ? Number(compare(expr.op, lhs.value, rhs.value)) : arithmetic(expr.op, lhs.value, rhs.value);
        return { kind: 'scalar', value };
      }
      const combine = (labels: Labels, a: number, b: number): Sample | undefined => {
        if (!isComparison) return { labels: withoutName(labels), value: arithmetic(expr.op, a, b) };
        if (expr.bool) return { labels: withoutName(labels), value: Number(compare(expr.op, a, b)) };
        return compare(expr.op, a, b) ? { labels, value: a } : undefined;
      };
      let samples: Array<Sample | undefined>;
      if (lhs.kind === 'vector' && rhs.kind === 'scalar') {
        samples = lhs.samples.map(s => combine(s.labels, s.value, rhs.value));
      } else if (lhs.kind === 'scalar' && rhs.kind === 'vector') {
        samples = rhs.samples.map(s => {
          const result = combine(s.labels, lhs.value, s.value);
          // A filtering comparison keeps the vector's own value.
          return result && isComparison && !expr.bool ? { ...result, value: s.value } : result;
        });
      } else {
        const right = new Map((rhs as { samples: Sample[] }).samples.map(s => [signature(s.labels, ['__name__']), s]));
        samples = (lhs as { samples: Sample[] }).samples.map(s => {
          const match = right.get(signature(s.labels, ['__name__']));
          return match ? combine(s.labels, s.value, match.value) : undefined;
        });
      }
      return { kind: 'vector', samples: assertUnique(samples.filter((s): s is Sample => s !== undefined)) };
    }
    default:
      throw new PromQLError('unsupported expression');
  }
}

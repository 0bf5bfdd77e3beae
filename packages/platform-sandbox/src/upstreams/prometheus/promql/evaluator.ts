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
import { SCRAPE_INTERVAL_MS } from '../assumptions';
import { Labels, sampleTime, SeriesDef, valueAt } from '../series';
import { COMPARISON_OPS, Expr, PromQLError, VectorMatching } from './ast';
import { compileRegex } from './regex';

export interface Sample {
  labels: Labels;
  value: number;
  /** The sample's own time (ms), for timestamp(). */
  at?: number;
}

type Series = { labels: Labels; points: Array<[number, number]> };

export type Value =
  | { kind: 'vector'; samples: Sample[] }
  | { kind: 'scalar'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'matrix'; series: Series[] };

/** An error while evaluating (HTTP 422, errorType `execution`). */
export class ExecutionError extends Error {}

/** Prometheus's default subquery step: the global evaluation interval. */
const DEFAULT_SUBQUERY_STEP_MS = 60_000;

export function signature(labels: Labels, drop: string[] = []): string {
  return JSON.stringify(
    Object.entries(labels)
      .filter(([k]) => !drop.includes(k))
      .sort(),
  );
}

function withoutName(labels: Labels): Labels {
  const { __name__: _, ...rest } = labels;
  return rest;
}

function matcherTest(m: LabelMatcher): (labels: Labels) => boolean {
  const re = m.isRegex ? compileRegex(m.value) : undefined;
  return labels => {
    const v = labels[m.name] ?? '';
    const hit = re ? re.test(v) : v === m.value;
    return hit === m.isEqual;
  };
}

function selectSeries(
  expr: Extract<Expr, { type: 'selector' }>,
  series: SeriesDef[],
): SeriesDef[] {
  const tests = expr.matchers.map(matcherTest);
  return series.filter(
    s =>
      (!expr.name || s.labels.__name__ === expr.name) &&
      tests.every(t => t(s.labels)),
  );
}

/** Raw samples in the closed window [from, to] (Prometheus 2.x includes both ends). */
function rangePoints(
  s: SeriesDef,
  from: number,
  to: number,
): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  for (
    let t = Math.ceil(from / SCRAPE_INTERVAL_MS) * SCRAPE_INTERVAL_MS;
    t <= to;
    t += SCRAPE_INTERVAL_MS
  ) {
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
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
    default:
      return a ** b;
  }
}

const isComparison = (op: string) =>
  (COMPARISON_OPS as readonly string[]).includes(op);

function assertUnique(samples: Sample[]): Sample[] {
  const seen = new Set<string>();
  for (const s of samples) {
    const sig = signature(s.labels);
    if (seen.has(sig))
      throw new ExecutionError(
        'vector cannot contain metrics with the same labelset',
      );
    seen.add(sig);
  }
  return samples;
}

function matchKey(
  labels: Labels,
  matching: VectorMatching | undefined,
): string {
  if (matching?.on)
    return JSON.stringify(
      matching.labels
        .filter(l => labels[l] !== undefined)
        .sort()
        .map(l => [l, labels[l]]),
    );
  return signature(labels, ['__name__', ...(matching?.labels ?? [])]);
}

/** Prometheus's extrapolatedRate (rate, increase, delta). */
function extrapolatedRate(
  points: Array<[number, number]>,
  rangeStart: number,
  rangeEnd: number,
  isCounter: boolean,
  isRate: boolean,
): number | undefined {
  if (points.length < 2) return undefined;
  const [firstT, firstV] = points[0];
  const [lastT, lastV] = points[points.length - 1];
  let result = lastV - firstV;
  if (isCounter) {
    let last = 0;
    for (const [, v] of points) {
      if (v < last) result += last;
      last = v;
    }
  }
  let durationToStart = (firstT - rangeStart) / 1000;
  const durationToEnd = (rangeEnd - lastT) / 1000;
  const sampled = (lastT - firstT) / 1000;
  const average = sampled / (points.length - 1);
  if (isCounter && result > 0 && firstV >= 0) {
    const durationToZero = sampled * (firstV / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  const threshold = average * 1.1;
  let interval = sampled;
  interval += durationToStart < threshold ? durationToStart : average / 2;
  interval += durationToEnd < threshold ? durationToEnd : average / 2;
  result *= interval / sampled;
  return isRate ? result / ((rangeEnd - rangeStart) / 1000) : result;
}

/** Neumaier-compensated summation step, as Prometheus sums. */
function kahanSumInc(inc: number, sum: number, c: number): [number, number] {
  const t = sum + inc;
  const next =
    Math.abs(sum) >= Math.abs(inc) ? c + (sum - t + inc) : c + (inc - t + sum);
  return [t, next];
}

/** Prometheus's least-squares fit (deriv, predict_linear), x in seconds from `interceptTime`. */
function linearRegression(
  points: Array<[number, number]>,
  interceptTime: number,
): [number, number] {
  let n = 0;
  let [sumX, cX, sumY, cY, sumXY, cXY, sumX2, cX2] = [0, 0, 0, 0, 0, 0, 0, 0];
  const initY = points[0][1];
  let constY = true;
  points.forEach(([t, v], i) => {
    if (constY && i > 0 && v !== initY) constY = false;
    n += 1;
    const x = (t - interceptTime) / 1e3;
    [sumX, cX] = kahanSumInc(x, sumX, cX);
    [sumY, cY] = kahanSumInc(v, sumY, cY);
    [sumXY, cXY] = kahanSumInc(x * v, sumXY, cXY);
    [sumX2, cX2] = kahanSumInc(x * x, sumX2, cX2);
  });
  if (constY) return Number.isFinite(initY) ? [0, initY] : [NaN, NaN];
  sumX += cX;
  sumY += cY;
  sumXY += cXY;
  sumX2 += cX2;
  const covXY = sumXY - (sumX * sumY) / n;
  const varX = sumX2 - (sumX * sumX) / n;
  const slope = covXY / varX;
  return [slope, sumY / n - (slope * sumX) / n];
}

function bucketQuantile(
  q: number,
  buckets: Array<{ le: number; count: number }>,
): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  buckets.sort((a, b) => a.le - b.le);
  if (buckets.length === 0 || buckets[buckets.length - 1].le !== Infinity)
    return NaN;
  const merged: typeof buckets = [];
  for (const b of buckets) {
    const prev = merged[merged.length - 1];
    if (prev && prev.le === b.le) prev.count += b.count;
    else merged.push({ ...b });
  }
  for (let i = 1; i < merged.length; i++)
    if (merged[i].count < merged[i - 1].count)
      merged[i].count = merged[i - 1].count;
  if (merged.length < 2) return NaN;
  const observations = merged[merged.length - 1].count;
  if (observations === 0) return NaN;
  let rank = q * observations;
  let b = merged.slice(0, -1).findIndex(x => x.count >= rank);
  if (b === -1) b = merged.length - 1;
  if (b === merged.length - 1) return merged[merged.length - 2].le;
  if (b === 0 && merged[0].le <= 0) return merged[0].le;
  let start = 0;
  let count = merged[b].count;
  if (b > 0) {
    start = merged[b - 1].le;
    count -= merged[b - 1].count;
    rank -= merged[b - 1].count;
  }
  return start + (merged[b].le - start) * (rank / count);
}

function quantile(q: number, values: number[]): number {
  if (values.length === 0) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = q * (sorted.length - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(sorted.length - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  return sorted[lower] * (1 - weight) + sorted[upper] * weight;
}

/** Go's regexp Expand for label_replace's replacement ($1, ${1}, $name). */
function expand(template: string, match: RegExpExecArray): string {
  return template.replace(
    /\$(?:\{(\w+)\}|(\w+))|\$\$/g,
    (all: string, braced?: string, bare?: string) => {
      if (all === '$$') return '$';
      const name = braced ?? bare!;
      if (/^\d+$/.test(name)) return match[Number(name)] ?? '';
      return match.groups?.[name] ?? '';
    },
  );
}

/** The labels absent() reports: the selector's equality matchers, once each. */
function absentLabels(arg: Expr): Labels {
  if (arg.type !== 'selector') return {};
  const labels: Labels = {};
  const seen = new Map<string, number>();
  for (const m of arg.matchers) seen.set(m.name, (seen.get(m.name) ?? 0) + 1);
  for (const m of arg.matchers) {
    if (
      m.isEqual &&
      !m.isRegex &&
      m.name !== '__name__' &&
      seen.get(m.name) === 1
    )
      labels[m.name] = m.value;
  }
  return labels;
}

function instantFunction(
  fn: string,
  args: Value[],
  at: number,
  expr: Extract<Expr, { type: 'call' }>,
): Value {
  const vector = (arg: Value) => (arg as { samples: Sample[] }).samples;
  const scalarArg = (i: number) => (args[i] as { value: number }).value;
  const stringArg = (i: number) => (args[i] as { value: string }).value;
  const map = (f: (v: number) => number): Value => ({
    kind: 'vector',
    samples: vector(args[0]).map(s => ({
      labels: withoutName(s.labels),
      value: f(s.value),
    })),
  });
  switch (fn) {
    case 'time':
      return { kind: 'scalar', value: at / 1000 };
    case 'vector':
      return { kind: 'vector', samples: [{ labels: {}, value: scalarArg(0) }] };
    case 'scalar': {
      const samples = vector(args[0]);
      return {
        kind: 'scalar',
        value: samples.length === 1 ? samples[0].value : NaN,
      };
    }
    case 'abs':
      return map(Math.abs);
    case 'ceil':
      return map(Math.ceil);
    case 'floor':
      return map(Math.floor);
    case 'round': {
      const inverse = 1 / (args.length > 1 ? scalarArg(1) : 1);
      return map(v => Math.floor(v * inverse + 0.5) / inverse);
    }
    case 'clamp_max':
      return map(v => Math.min(v, scalarArg(1)));
    case 'clamp': {
      const [min, max] = [scalarArg(1), scalarArg(2)];
      if (max < min) return { kind: 'vector', samples: [] };
      return map(v => Math.max(min, Math.min(max, v)));
    }
    case 'exp':
      return map(Math.exp);
    case 'ln':
      return map(Math.log);
    case 'log2':
      return map(Math.log2);
    case 'log10':
      return map(Math.log10);
    case 'sqrt':
      return map(Math.sqrt);
    case 'sgn':
      return map(Math.sign);
    case 'clamp_min':
      return map(v => Math.max(v, scalarArg(1)));
    case 'timestamp':
      return {
        kind: 'vector',
        samples: vector(args[0]).map(s => ({
          labels: withoutName(s.labels),
          value: (s.at ?? at) / 1000,
        })),
      };
    case 'sort':
      return {
        kind: 'vector',
        samples: [...vector(args[0])].sort((a, b) => a.value - b.value),
      };
    case 'sort_desc':
      return {
        kind: 'vector',
        samples: [...vector(args[0])].sort((a, b) => b.value - a.value),
      };
    case 'absent':
      if (vector(args[0]).length > 0) return { kind: 'vector', samples: [] };
      return {
        kind: 'vector',
        samples: [{ labels: absentLabels(expr.args[0]), value: 1 }],
      };
    case 'label_replace': {
      const [dst, replacement, src, regex] = [
        stringArg(1),
        stringArg(2),
        stringArg(3),
        stringArg(4),
      ];
      let re: RegExp;
      try {
        re = compileRegex(regex);
      } catch {
        throw new ExecutionError(
          `invalid regular expression in label_replace(): ${regex}`,
        );
      }
      if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(dst))
        throw new ExecutionError(
          `invalid destination label name in label_replace(): ${dst}`,
        );
      const samples = vector(args[0]).map(s => {
        const m = re.exec(s.labels[src] ?? '');
        if (!m) return s;
        const value = expand(replacement, m);
        const labels = { ...s.labels };
        if (value === '') delete labels[dst];
        else labels[dst] = value;
        return { ...s, labels };
      });
      return { kind: 'vector', samples: assertUnique(samples) };
    }
    case 'histogram_quantile': {
      const q = scalarArg(0);
      const groups = new Map<
        string,
        { labels: Labels; buckets: Array<{ le: number; count: number }> }
      >();
      for (const s of vector(args[1])) {
        const leText = s.labels.le;
        if (leText === undefined) continue;
        const le = leText === '+Inf' ? Infinity : Number(leText);
        if (Number.isNaN(le)) continue;
        const { le: _le, ...rest } = withoutName(s.labels);
        const key = signature(rest);
        const group = groups.get(key) ?? { labels: rest, buckets: [] };
        group.buckets.push({ le, count: s.value });
        groups.set(key, group);
      }
      return {
        kind: 'vector',
        samples: [...groups.values()].map(g => ({
          labels: g.labels,
          value: bucketQuantile(q, g.buckets),
        })),
      };
    }
    default:
      throw new PromQLError(`unknown function with name "${fn}"`);
  }
}

function rangeFunction(
  fn: string,
  arg: Expr,
  matrix: Series[],
  at: number,
  phi?: number,
  evaluationTime?: number,
): Value {
  const window = arg as { rangeMs: number; offsetMs: number };
  const end = at - window.offsetMs;
  // (`at` here is already the window's own time: the `@` modifier resolved.)
  const start = end - window.rangeMs;
  if (fn === 'absent_over_time') {
    const present = matrix.some(s => s.points.length > 0);
    return {
      kind: 'vector',
      samples: present ? [] : [{ labels: absentLabels(arg), value: 1 }],
    };
  }
  const samples: Sample[] = [];
  for (const s of matrix) {
    const pts = s.points;
    const values = pts.map(([, v]) => v);
    const sum = values.reduce((a, b) => a + b, 0);
    let value: number | undefined;
    if (fn === 'rate' || fn === 'increase' || fn === 'delta') {
      value = extrapolatedRate(pts, start, end, fn !== 'delta', fn === 'rate');
    } else if (fn === 'deriv' || fn === 'predict_linear') {
      if (pts.length >= 2) {
        if (fn === 'deriv') value = linearRegression(pts, pts[0][0])[0];
        else {
          const [slope, intercept] = linearRegression(
            pts,
            evaluationTime ?? at,
          );
          value = slope * (phi ?? 0) + intercept;
        }
      }
    } else if (fn === 'irate' || fn === 'idelta') {
      if (pts.length >= 2) {
        const [t0, v0] = pts[pts.length - 2];
        const [t1, v1] = pts[pts.length - 1];
        if (fn === 'idelta') value = v1 - v0;
        else value = (v1 < v0 ? v1 : v1 - v0) / ((t1 - t0) / 1000);
      }
    } else if (pts.length > 0) {
      // Prometheus's running mean and variance (Welford), for the same rounding.
      let mean = 0;
      let aux = 0;
      values.forEach((v, i) => {
        const delta = v - mean;
        mean += delta / (i + 1);
        aux += delta * (v - mean);
      });
      const pairs = values.slice(1).map((v, i) => [values[i], v]);
      const reduce: Record<string, () => number> = {
        sum_over_time: () => sum,
        count_over_time: () => pts.length,
        avg_over_time: () => sum / pts.length,
        max_over_time: () => Math.max(...values),
        min_over_time: () => Math.min(...values),
        last_over_time: () => values[values.length - 1],
        present_over_time: () => 1,
        stddev_over_time: () => Math.sqrt(aux / values.length),
        stdvar_over_time: () => aux / values.length,
        changes: () =>
          pairs.filter(
            ([a, b]) => a !== b && !(Number.isNaN(a) && Number.isNaN(b)),
          ).length,
        resets: () => pairs.filter(([a, b]) => b < a).length,
        quantile_over_time: () => quantile(phi ?? NaN, values),
      };
      if (!reduce[fn])
        throw new PromQLError(`unknown function with name "${fn}"`);
      value = reduce[fn]();
    }
    // last_over_time keeps the metric name, as in Prometheus 2.x.
    const labels = fn === 'last_over_time' ? s.labels : withoutName(s.labels);
    if (value !== undefined) samples.push({ labels, value });
  }
  return { kind: 'vector', samples: assertUnique(samples) };
}

function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/** Prometheus's order of series: label by label, sorted by name, names then values. */
function compareLabels(a: Labels, b: Labels): number {
  const x = Object.entries(a).sort(([m], [n]) => (m < n ? -1 : 1));
  const y = Object.entries(b).sort(([m], [n]) => (m < n ? -1 : 1));
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i][0] !== y[i][0]) return x[i][0] < y[i][0] ? -1 : 1;
    if (x[i][1] !== y[i][1]) return x[i][1] < y[i][1] ? -1 : 1;
  }
  return x.length - y.length;
}

/**
 * topk/bottomk as Prometheus computes them: series in storage order through a
 * heap of k (Go's container/heap), replacing its root only by a strictly
 * better value, so ties resolve as on the real server.
 */
function selectK(samples: Sample[], kValue: number, top: boolean): Sample[] {
  const k = Math.floor(kValue);
  if (k < 1) return [];
  const heap: Sample[] = [];
  const less = (i: number, j: number) =>
    top ? heap[i].value < heap[j].value : heap[i].value > heap[j].value;
  const swap = (i: number, j: number) => {
    [heap[i], heap[j]] = [heap[j], heap[i]];
  };
  const up = (start: number) => {
    let j = start;
    for (;;) {
      const i = Math.floor((j - 1) / 2);
      if (j <= 0 || !less(j, i)) break;
      swap(i, j);
      j = i;
    }
  };
  const down = (i0: number): boolean => {
    let i = i0;
    for (;;) {
      const j1 = 2 * i + 1;
      if (j1 >= heap.length) break;
      let j = j1;
      if (j1 + 1 < heap.length && less(j1 + 1, j1)) j = j1 + 1;
      if (!less(j, i)) break;
      swap(i, j);
      i = j;
    }
    return i > i0;
  };
  for (const s of [...samples].sort((a, b) =>
    compareLabels(a.labels, b.labels),
  )) {
    if (heap.length < k) {
      heap.push(s);
      up(heap.length - 1);
    } else if (
      top
        ? heap[0].value < s.value ||
          (Number.isNaN(heap[0].value) && !Number.isNaN(s.value))
        : heap[0].value > s.value ||
          (Number.isNaN(heap[0].value) && !Number.isNaN(s.value))
    ) {
      heap[0] = s;
      if (!down(0)) up(0);
    }
  }
  return heap;
}

function aggregate(
  expr: Extract<Expr, { type: 'aggregate' }>,
  inner: Sample[],
  param: Value | undefined,
): Value {
  const groups = new Map<string, { labels: Labels; samples: Sample[] }>();
  for (const s of inner) {
    let labels: Labels;
    if (expr.by)
      labels = Object.fromEntries(
        expr.by
          .filter(l => s.labels[l] !== undefined)
          .map(l => [l, s.labels[l]]),
      );
    else if (expr.without)
      labels = Object.fromEntries(
        Object.entries(withoutName(s.labels)).filter(
          ([k]) => !expr.without!.includes(k),
        ),
      );
    else labels = {};
    if (expr.op === 'count_values')
      labels = {
        ...labels,
        [(param as { value: string }).value]: formatNumber(s.value),
      };
    const key = signature(labels);
    const group = groups.get(key) ?? { labels, samples: [] };
    group.samples.push(s);
    groups.set(key, group);
  }
  const out: Sample[] = [];
  for (const g of groups.values()) {
    const values = g.samples.map(s => s.value);
    const sum = values.reduce((a, b) => a + b, 0);
    const mean = sum / values.length;
    const variance =
      values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length;
    if (expr.op === 'topk' || expr.op === 'bottomk') {
      out.push(
        ...selectK(
          g.samples,
          (param as { value: number }).value,
          expr.op === 'topk',
        ),
      );
      continue;
    }
    const reduce: Record<string, () => number> = {
      sum: () => sum,
      count: () => values.length,
      count_values: () => values.length,
      group: () => 1,
      max: () => Math.max(...values),
      min: () => Math.min(...values),
      avg: () => mean,
      stddev: () => Math.sqrt(variance),
      stdvar: () => variance,
      quantile: () => quantile((param as { value: number }).value, values),
    };
    out.push({ labels: g.labels, value: reduce[expr.op]() });
  }
  return { kind: 'vector', samples: out };
}

function vectorBinary(
  expr: Extract<Expr, { type: 'binary' }>,
  lhs: Sample[],
  rhs: Sample[],
): Sample[] {
  const matching = expr.matching;
  const op = expr.op;
  if (op === 'and' || op === 'or' || op === 'unless') {
    const rightKeys = new Set(rhs.map(s => matchKey(s.labels, matching)));
    if (op === 'and')
      return lhs.filter(s => rightKeys.has(matchKey(s.labels, matching)));
    if (op === 'unless')
      return lhs.filter(s => !rightKeys.has(matchKey(s.labels, matching)));
    const leftKeys = new Set(lhs.map(s => matchKey(s.labels, matching)));
    return [
      ...lhs,
      ...rhs.filter(s => !leftKeys.has(matchKey(s.labels, matching))),
    ];
  }
  const card = matching?.card ?? 'one-to-one';
  // The "one" side must be unique per match group; group_right swaps the sides.
  const [many, one] = card === 'one-to-many' ? [rhs, lhs] : [lhs, rhs];
  const oneByKey = new Map<string, Sample>();
  for (const s of one) {
    const key = matchKey(s.labels, matching);
    if (oneByKey.has(key)) {
      const side = card === 'one-to-many' ? 'left' : 'right';
      throw new ExecutionError(
        `found duplicate series for the match group ${key} on the ${side} hand-side of the operation: [${signature(
          oneByKey.get(key)!.labels,
        )}, ${signature(
          s.labels,
        )}];many-to-many matching not allowed: matching labels must be unique on one side`,
      );
    }
    oneByKey.set(key, s);
  }
  const dropName = !isComparison(op) || expr.bool;
  const out: Sample[] = [];
  const matchedMany = new Set<string>();
  const seenOutput = new Set<string>();
  for (const s of many) {
    const key = matchKey(s.labels, matching);
    const other = oneByKey.get(key);
    if (!other) continue;
    if (card === 'one-to-one') {
      if (matchedMany.has(key))
        throw new ExecutionError(
          'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
        );
      matchedMany.add(key);
    }
    const [l, r] = card === 'one-to-many' ? [other, s] : [s, other];
    let value: number;
    if (isComparison(op)) {
      const keep = compare(op, l.value, r.value);
      if (expr.bool) value = keep ? 1 : 0;
      else if (!keep) continue;
      else value = l.value;
    } else {
      value = arithmetic(op, l.value, r.value);
    }
    let labels: Labels = dropName ? withoutName(s.labels) : { ...s.labels };
    if (card === 'one-to-one') {
      if (matching?.on)
        labels = Object.fromEntries(
          Object.entries(labels).filter(([k]) => matching.labels.includes(k)),
        );
      else if (matching)
        labels = Object.fromEntries(
          Object.entries(labels).filter(([k]) => !matching.labels.includes(k)),
        );
    } else {
      for (const name of matching!.include) {
        if (other.labels[name] !== undefined && other.labels[name] !== '')
          labels[name] = other.labels[name];
        else delete labels[name];
      }
    }
    const outKey = signature(labels);
    if (seenOutput.has(outKey) && card !== 'one-to-one')
      throw new ExecutionError(
        'multiple matches for labels: grouping labels must ensure unique matches',
      );
    seenOutput.add(outKey);
    out.push({ labels, value });
  }
  return out;
}

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

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


import { Labels } from '../series';
import { Expr } from './ast';
import { quantile } from './functionMath';
import { Sample, signature, Value, withoutName } from './values';

// Aggregation operators (sum, topk, quantile, count_values, ...) and Prometheus's order of series.

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

export function aggregate(
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

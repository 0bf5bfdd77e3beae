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


import { Expr, PromQLError } from './ast';
import { assertUnique } from './binaryOperators';
import { extrapolatedRate, linearRegression, quantile } from './functionMath';
import { absentLabels } from './instantFunctions';
import { Sample, Series, Value, withoutName } from './values';

// Functions of range vectors (rate, *_over_time, ...).

export function rangeFunction(
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

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
import { Labels, SeriesDef, valueAt } from '../series';
import { Expr } from './ast';
import { compileRegex } from './regex';

// Which series a selector picks, and their raw samples in a window.

function matcherTest(m: LabelMatcher): (labels: Labels) => boolean {
  const re = m.isRegex ? compileRegex(m.value) : undefined;
  return labels => {
    const v = labels[m.name] ?? '';
    const hit = re ? re.test(v) : v === m.value;
    return hit === m.isEqual;
  };
}

export function selectSeries(
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
export function rangePoints(
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

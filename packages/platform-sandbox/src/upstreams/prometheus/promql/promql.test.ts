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

import fc from 'fast-check';
import { createTestContext } from '../../__testUtils__/testServer';
import { fleetSeries, sampleTime, valueAt } from '../series';
import { PromQLError } from './ast';
import { evaluate } from './evaluator';
import { parsePromQL } from './parser';

describe('PromQL subset', () => {
  const ctx = createTestContext();
  const series = fleetSeries(ctx);
  const at = ctx.clock.now().getTime();
  const names = [...new Set(series.map(s => s.labels.__name__))];
  const clusters = ctx.fleet.clusters.map(c => c.name);

  const matcher = fc.oneof(
    fc.constant(''),
    fc.constantFrom(...clusters).map(c => `cluster="${c}"`),
    fc.constantFrom(...clusters).map(c => `cluster!="${c}"`),
    fc
      .constantFrom('prod-.*', '.*-1', 'mgmt|staging-1')
      .map(r => `cluster=~"${r}"`),
    fc.constantFrom('prod-.*', 'edge-.*').map(r => `cluster!~"${r}"`),
  );
  const clusterTest = (m: string) => {
    if (m === '') return () => true;
    const [, op, value] = /^cluster(=~|!~|!=|=)"(.*)"$/.exec(m)!;
    const re = new RegExp(`^(?:${value})$`);
    if (op === '=') return (c: string) => c === value;
    if (op === '!=') return (c: string) => c !== value;
    if (op === '=~') return (c: string) => re.test(c);
    return (c: string) => !re.test(c);
  };
  const expected = (name: string, m: string) =>
    series.filter(
      s => s.labels.__name__ === name && clusterTest(m)(s.labels.cluster),
    );

  it('sums by cluster exactly as the selected samples add up', () => {
    fc.assert(
      fc.property(fc.constantFrom(...names), matcher, (name, m) => {
        const result = evaluate(
          parsePromQL(`sum by (cluster) (${name}{${m}})`),
          series,
          at,
        );
        expect(result.kind).toBe('vector');
        const byCluster = new Map<string, number>();
        for (const s of expected(name, m))
          byCluster.set(
            s.labels.cluster,
            (byCluster.get(s.labels.cluster) ?? 0) + valueAt(s, sampleTime(at)),
          );
        const got = new Map(
          (
            result as {
              samples: Array<{ labels: Record<string, string>; value: number }>;
            }
          ).samples.map(s => [s.labels.cluster, s.value]),
        );
        expect(got).toEqual(byCluster);
      }),
      { numRuns: 150 },
    );
  });

  it('counts and filters exactly the matching series', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        matcher,
        fc.integer({ min: -1, max: 3 }),
        (name, m, k) => {
          const selected = expected(name, m);
          const count = evaluate(
            parsePromQL(`count(${name}{${m}})`),
            series,
            at,
          );
          expect(
            (count as { samples: Array<{ value: number }> }).samples.map(
              s => s.value,
            ),
          ).toEqual(selected.length ? [selected.length] : []);
          const filtered = evaluate(
            parsePromQL(`${name}{${m}} > ${k}`),
            series,
            at,
          ) as { samples: Array<{ value: number }> };
          expect(filtered.samples.length).toBe(
            selected.filter(s => valueAt(s, sampleTime(at)) > k).length,
          );
          expect(filtered.samples.every(s => s.value > k)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('either parses or throws a PromQLError, never anything else', () => {
    const pieces = fc.constantFrom(
      'up',
      'sum',
      'by',
      '(',
      ')',
      '{',
      '}',
      '[5m]',
      '=',
      '=~',
      '"a"',
      ',',
      '>',
      '0',
      'rate',
      'bool',
      ' ',
      'job',
      '-',
      '*',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), parts => {
        let thrown: unknown;
        try {
          parsePromQL(parts.join(''));
        } catch (error) {
          thrown = error;
        }
        expect(thrown === undefined || thrown instanceof PromQLError).toBe(
          true,
        );
      }),
      { numRuns: 500 },
    );
  });
});

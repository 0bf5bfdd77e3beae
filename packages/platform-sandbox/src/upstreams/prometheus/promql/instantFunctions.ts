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
import { Expr, PromQLError } from './ast';
import { assertUnique } from './binaryOperators';
import { bucketQuantile } from './functionMath';
import { compileRegex } from './regex';
import { ExecutionError, Sample, signature, Value, withoutName } from './values';

// Functions of instant vectors and scalars.

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
export function absentLabels(arg: Expr): Labels {
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

export function instantFunction(
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

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
import { COMPARISON_OPS, Expr, VectorMatching } from './ast';
import { ExecutionError, Sample, signature, withoutName } from './values';

// Binary operators: arithmetic, comparison and set operators between scalars and vectors, with vector matching.

export function compare(op: string, a: number, b: number): boolean {
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

export function arithmetic(op: string, a: number, b: number): number {
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

export const isComparison = (op: string) =>
  (COMPARISON_OPS as readonly string[]).includes(op);

export function assertUnique(samples: Sample[]): Sample[] {
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

export function vectorBinary(
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

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

import { compileMatcher, parseMatcherList } from '../alerts/matchers';

/**
 * A LogQL subset. Log queries: a stream selector, line filters (`|=`, `!=`,
 * `|~`, `!~`), `| logfmt` / `| json`, and label filters after a parser
 * (`| level="error"`). Metric queries: `count_over_time(...[d])` or
 * `rate(...[d])`, optionally inside `sum(...)` / `sum by (l, ...) (...)`.
 */
export interface LogQuery {
  kind: 'log';
  selector: (labels: Record<string, string>) => boolean;
  /** Whether a line (with its stream labels) passes the pipeline. */
  pipeline: (line: string, labels: Record<string, string>) => boolean;
}

export interface MetricQuery {
  kind: 'metric';
  fn: 'count_over_time' | 'rate';
  rangeMs: number;
  log: LogQuery;
  /** undefined: no aggregation; [] with sum: one series; labels with sum by. */
  sumBy?: string[];
}

export class LogQLParseError extends Error {}

function fail(col: number, what: string): never {
  throw new LogQLParseError(`parse error at line 1, col ${col}: syntax error: unexpected ${what}`);
}

const DURATION = /^(\d+)(ms|s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function parseLogQuery(text: string, offset: number): LogQuery {
  const trimmed = text.trim();
  const lead = text.length - text.trimStart().length;
  if (!trimmed.startsWith('{')) fail(offset + lead + 1, trimmed.length ? 'IDENTIFIER' : '$end');
  const close = trimmed.indexOf('}');
  if (close === -1) fail(offset + lead + trimmed.length + 1, '$end');
  const matchers = parseMatcherList(trimmed.slice(0, close + 1));
  if (!matchers) fail(offset + lead + 2, 'IDENTIFIER');
  if (!matchers.some(m => !(m.isRegex && new RegExp(`^(?:${m.value})$`).test('')) && m.isEqual)) {
    throw new LogQLParseError('parse error : queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will');
  }
  const compiled = matchers.map(m => compileMatcher(m));
  if (compiled.some(c => !c)) throw new LogQLParseError('parse error : invalid regular expression');
  const selector = (labels: Record<string, string>) => compiled.every(c => c!(labels));

  const stages: Array<(line: string, labels: Record<string, string>) => boolean> = [];
  let parsed = false;
  const rest = trimmed.slice(close + 1);
  const STAGE = /\s*(\|=|!=|\|~|!~)\s*"((?:[^"\\]|\\.)*)"|\s*\|\s*(logfmt|json)\b|\s*\|\s*([a-zA-Z_]\w*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"/y;
  STAGE.lastIndex = 0;
  while (STAGE.lastIndex < rest.length) {
    if (/^\s*$/.test(rest.slice(STAGE.lastIndex))) break;
    const at = STAGE.lastIndex;
    const m = STAGE.exec(rest);
    if (!m) fail(offset + lead + close + 2 + at, 'IDENTIFIER');
    if (m[1]) {
      const op = m[1];
      const value = m[2].replace(/\\(.)/g, '$1');
      if (op === '|=') stages.push(line => line.includes(value));
      else if (op === '!=') stages.push(line => !line.includes(value));
      else {
        let re: RegExp;
        try {
          re = new RegExp(value);
        } catch {
          throw new LogQLParseError(`parse error : invalid regular expression ${value}`);
        }
        stages.push(op === '|~' ? line => re.test(line) : line => !re.test(line));
      }
    } else if (m[3]) {
      parsed = true;
    } else {
      if (!parsed) fail(offset + lead + close + 2 + at, 'label filter before a parser');
      const matcher = compileMatcher({ name: m[4], value: m[6], isRegex: m[5].includes('~'), isEqual: !m[5].startsWith('!') });
      if (!matcher) throw new LogQLParseError('parse error : invalid regular expression');
      stages.push((line, labels) => matcher({ ...labels, ...logfmtFields(line) }));
    }
  }
  return { kind: 'log', selector, pipeline: (line, labels) => stages.every(s => s(line, labels)) };
}

/** Fields of a logfmt line, as `| logfmt` extracts them. */
export function logfmtFields(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of line.matchAll(/(\w+)=("(?:[^"\\]|\\.)*"|\S*)/g)) {
    out[m[1]] = m[2].startsWith('"') ? m[2].slice(1, -1) : m[2];
  }
  return out;
}

function parseRangeAggregation(text: string, offset: number): MetricQuery {
  const m = /^\s*(count_over_time|rate)\s*\(([\s\S]*)\[(\w+)\]\s*\)\s*$/.exec(text);
  if (!m) fail(offset + 1, 'IDENTIFIER');
  const d = DURATION.exec(m[3]);
  if (!d) throw new LogQLParseError(`parse error : not a valid duration string: "${m[3]}"`);
  const inner = m[2];
  return {
    kind: 'metric',
    fn: m[1] as MetricQuery['fn'],
    rangeMs: Number(d[1]) * UNIT_MS[d[2]],
    log: parseLogQuery(inner, offset + text.indexOf(inner)),
  };
}

export function parseLogQL(query: string): LogQuery | MetricQuery {
  const text = query.trim();
  if (text === '') fail(1, '$end');
  if (text.startsWith('{')) return parseLogQuery(text, 0);
  const sum = /^sum\s*(?:by\s*\(([^)]*)\)\s*)?\(([\s\S]*)\)\s*(?:by\s*\(([^)]*)\))?$/.exec(text);
  if (sum) {
    const metric = parseRangeAggregation(sum[2], text.indexOf(sum[2]));
    const by = sum[1] ?? sum[3];
    metric.sumBy = by === undefined ? [] : by.split(',').map(s => s.trim()).filter(Boolean);
    return metric;
  }
  return parseRangeAggregation(text, 0);
}

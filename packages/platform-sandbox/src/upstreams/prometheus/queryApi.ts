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

import { IncomingMessage, ServerResponse } from 'node:http';
import { FaultTimeline } from '../alerts/FaultTimeline';
import { compileMatcher, LabelMatcher } from '../alerts/matchers';
import { renderAlertsList, renderRuleGroups } from '../alerts/ruleListing';
import { readBody, sendJson, sendText } from '../shared/http';
import { UpstreamContext } from '../types';
import { MAX_POINTS } from './assumptions';
import { PromQLError, typeOf } from './promql/ast';
import { evaluate, ExecutionError, signature, Value } from './promql/evaluator';
import { parsePromQL } from './promql/parser';
import { fleetSeries, Labels, SeriesDef } from './series';

type ErrorType = 'bad_data' | 'execution' | 'internal' | 'unavailable' | 'not_found' | 'timeout';

const STATUS_OF: Record<ErrorType, number> = {
  bad_data: 400,
  execution: 422,
  not_found: 404,
  timeout: 503,
  internal: 500,
  unavailable: 500,
};

export function writePromError(res: ServerResponse, errorType: ErrorType, error: string, status = STATUS_OF[errorType]): void {
  sendJson(res, status, { status: 'error', errorType, error });
}

/** The body Prometheus sends for a failure of the given HTTP status. */
export function writePromFailure(res: ServerResponse, status: number): void {
  const byStatus: Record<number, ErrorType> = { 400: 'bad_data', 404: 'not_found', 422: 'execution', 503: 'unavailable' };
  writePromError(res, byStatus[status] ?? 'internal', `simulated failure (HTTP ${status})`, status);
}

/** GET query and, for POST, the form body, as Prometheus reads parameters. */
export async function requestParams(req: IncomingMessage, query: URLSearchParams): Promise<URLSearchParams> {
  if (req.method !== 'POST') return query;
  const body = await readBody(req);
  const merged = new URLSearchParams(query);
  for (const [k, v] of new URLSearchParams(body)) merged.append(k, v);
  return merged;
}

function parseTime(text: string | null, fallback: number): number | undefined {
  if (text === null || text === '') return fallback;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

function parseStep(text: string | null): number | undefined {
  if (text === null) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(text);
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  return m ? Number(m[1]) * unit[m[2]] : undefined;
}

/** Go's strconv.FormatFloat(v, 'f', -1, 64) for the values Prometheus prints. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (Number.isInteger(v) && Math.abs(v) >= 1e21) return BigInt(v).toString();
  return String(v);
}

function renderInstant(value: Value, at: number) {
  const t = at / 1000;
  if (value.kind === 'scalar') return { resultType: 'scalar', result: [t, formatValue(value.value)] };
  if (value.kind === 'string') return { resultType: 'string', result: [t, value.value] };
  if (value.kind === 'matrix') {
    return {
      resultType: 'matrix',
      result: value.series.map(s => ({ metric: s.labels, values: s.points.map(([pt, v]) => [pt / 1000, formatValue(v)]) })),
    };
  }
  return { resultType: 'vector', result: value.samples.map(s => ({ metric: s.labels, value: [t, formatValue(s.value)] })) };
}

function parseQuery(res: ServerResponse, text: string | null) {
  if (text === null || text === '') {
    writePromError(res, 'bad_data', 'invalid parameter "query": 1:1: parse error: no expression found in input');
    return undefined;
  }
  try {
    return parsePromQL(text);
  } catch (error) {
    if (error instanceof PromQLError) {
      writePromError(res, 'bad_data', `invalid parameter "query": ${error.message}`);
      return undefined;
    }
    throw error;
  }
}

function withEvaluation(res: ServerResponse, run: () => unknown): void {
  try {
    sendJson(res, 200, { status: 'success', data: run() });
  } catch (error) {
    if (error instanceof ExecutionError) {
      writePromError(res, 'execution', error.message);
      return;
    }
    throw error;
  }
}

function seriesMatching(res: ServerResponse, selectors: string[], all: SeriesDef[]): SeriesDef[] | undefined {
  const found = new Map<string, SeriesDef>();
  for (const text of selectors) {
    let expr;
    try {
      expr = parsePromQL(text);
    } catch (error) {
      writePromError(res, 'bad_data', `invalid parameter "match[]": ${(error as Error).message}`);
      return undefined;
    }
    if (expr.type !== 'selector' || expr.rangeMs !== undefined) {
      writePromError(res, 'bad_data', 'invalid parameter "match[]": match[] must contain only vector selectors');
      return undefined;
    }
    const tests = [...expr.matchers, ...(expr.name ? [{ name: '__name__', value: expr.name, isRegex: false, isEqual: true } as LabelMatcher] : [])].map(m => compileMatcher(m)!);
    for (const s of all) if (tests.every(t => t(s.labels))) found.set(signature(s.labels), s);
  }
  return [...found.values()];
}

/**
 * The Prometheus HTTP query API (`/api/v1/...`) over the fleet's series.
 * `own` is false for a Mimir tenant that has no data: every answer is empty.
 */
export async function handleQueryApi(
  ctx: UpstreamContext,
  req: IncomingMessage,
  res: ServerResponse,
  route: string[],
  query: URLSearchParams,
  own: boolean,
  timeline: FaultTimeline,
): Promise<boolean> {
  if (route[0] !== 'api' || route[1] !== 'v1') return false;
  const params = await requestParams(req, query);
  const endpoint = route.slice(2).join('/');
  const now = ctx.clock.now().getTime();
  const all = own ? fleetSeries(ctx) : [];

  if (endpoint === 'query') {
    const expr = parseQuery(res, params.get('query'));
    if (!expr) return true;
    const at = parseTime(params.get('time'), now);
    if (at === undefined) {
      writePromError(res, 'bad_data', `invalid parameter "time": cannot parse "${params.get('time')}" to a valid timestamp`);
      return true;
    }
    withEvaluation(res, () => renderInstant(evaluate(expr, all, at), at));
    return true;
  }
  if (endpoint === 'query_range') {
    const expr = parseQuery(res, params.get('query'));
    if (!expr) return true;
    const start = parseTime(params.get('start'), NaN);
    const end = parseTime(params.get('end'), NaN);
    const step = parseStep(params.get('step'));
    for (const [name, v] of [['start', start], ['end', end]] as const) {
      if (v === undefined || Number.isNaN(v)) {
        writePromError(res, 'bad_data', `invalid parameter "${name}": cannot parse "${params.get(name) ?? ''}" to a valid timestamp`);
        return true;
      }
    }
    if (step === undefined) {
      writePromError(res, 'bad_data', `invalid parameter "step": cannot parse "${params.get('step') ?? ''}" to a valid duration`);
      return true;
    }
    if (end! < start!) {
      writePromError(res, 'bad_data', 'end timestamp must not be before start time');
      return true;
    }
    if (step <= 0) {
      writePromError(res, 'bad_data', 'zero or negative query resolution step widths are not accepted. Try a positive integer');
      return true;
    }
    if ((end! - start!) / step > MAX_POINTS) {
      writePromError(res, 'bad_data', 'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)');
      return true;
    }
    const kind = typeOf(expr);
    if (kind === 'matrix' || kind === 'string') {
      writePromError(res, 'bad_data', `invalid parameter "query": invalid expression type "${kind === 'matrix' ? 'range vector' : 'string'}" for range query, must be Scalar or instant Vector`);
      return true;
    }
    withEvaluation(res, () => {
      const bySeries = new Map<string, { metric: Labels; values: Array<[number, string]> }>();
      for (let t = start!; t <= end!; t += step) {
        const value = evaluate(expr, all, t, { start: start!, end: end! });
        let samples: Array<{ labels: Labels; value: number }> = [];
        if (value.kind === 'scalar') samples = [{ labels: {}, value: value.value }];
        if (value.kind === 'vector') samples = value.samples;
        for (const s of samples) {
          const key = signature(s.labels);
          const entry = bySeries.get(key) ?? { metric: s.labels, values: [] };
          entry.values.push([t / 1000, formatValue(s.value)]);
          bySeries.set(key, entry);
        }
      }
      return { resultType: 'matrix', result: [...bySeries.values()] };
    });
    return true;
  }
  if (endpoint === 'series') {
    const selectors = params.getAll('match[]');
    if (selectors.length === 0) {
      writePromError(res, 'bad_data', 'no match[] parameter provided');
      return true;
    }
    const found = seriesMatching(res, selectors, all);
    if (found) sendJson(res, 200, { status: 'success', data: found.map(s => s.labels) });
    return true;
  }
  const values = /^label\/([^/]+)\/values$/.exec(endpoint);
  if (endpoint === 'labels' || values) {
    const selectors = params.getAll('match[]');
    const found = selectors.length > 0 ? seriesMatching(res, selectors, all) : all;
    if (!found) return true;
    if (values && !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(decodeURIComponent(values[1]))) {
      writePromError(res, 'bad_data', `invalid label name: "${values[1]}"`);
      return true;
    }
    const data = values
      ? [...new Set(found.map(s => s.labels[decodeURIComponent(values[1])]).filter(v => v !== undefined))].sort()
      : [...new Set(found.flatMap(s => Object.keys(s.labels)))].sort();
    sendJson(res, 200, { status: 'success', data });
    return true;
  }
  if (endpoint === 'rules') {
    // The ruler evaluates the fault alert rules; another tenant has no rules.
    const rules = renderRuleGroups(timeline.active(), ctx.fleet, ctx.clock.now(), {
      instanceState: 'firing',
      file: '/etc/prometheus/rules/platform.yaml',
    });
    sendJson(res, 200, own ? rules : { status: 'success', data: { groups: [] } });
    return true;
  }
  if (endpoint === 'alerts') {
    sendJson(res, 200, renderAlertsList(own ? timeline.active() : [], ctx.fleet, 'firing'));
    return true;
  }
  // Prometheus's router answers an unknown API path in plain text, not JSON.
  sendText(res, 404, '404 page not found\n');
  return true;
}

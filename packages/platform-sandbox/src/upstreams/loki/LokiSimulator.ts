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
import { applyBehaviour } from '../../control/applyBehaviour';
import { compileMatcher, parseMatcherList } from '../alerts/matchers';
import { faultsWithId } from '../shared/fleetFaults';
import { parsePath, sendJson, sendText } from '../shared/http';
import { checkTenant, writeNoOrgId } from '../shared/tenancy';
import { LOG_INTERVAL_MS, logLine, streamLabels } from '../telemetry/logs';
import { buildWorkloads, Workload } from '../telemetry/workloads';
import { UpstreamContext, UpstreamSimulator } from '../types';
import { LogQLParseError, LogQuery, MetricQuery, parseLogQL } from './logql';
import { parseLokiDuration, parseLokiTime } from './time';

const MAX_QUERY_LENGTH_MS = 721 * 3_600_000;
const MAX_POINTS = 11_000;
const DEFAULT_LIMIT = 100;
const HOUR_MS = 3_600_000;

interface Stream {
  workload: Workload;
  labels: Record<string, string>;
}

/** Loki's query API, fleet-wide, mounted at `/loki`, tenant from `X-Scope-OrgID`. Errors are plain text. */
export function createLokiSimulator(ctx: UpstreamContext): UpstreamSimulator {
  const streams: Stream[] = buildWorkloads(ctx.fleet).map(w => ({ workload: w, labels: streamLabels(w) }));

  /** Clusters whose Loki is not ready have stopped shipping logs. */
  function liveStreams(): Stream[] {
    const down = new Set(faultsWithId(ctx.fleet, ctx.control, 'loki-not-ready').map(f => f.cluster));
    return streams.filter(s => !down.has(s.workload.cluster));
  }

  function range(query: URLSearchParams, defaultMs: number): { start: number; end: number } | string {
    const now = ctx.clock.now().getTime();
    const end = query.has('end') ? parseLokiTime(query.get('end')) : now;
    const since = parseLokiDuration(query.get('since'));
    const start = query.has('start') ? parseLokiTime(query.get('start')) : (end ?? now) - (since ?? defaultMs);
    if (end === undefined) return `invalid parameter "end": cannot parse "${query.get('end')}" to a valid timestamp`;
    if (start === undefined) return `invalid parameter "start": cannot parse "${query.get('start')}" to a valid timestamp`;
    if (end < start) return 'end timestamp must not be before or equal to start time';
    if (end - start > MAX_QUERY_LENGTH_MS) {
      const hours = Math.round((end - start) / HOUR_MS);
      return `the query time range exceeds the limit (query length: ${hours}h0m0s, limit: 721h0m0s)`;
    }
    return { start, end: Math.min(end, now) };
  }

  /** Entries of the matching streams in (start, end], newest or oldest first, up to limit. */
  function selectEntries(q: LogQuery, start: number, end: number, limit: number, forward: boolean) {
    const matching = liveStreams().filter(s => q.selector(s.labels));
    const first = Math.floor(start / LOG_INTERVAL_MS) + 1;
    const last = Math.floor(end / LOG_INTERVAL_MS);
    const result = new Map<Stream, Array<[string, string]>>();
    let count = 0;
    for (let i = 0; i <= last - first && count < limit; i++) {
      const slot = forward ? first + i : last - i;
      const at = slot * LOG_INTERVAL_MS;
      for (const s of matching) {
        const line = logLine(s.workload, at, ctx.control);
        if (!q.pipeline(line, s.labels)) continue;
        const entries = result.get(s) ?? [];
        entries.push([`${BigInt(at) * 1_000_000n}`, line]);
        result.set(s, entries);
        if (++count >= limit) break;
      }
    }
    return [...result.entries()].map(([s, values]) => ({ stream: s.labels, values }));
  }

  function countIn(q: LogQuery, s: Stream, from: number, to: number): number {
    let n = 0;
    for (let slot = Math.floor(from / LOG_INTERVAL_MS) + 1; slot <= Math.floor(to / LOG_INTERVAL_MS); slot++) {
      if (q.pipeline(logLine(s.workload, slot * LOG_INTERVAL_MS, ctx.control), s.labels)) n++;
    }
    return n;
  }

  /** Evaluates a metric query at the given instants (ms); one series per stream or per group. */
  function evaluateMetric(q: MetricQuery, instants: number[]) {
    const matching = liveStreams().filter(s => q.log.selector(s.labels));
    const series = new Map<string, { metric: Record<string, string>; values: Array<[number, number]> }>();
    for (const s of matching) {
      let metric: Record<string, string> = s.labels;
      if (q.sumBy) metric = Object.fromEntries(q.sumBy.filter(l => s.labels[l] !== undefined).map(l => [l, s.labels[l]]));
      const key = JSON.stringify(Object.entries(metric).sort());
      const entry = series.get(key) ?? { metric, values: instants.map(t => [t, 0] as [number, number]) };
      instants.forEach((t, i) => {
        const n = countIn(q.log, s, t - q.rangeMs, t);
        entry.values[i][1] += q.fn === 'rate' ? n / (q.rangeMs / 1000) : n;
      });
      series.set(key, entry);
    }
    return [...series.values()].map(s => ({
      metric: s.metric,
      values: s.values.filter(([, v]) => q.fn === 'rate' || v > 0 || q.sumBy !== undefined),
    }));
  }

  function parse(res: ServerResponse, query: URLSearchParams): LogQuery | MetricQuery | undefined {
    const text = query.get('query');
    if (text === null) {
      sendText(res, 400, 'query parameter is required\n');
      return undefined;
    }
    try {
      return parseLogQL(text);
    } catch (error) {
      if (error instanceof LogQLParseError) {
        sendText(res, 400, `${error.message}\n`);
        return undefined;
      }
      throw error;
    }
  }

  function stats(lines: number) {
    return { summary: { bytesProcessedPerSecond: lines * 120, linesProcessedPerSecond: lines, totalBytesProcessed: lines * 120, totalLinesProcessed: lines, execTime: 0.002 } };
  }

  function queryRange(res: ServerResponse, query: URLSearchParams, own: boolean): void {
    const q = parse(res, query);
    if (!q) return;
    const window = range(query, HOUR_MS);
    if (typeof window === 'string') {
      sendText(res, 400, `${window}\n`);
      return;
    }
    if (q.kind === 'log') {
      const limit = Number.parseInt(query.get('limit') ?? '', 10) || DEFAULT_LIMIT;
      const direction = query.get('direction') ?? 'backward';
      if (direction !== 'forward' && direction !== 'backward') {
        sendText(res, 400, `invalid direction: ${direction}\n`);
        return;
      }
      const result = own ? selectEntries(q, window.start, window.end, limit, direction === 'forward') : [];
      sendJson(res, 200, { status: 'success', data: { resultType: 'streams', result, stats: stats(result.length) } });
      return;
    }
    const defaultStep = Math.max(1000, Math.floor((window.end - window.start) / 250 / 1000) * 1000);
    const step = parseLokiDuration(query.get('step')) ?? defaultStep;
    if (step <= 0) {
      sendText(res, 400, 'zero or negative query resolution step widths are not accepted. Try a positive integer\n');
      return;
    }
    if ((window.end - window.start) / step > MAX_POINTS) {
      sendText(res, 400, 'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)\n');
      return;
    }
    const instants: number[] = [];
    for (let t = window.start; t <= window.end; t += step) instants.push(t);
    const result = own
      ? evaluateMetric(q, instants).map(s => ({ metric: s.metric, values: s.values.map(([t, v]) => [t / 1000, String(v)]) }))
      : [];
    sendJson(res, 200, { status: 'success', data: { resultType: 'matrix', result, stats: stats(0) } });
  }

  function instantQuery(res: ServerResponse, query: URLSearchParams, own: boolean): void {
    const q = parse(res, query);
    if (!q) return;
    if (q.kind === 'log') {
      sendText(res, 400, 'log queries are not supported as an instant query type, please change your query to a range query type\n');
      return;
    }
    const time = query.has('time') ? parseLokiTime(query.get('time')) : ctx.clock.now().getTime();
    if (time === undefined) {
      sendText(res, 400, `invalid parameter "time": cannot parse "${query.get('time')}" to a valid timestamp\n`);
      return;
    }
    const result = own
      ? evaluateMetric(q, [time]).filter(s => s.values.length > 0).map(s => ({ metric: s.metric, value: [time / 1000, String(s.values[0][1])] }))
      : [];
    sendJson(res, 200, { status: 'success', data: { resultType: 'vector', result, stats: stats(0) } });
  }

  /** Streams selected by `query` (labels endpoints) or `match[]` (series). */
  function streamsFor(res: ServerResponse, selectors: string[]): Stream[] | undefined {
    let selected = liveStreams();
    if (selectors.length === 0) return selected;
    const groups: Array<Array<(labels: Record<string, string>) => boolean>> = [];
    for (const text of selectors) {
      const matchers = parseMatcherList(text.replace(/\|.*$/, ''));
      const compiled = matchers?.map(m => compileMatcher(m));
      if (!compiled || compiled.some(c => !c)) {
        sendText(res, 400, 'parse error at line 1, col 1: syntax error: unexpected IDENTIFIER\n');
        return undefined;
      }
      groups.push(compiled as Array<(labels: Record<string, string>) => boolean>);
    }
    selected = selected.filter(s => groups.some(g => g.every(c => c(s.labels))));
    return selected;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const proceed = await applyBehaviour(ctx.control, req, res, {
      upstream: 'loki',
      cluster: '*',
      verb: req.method ?? 'GET',
      writeError: (r, status) => sendText(r, status, `simulated failure (HTTP ${status})\n`),
    });
    if (!proceed) return;
    const { segments, query } = parsePath(path);
    const route = segments.join('/');
    if (route === 'ready') {
      const down = faultsWithId(ctx.fleet, ctx.control, 'loki-not-ready');
      if (down.length > 0) sendText(res, 503, 'Ingester not ready: waiting for 15s after being ready\n');
      else sendText(res, 200, 'ready\n');
      return;
    }
    const tenant = checkTenant(req, ctx.credentials.tenant);
    if (tenant === 'missing') {
      writeNoOrgId(res);
      return;
    }
    const own = tenant === 'own';
    if (route === 'loki/api/v1/query_range') {
      queryRange(res, query, own);
      return;
    }
    if (route === 'loki/api/v1/query') {
      instantQuery(res, query, own);
      return;
    }
    const labelValues = /^loki\/api\/v1\/label\/([^/]+)\/values$/.exec(route);
    if (route === 'loki/api/v1/labels' || labelValues || route === 'loki/api/v1/series') {
      const window = range(query, 6 * HOUR_MS);
      if (typeof window === 'string') {
        sendText(res, 400, `${window}\n`);
        return;
      }
      const selectors = route.endsWith('series') ? query.getAll('match[]') : query.getAll('query');
      if (route.endsWith('series') && selectors.length === 0) {
        sendText(res, 400, 'at least one match[] argument required\n');
        return;
      }
      const selected = streamsFor(res, selectors);
      if (!selected) return;
      const visible = own ? selected : [];
      let data: unknown;
      if (route.endsWith('series')) data = visible.map(s => s.labels);
      else if (labelValues) data = [...new Set(visible.map(s => s.labels[labelValues[1]]).filter(Boolean))].sort();
      else data = [...new Set(visible.flatMap(s => Object.keys(s.labels)))].sort();
      sendJson(res, 200, { status: 'success', data });
      return;
    }
    sendText(res, 404, '404 page not found\n');
  }

  return { id: 'loki', mount: 'loki', perCluster: false, handle };
}

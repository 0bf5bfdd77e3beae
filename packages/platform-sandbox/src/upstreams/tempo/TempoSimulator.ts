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
import { parsePath, sendJson, sendText } from '../shared/http';
import { checkTenant, writeNoOrgId } from '../shared/tenancy';
import { buildTrace, decodeTraceId, Span, Trace, TRACE_SLOT_MS } from '../telemetry/traces';
import { buildWorkloads } from '../telemetry/workloads';
import { UpstreamContext, UpstreamSimulator } from '../types';
import { DEFAULT_SEARCH_WINDOW_S, TRACE_NOT_FOUND } from './assumptions';
import { otlpBatches, searchHit } from './otlp';
import { parseTraceQL, SpanFilter, TraceQLError } from './traceql';

/** Longest search window the simulator scans, as Tempo's query frontend caps it. */
const MAX_SEARCH_WINDOW_S = 7 * 86400;

const RESOURCE_TAGS = ['service.name', 'k8s.namespace.name', 'k8s.cluster.name'];
const SPAN_TAGS = ['http.method', 'http.route', 'http.status_code', 'db.system', 'db.operation', 'peer.service'];
const INTRINSIC_TAGS = ['duration', 'kind', 'name', 'status'];

const TAGS_BY_SCOPE: Record<string, string[]> = {
  resource: RESOURCE_TAGS,
  span: SPAN_TAGS,
  intrinsic: INTRINSIC_TAGS,
};

/** The TraceQL attribute a logfmt search tag stands for. */
function tagAttribute(key: string): string {
  if (RESOURCE_TAGS.includes(key)) return `resource.${key}`;
  if (INTRINSIC_TAGS.includes(key)) return key;
  return `.${key}`;
}

/** Tempo's query API, fleet-wide, mounted at `/tempo`, tenant from `X-Scope-OrgID`. */
export function createTempoSimulator(ctx: UpstreamContext): UpstreamSimulator {
  const workloads = buildWorkloads(ctx.fleet);
  const traced = workloads.filter(w => w.component);

  function nowSlot(): number {
    return Math.floor(ctx.clock.now().getTime() / TRACE_SLOT_MS);
  }

  /** Tags as logfmt (`service.name=x http.status_code=500`) become TraceQL conditions. */
  function filterFromTags(tags: string): SpanFilter {
    const conditions = [...tags.matchAll(/([\w.]+)=("(?:[^"\\]|\\.)*"|\S+)/g)].map(([, key, value]) => {
      const v = value.startsWith('"') ? value : `"${value}"`;
      return `${tagAttribute(key)} = ${v}`;
    });
    return parseTraceQL(`{ ${conditions.join(' && ')} }`);
  }

  function search(res: ServerResponse, query: URLSearchParams, own: boolean): void {
    let filter: SpanFilter;
    try {
      const q = query.get('q');
      const tags = query.get('tags');
      filter = q ? parseTraceQL(q) : filterFromTags(tags ?? '');
    } catch (error) {
      if (error instanceof TraceQLError) {
        sendText(res, 400, `invalid TraceQL query: ${error.message}`);
        return;
      }
      throw error;
    }
    const limit = Number.parseInt(query.get('limit') ?? '', 10) > 0 ? Number(query.get('limit')) : 20;
    const spss = Number.parseInt(query.get('spss') ?? '', 10) > 0 ? Number(query.get('spss')) : 3;
    const nowS = ctx.clock.now().getTime() / 1000;
    const end = Number(query.get('end') ?? nowS);
    const start = Number(query.get('start') ?? end - DEFAULT_SEARCH_WINDOW_S);
    if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) {
      sendText(res, 400, 'invalid start or end: end must be after start');
      return;
    }
    const minDuration = parseDurationMs(query.get('minDuration'));
    const maxDuration = parseDurationMs(query.get('maxDuration'));
    const traces = [];
    const lastSlot = Math.min(Math.floor((end * 1000) / TRACE_SLOT_MS), nowSlot());
    const firstSlot = Math.max(Math.ceil((start * 1000) / TRACE_SLOT_MS), lastSlot - (MAX_SEARCH_WINDOW_S * 1000) / TRACE_SLOT_MS);
    let inspected = 0;
    for (let slot = lastSlot; own && slot >= firstSlot && traces.length < limit; slot--) {
      for (const w of traced) {
        const trace = buildTrace(w, slot, ctx.control);
        inspected += 1;
        const root = trace.spans[0];
        if (minDuration !== undefined && root.durationMs < minDuration) continue;
        if (maxDuration !== undefined && root.durationMs > maxDuration) continue;
        const matched: Span[] = trace.spans.filter(filter);
        if (matched.length > 0) traces.push(searchHit(trace, matched, spss));
        if (traces.length >= limit) break;
      }
    }
    sendJson(res, 200, {
      traces,
      metrics: { inspectedTraces: inspected, inspectedBytes: String(inspected * 1400), completedJobs: 1, totalJobs: 1 },
    });
  }

  function findTrace(id: string, query: URLSearchParams): Trace | undefined {
    const decoded = decodeTraceId(id, workloads);
    if (!decoded || !decoded.workload.component || decoded.slot > nowSlot()) return undefined;
    const start = query.get('start');
    const end = query.get('end');
    const at = (decoded.slot * TRACE_SLOT_MS) / 1000;
    if ((start && at + TRACE_SLOT_MS / 1000 < Number(start)) || (end && at > Number(end))) return undefined;
    return buildTrace(decoded.workload, decoded.slot, ctx.control);
  }

  function tagValues(tag: string): string[] {
    const key = tag.replace(/^(resource|span)\./, '').replace(/^\./, '');
    const values = new Set<string>();
    for (const w of traced) {
      const trace = buildTrace(w, nowSlot(), ctx.control);
      for (const s of trace.spans) {
        const v = s.resource[key] ?? s.attributes[key];
        if (v !== undefined && v !== '') values.add(String(v));
      }
    }
    return [...values].sort();
  }

  async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const proceed = await applyBehaviour(ctx.control, req, res, {
      upstream: 'tempo',
      cluster: '*',
      verb: req.method ?? 'GET',
      writeError: (r, status) => sendText(r, status, `simulated failure (HTTP ${status})\n`),
    });
    if (!proceed) return;
    const { segments, query } = parsePath(path);
    const route = segments.join('/');
    if (route === 'ready') {
      sendText(res, 200, 'ready\n');
      return;
    }
    if (route === 'api/echo') {
      sendText(res, 200, 'echo');
      return;
    }
    const tenant = checkTenant(req, ctx.credentials.tenant);
    if (tenant === 'missing') {
      writeNoOrgId(res);
      return;
    }
    const own = tenant === 'own';
    if (segments[0] === 'api' && segments[1] === 'traces' && segments.length === 3) {
      const trace = own ? findTrace(segments[2], query) : undefined;
      if (!trace) sendText(res, 404, TRACE_NOT_FOUND);
      else sendJson(res, 200, otlpBatches(trace));
      return;
    }
    if (route.startsWith('api/v2/traces/') && segments.length === 4) {
      const trace = own ? findTrace(segments[3], query) : undefined;
      if (!trace) sendText(res, 404, TRACE_NOT_FOUND);
      else sendJson(res, 200, { trace: { resourceSpans: otlpBatches(trace).batches }, status: 'COMPLETE' });
      return;
    }
    if (route === 'api/search') {
      search(res, query, own);
      return;
    }
    if (route === 'api/search/tags') {
      const names = TAGS_BY_SCOPE[query.get('scope') ?? ''] ?? [...RESOURCE_TAGS, ...SPAN_TAGS];
      sendJson(res, 200, { tagNames: own ? names : [], metrics: { inspectedBytes: '0' } });
      return;
    }
    if (route === 'api/v2/search/tags') {
      const scopes = [
        { name: 'resource', tags: RESOURCE_TAGS },
        { name: 'span', tags: SPAN_TAGS },
        { name: 'intrinsic', tags: INTRINSIC_TAGS },
      ];
      sendJson(res, 200, { scopes: own ? scopes : [], metrics: { inspectedBytes: '0' } });
      return;
    }
    const tagMatch = /^api\/(v2\/)?search\/tag\/(.+)\/values$/.exec(route);
    if (tagMatch) {
      const values = own ? tagValues(tagMatch[2]) : [];
      sendJson(res, 200, {
        tagValues: tagMatch[1] ? values.map(value => ({ type: 'string', value })) : values,
        metrics: { inspectedBytes: '0' },
      });
      return;
    }
    sendText(res, 404, '404 page not found\n');
  }

  return { id: 'tempo', mount: 'tempo', perCluster: false, handle };
}

function parseDurationMs(text: string | null): number | undefined {
  if (!text) return undefined;
  const m = /^(\d+(?:\.\d+)?)(ns|us|ms|s|m|h)$/.exec(text);
  if (!m) return undefined;
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  return Number(m[1]) * unit[m[2]];
}

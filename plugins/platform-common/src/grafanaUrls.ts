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

/** A time range as Grafana takes it: relative (`now-1h`) or epoch ms. @public */
export interface GrafanaRange {
  from: string;
  to: string;
}

/** @public */
export interface ExploreQuery {
  datasource: { type: string; uid: string };
  /** Datasource-specific query fields, e.g. `expr` for Prometheus and Loki. */
  [field: string]: unknown;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * A dashboard link: `/d/<uid>?orgId=1&from=…&to=…&var-x=…`, one `var-` per
 * value for multi-value variables.
 *
 * @public
 */
export function grafanaDashboardUrl(
  baseUrl: string,
  uid: string,
  options: {
    orgId?: number;
    range?: GrafanaRange;
    vars?: Record<string, string | string[]>;
  } = {},
): string {
  const params = new URLSearchParams();
  params.set('orgId', String(options.orgId ?? 1));
  const range = options.range ?? { from: 'now-6h', to: 'now' };
  params.set('from', range.from);
  params.set('to', range.to);
  for (const [name, value] of Object.entries(options.vars ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) {
      params.append(`var-${name}`, v);
    }
  }
  return `${trimSlash(baseUrl)}/d/${encodeURIComponent(
    uid,
  )}?${params.toString()}`;
}

/**
 * An Explore link in Grafana's current format (`schemaVersion=1` with
 * `panes`), one pane with one query.
 *
 * @public
 */
export function grafanaExploreUrl(
  baseUrl: string,
  query: ExploreQuery,
  options: { orgId?: number; range?: GrafanaRange } = {},
): string {
  const panes = {
    a1: {
      datasource: query.datasource.uid,
      queries: [{ refId: 'A', ...query }],
      range: options.range ?? { from: 'now-1h', to: 'now' },
    },
  };
  const params = new URLSearchParams();
  params.set('schemaVersion', '1');
  params.set('orgId', String(options.orgId ?? 1));
  params.set('panes', JSON.stringify(panes));
  return `${trimSlash(baseUrl)}/explore?${params.toString()}`;
}

/** Where telemetry links open: Grafana's public URL and one datasource. @public */
export interface ExploreTarget {
  baseUrl: string;
  datasourceUid: string;
  orgId?: number;
  range?: GrafanaRange;
}

/** The TraceQL query for every span of one service. @public */
export function traceqlForService(serviceName: string): string {
  return `{ resource.service.name = ${JSON.stringify(serviceName)} }`;
}

/** Explore on Tempo, searching the service's traces with TraceQL. @public */
export function tempoServiceTracesUrl(
  target: ExploreTarget,
  serviceName: string,
): string {
  return grafanaExploreUrl(
    target.baseUrl,
    {
      datasource: { type: 'tempo', uid: target.datasourceUid },
      queryType: 'traceql',
      query: traceqlForService(serviceName),
      limit: 20,
      tableType: 'traces',
    },
    { orgId: target.orgId, range: target.range },
  );
}

/** Explore on Tempo, opening one trace by id. @public */
export function tempoTraceUrl(target: ExploreTarget, traceId: string): string {
  return grafanaExploreUrl(
    target.baseUrl,
    {
      datasource: { type: 'tempo', uid: target.datasourceUid },
      queryType: 'traceql',
      query: traceId,
    },
    { orgId: target.orgId, range: target.range },
  );
}

/** The LogQL stream selector of an app's logs, within its namespace when known. @public */
export function logqlForApp(app: string, namespace?: string): string {
  const labels = namespace
    ? `namespace=${JSON.stringify(namespace)}, app=${JSON.stringify(app)}`
    : `app=${JSON.stringify(app)}`;
  return `{${labels}}`;
}

/** Explore on Loki, showing an app's logs. @public */
export function lokiAppLogsUrl(
  target: ExploreTarget,
  workload: { app: string; namespace?: string },
): string {
  return grafanaExploreUrl(
    target.baseUrl,
    {
      datasource: { type: 'loki', uid: target.datasourceUid },
      expr: logqlForApp(workload.app, workload.namespace),
      queryType: 'range',
      editorMode: 'code',
    },
    { orgId: target.orgId, range: target.range },
  );
}

/**
 * Trace ids as logs and alerts print them (`traceID=…`, `trace_id=…`), so
 * any text can link them to the trace.
 *
 * @public
 */
export const TRACE_ID_PATTERN =
  /\b(?:traceID|traceId|trace_id)[=:]\s*"?([0-9a-fA-F]{16}|[0-9a-fA-F]{32})\b/g;

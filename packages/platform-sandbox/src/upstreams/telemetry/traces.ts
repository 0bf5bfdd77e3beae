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

import { ControlState } from '../../control/ControlState';
import { stableHex, stableInt } from '../shared/ids';
import { isFailing, Workload } from './workloads';

/** One trace per traced workload every two simulated minutes. */
export const TRACE_SLOT_MS = 120_000;

export interface Span {
  spanId: string;
  parentSpanId?: string;
  name: string;
  service: string;
  kind: 'SPAN_KIND_SERVER' | 'SPAN_KIND_CLIENT' | 'SPAN_KIND_INTERNAL';
  startMs: number;
  durationMs: number;
  error: boolean;
  attributes: Record<string, string | number>;
  resource: Record<string, string>;
}

export interface Trace {
  traceId: string;
  workload: Workload;
  slot: number;
  spans: Span[];
}

/**
 * Trace ids encode where the trace comes from (slot and workload) so a trace
 * can be rebuilt from its id alone; the tail is a checksum.
 */
export function traceIdFor(w: Workload, slot: number): string {
  const head = slot.toString(16).padStart(10, '0') + w.index.toString(16).padStart(4, '0');
  return head + stableHex(18, head, w.cluster, w.app);
}

export function decodeTraceId(id: string, workloads: Workload[]): { workload: Workload; slot: number } | undefined {
  const hex = id.toLowerCase().padStart(32, '0');
  if (!/^[0-9a-f]{32}$/.test(hex)) return undefined;
  const slot = parseInt(hex.slice(0, 10), 16);
  const workload = workloads[parseInt(hex.slice(10, 14), 16)];
  return workload && traceIdFor(workload, slot) === hex ? { workload, slot } : undefined;
}

const ROUTES = ['GET /api/orders', 'POST /api/payments', 'GET /api/products', 'GET /healthz/ready'];

/** Builds the trace of one slot; failing workloads fail every third request. */
export function buildTrace(w: Workload, slot: number, control: ControlState): Trace {
  const traceId = traceIdFor(w, slot);
  const start = slot * TRACE_SLOT_MS + stableInt(TRACE_SLOT_MS - 5_000, traceId, 'offset');
  const error = isFailing(w, control) && slot % 3 === 0;
  const total = 20 + stableInt(180, traceId, 'dur') + (error ? 3000 : 0);
  const route = ROUTES[stableInt(ROUTES.length, traceId, 'route')];
  const resource = { 'service.name': w.app, 'k8s.namespace.name': w.namespace, 'k8s.cluster.name': w.cluster, 'service.version': '' };
  const root: Span = {
    spanId: stableHex(16, traceId, 'root'),
    name: route,
    service: w.app,
    kind: 'SPAN_KIND_SERVER',
    startMs: start,
    durationMs: total,
    error,
    attributes: { 'http.method': route.split(' ')[0], 'http.route': route.split(' ')[1], 'http.status_code': error ? 503 : 200 },
    resource,
  };
  const db: Span = {
    spanId: stableHex(16, traceId, 'db'),
    parentSpanId: root.spanId,
    name: 'SELECT',
    service: w.app,
    kind: 'SPAN_KIND_CLIENT',
    startMs: start + 2,
    durationMs: Math.max(1, Math.floor(total / 4)),
    error: false,
    attributes: { 'db.system': 'postgresql', 'db.operation': 'SELECT' },
    resource,
  };
  const spans = [root, db];
  if (w.calls) {
    spans.push({
      spanId: stableHex(16, traceId, 'call'),
      parentSpanId: root.spanId,
      name: `GET ${w.calls}`,
      service: w.app,
      kind: 'SPAN_KIND_CLIENT',
      startMs: start + Math.floor(total / 3),
      durationMs: Math.max(1, Math.floor(total / 3)),
      error,
      attributes: { 'http.method': 'GET', 'peer.service': w.calls, 'http.status_code': error ? 503 : 200 },
      resource,
    });
  }
  return { traceId, workload: w, slot, spans };
}

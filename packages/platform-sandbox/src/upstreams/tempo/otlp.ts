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

import { Span, Trace } from '../telemetry/traces';
import { OTLP_ID_ENCODING } from './assumptions';

function b64(hex: string): string {
  return Buffer.from(hex, 'hex').toString(OTLP_ID_ENCODING);
}

function attributes(map: Record<string, string | number>) {
  return Object.entries(map)
    .filter(([, v]) => v !== '')
    .map(([key, value]) => ({
      key,
      value: typeof value === 'number' ? { intValue: String(value) } : { stringValue: value },
    }));
}

function span(trace: Trace, s: Span) {
  const startNs = BigInt(Math.round(s.startMs)) * 1_000_000n;
  const endNs = startNs + BigInt(Math.round(s.durationMs * 1_000_000));
  return {
    traceId: b64(trace.traceId),
    spanId: b64(s.spanId),
    ...(s.parentSpanId ? { parentSpanId: b64(s.parentSpanId) } : {}),
    name: s.name,
    kind: s.kind,
    startTimeUnixNano: startNs.toString(),
    endTimeUnixNano: endNs.toString(),
    attributes: attributes(s.attributes),
    status: s.error ? { code: 'STATUS_CODE_ERROR', message: 'upstream request failed' } : {},
  };
}

/** `/api/traces/{id}`: OTLP JSON batches, one per service. */
export function otlpBatches(trace: Trace) {
  const byService = new Map<string, Span[]>();
  for (const s of trace.spans) byService.set(s.service, [...(byService.get(s.service) ?? []), s]);
  return {
    batches: [...byService.entries()].map(([, spans]) => ({
      resource: { attributes: attributes(spans[0].resource) },
      scopeSpans: [{ scope: { name: 'io.opentelemetry.http', version: '1.0.0' }, spans: spans.map(s => span(trace, s)) }],
    })),
  };
}

export function searchHit(trace: Trace, matched: Span[], spss: number) {
  const root = trace.spans[0];
  const asSpan = (s: Span) => ({
    spanID: s.spanId,
    name: s.name,
    startTimeUnixNano: (BigInt(Math.round(s.startMs)) * 1_000_000n).toString(),
    durationNanos: String(Math.round(s.durationMs * 1_000_000)),
    attributes: s.error ? [{ key: 'status', value: { stringValue: 'error' } }] : [],
  });
  const spanSet = { spans: matched.slice(0, spss).map(asSpan), matched: matched.length };
  return {
    traceID: trace.traceId,
    rootServiceName: root.service,
    rootTraceName: root.name,
    startTimeUnixNano: (BigInt(Math.round(root.startMs)) * 1_000_000n).toString(),
    durationMs: Math.round(root.durationMs),
    spanSet,
    spanSets: [spanSet],
  };
}

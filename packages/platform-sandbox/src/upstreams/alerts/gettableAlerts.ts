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

import { AlertInstance } from './alertInstances';
import { compileMatcher, LabelMatcher, parseMatcher } from './matchers';

/** How long Alertmanager keeps a firing alert before it would auto-resolve. */
const RESOLVE_TIMEOUT_MS = 5 * 60_000;

export interface SilenceLike {
  id: string;
  matchers: LabelMatcher[];
  startsAt: Date;
  endsAt: Date;
}

export interface AlertQuery {
  active: boolean;
  silenced: boolean;
  inhibited: boolean;
  filters: Array<(labels: Record<string, string>) => boolean>;
  receiver?: RegExp;
}

/** Reads the Alertmanager v2 `/alerts` parameters; returns an error text for bad ones. */
export function parseAlertQuery(query: URLSearchParams): AlertQuery | string {
  const flag = (name: string): boolean | string => {
    const v = query.get(name);
    if (v === null) return true;
    if (v === 'true' || v === 'false') return v === 'true';
    return `${name} in query should be of type boolean`;
  };
  const active = flag('active');
  const silenced = flag('silenced');
  const inhibited = flag('inhibited');
  for (const v of [active, silenced, inhibited]) if (typeof v === 'string') return v;
  const filters: AlertQuery['filters'] = [];
  for (const text of query.getAll('filter')) {
    const matcher = parseMatcher(text);
    const compiled = matcher && compileMatcher(matcher);
    if (!compiled) return `bad matcher format: ${text}`;
    filters.push(compiled);
  }
  let receiver: RegExp | undefined;
  const receiverText = query.get('receiver');
  if (receiverText) {
    try {
      receiver = new RegExp(`^(?:${receiverText})$`);
    } catch {
      return `failed to parse receiver param: ${receiverText}`;
    }
  }
  return { active: active as boolean, silenced: silenced as boolean, inhibited: inhibited as boolean, filters, receiver };
}

export function silenceState(s: SilenceLike, now: Date): 'active' | 'pending' | 'expired' {
  if (s.endsAt <= now) return 'expired';
  if (s.startsAt > now) return 'pending';
  return 'active';
}

/** Alertmanager routes critical alerts to the on-call, the rest to the platform team. */
export function receiverFor(labels: Record<string, string>): string {
  return labels.severity === 'critical' ? 'platform-oncall' : 'platform-team';
}

/** gettableAlert objects after applying the query and any active silences. */
export function gettableAlerts(
  instances: Array<AlertInstance & { endsAt?: Date; updatedAt?: Date; generatorURL?: string }>,
  query: AlertQuery,
  now: Date,
  silences: SilenceLike[] = [],
) {
  const out = [];
  for (const alert of instances) {
    if (!query.filters.every(f => f(alert.labels))) continue;
    const receiver = receiverFor(alert.labels);
    if (query.receiver && !query.receiver.test(receiver)) continue;
    const silencedBy = silences
      .filter(s => silenceState(s, now) === 'active')
      .filter(s => s.matchers.every(m => compileMatcher(m)?.(alert.labels)))
      .map(s => s.id);
    const suppressed = silencedBy.length > 0;
    if (suppressed && !query.silenced) continue;
    if (!suppressed && !query.active) continue;
    out.push({
      labels: alert.labels,
      annotations: alert.annotations,
      startsAt: alert.startsAt.toISOString(),
      // Posted alerts carry their own times; fault alerts are re-sent by the ruler on every evaluation.
      endsAt: (alert.endsAt ?? new Date(now.getTime() + RESOLVE_TIMEOUT_MS)).toISOString(),
      updatedAt: (alert.updatedAt ?? now).toISOString(),
      generatorURL:
        alert.generatorURL ??
        `http://prometheus.monitoring.svc:9090/graph?g0.expr=${encodeURIComponent(alert.labels.alertname ?? '')}`,
      fingerprint: alert.fingerprint,
      receivers: [{ name: receiver }],
      status: { state: suppressed ? 'suppressed' : 'active', silencedBy, inhibitedBy: [], mutedBy: [] },
    });
  }
  return out;
}

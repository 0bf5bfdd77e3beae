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
import { compileAnchored } from './goRegexp';
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
  unprocessed: boolean;
  filters: Array<(labels: Record<string, string>) => boolean>;
  receiver?: RegExp;
}

/** go-swagger's boolean parameters: these words are true, anything else false, never an error. */
const TRUE_WORDS = new Set([
  'true',
  '1',
  'yes',
  'ok',
  'y',
  'on',
  'selected',
  'checked',
  't',
  'enabled',
]);

/** One `filter=` matcher, or the error text Alertmanager answers 400 with. */
export function alertFilter(
  text: string,
): ((labels: Record<string, string>) => boolean) | string {
  const matcher = parseMatcher(text);
  if (!matcher) return `bad matcher format: ${text}`;
  if (matcher.isRegex) {
    const compiled = compileAnchored(matcher.value);
    if ('error' in compiled) return compiled.error;
  }
  return compileMatcher(matcher)!;
}

/** Reads the Alertmanager v2 `/alerts` parameters; returns an error text for bad ones. */
export function parseAlertQuery(query: URLSearchParams): AlertQuery | string {
  const flag = (name: string): boolean => {
    const v = query.get(name);
    return v === null || v === '' ? true : TRUE_WORDS.has(v.toLowerCase());
  };
  const filters: AlertQuery['filters'] = [];
  for (const text of query.getAll('filter')) {
    const compiled = alertFilter(text);
    if (typeof compiled === 'string') return compiled;
    filters.push(compiled);
  }
  let receiver: RegExp | undefined;
  const receiverText = query.get('receiver');
  if (receiverText) {
    const compiled = compileAnchored(receiverText);
    if ('error' in compiled)
      return `failed to parse receiver param: ${compiled.error}`;
    receiver = compiled;
  }
  return {
    active: flag('active'),
    silenced: flag('silenced'),
    inhibited: flag('inhibited'),
    unprocessed: flag('unprocessed'),
    filters,
    receiver,
  };
}

export function silenceState(
  s: SilenceLike,
  now: Date,
): 'active' | 'pending' | 'expired' {
  if (s.endsAt <= now) return 'expired';
  if (s.startsAt > now) return 'pending';
  return 'active';
}

/** Alertmanager routes critical alerts to the on-call, the rest to the platform team. */
export function receiverFor(labels: Record<string, string>): string {
  return labels.severity === 'critical' ? 'platform-oncall' : 'platform-team';
}

export type StoredAlert = AlertInstance & { endsAt?: Date; updatedAt?: Date };

/** Which alerts inhibit this one (their fingerprints), given every firing alert. */
export type Inhibition = (
  alert: AlertInstance,
  firing: AlertInstance[],
) => string[];

/**
 * gettableAlert objects after applying the query, active silences and
 * inhibition, sorted by fingerprint as Alertmanager's API sorts them.
 */
export function gettableAlerts(
  instances: StoredAlert[],
  query: AlertQuery,
  now: Date,
  silences: SilenceLike[] = [],
  inhibition: Inhibition = () => [],
) {
  const out = [];
  for (const alert of instances) {
    const receiver = receiverFor(alert.labels);
    if (query.receiver && !query.receiver.test(receiver)) continue;
    if (!query.filters.every(f => f(alert.labels))) continue;
    const silencedBy = silences
      .filter(s => silenceState(s, now) === 'active')
      .filter(s => s.matchers.every(m => compileMatcher(m)?.(alert.labels)))
      .map(s => s.id);
    const inhibitedBy = inhibition(alert, instances);
    const suppressed = silencedBy.length > 0 || inhibitedBy.length > 0;
    if (!suppressed && !query.active) continue;
    if (silencedBy.length > 0 && !query.silenced) continue;
    if (inhibitedBy.length > 0 && !query.inhibited) continue;
    out.push({
      labels: alert.labels,
      annotations: alert.annotations,
      startsAt: alert.startsAt.toISOString(),
      // Posted alerts carry their own times; fault alerts are re-sent by the ruler on every evaluation.
      endsAt: (
        alert.endsAt ?? new Date(now.getTime() + RESOLVE_TIMEOUT_MS)
      ).toISOString(),
      updatedAt: (alert.updatedAt ?? now).toISOString(),
      // Alertmanager leaves the field out when the alert came without one.
      ...(alert.generatorURL ? { generatorURL: alert.generatorURL } : {}),
      fingerprint: alert.fingerprint,
      receivers: [{ name: receiver }],
      status: {
        state: suppressed ? 'suppressed' : 'active',
        silencedBy,
        inhibitedBy,
        mutedBy: [],
      },
    });
  }
  return out.sort((a, b) => a.fingerprint.localeCompare(b.fingerprint, 'en'));
}

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

import { AlertInstance } from '../alerts/alertInstances';
import { goType } from './goErrors';

/** Alertmanager's default `resolve_timeout`: an alert posted without `endsAt` resolves after it. */
const RESOLVE_TIMEOUT_MS = 5 * 60_000;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A posted alert as Alertmanager keeps it until it resolves. */
export interface PostedAlert extends AlertInstance {
  endsAt: Date;
  updatedAt: Date;
  /** Posted without endsAt: it resolves after resolve_timeout unless posted again. */
  timeout: boolean;
}

/**
 * Alertmanager's Alert.Merge of a repeat into the alert it holds: the
 * repeat's fields, the earliest start, and the later end when the older one
 * was explicit.
 */
function merge(old: PostedAlert, repeat: PostedAlert, now: Date): PostedAlert {
  const merged = { ...repeat };
  if (old.startsAt < repeat.startsAt) merged.startsAt = old.startsAt;
  const resolved = (a: PostedAlert) => a.endsAt <= now;
  if (resolved(repeat)) {
    if (resolved(old) && old.endsAt > repeat.endsAt) merged.endsAt = old.endsAt;
  } else if (old.endsAt > repeat.endsAt && !old.timeout) {
    merged.endsAt = old.endsAt;
  }
  return merged;
}

/**
 * Prometheus' label-set fingerprint (FNV-1a 64 over sorted names and values,
 * each followed by 0xff), printed as 16 hex digits like Alertmanager does.
 */
export function labelSetFingerprint(labels: Record<string, string>): string {
  const prime = 1099511628211n;
  const mask = (1n << 64n) - 1n;
  let hash = 14695981039346656037n;
  const add = (bytes: Uint8Array) => {
    for (const byte of bytes) hash = ((hash ^ BigInt(byte)) * prime) & mask;
  };
  const separator = Uint8Array.of(0xff);
  for (const name of Object.keys(labels).sort()) {
    add(Buffer.from(name, 'utf8'));
    add(separator);
    add(Buffer.from(labels[name], 'utf8'));
    add(separator);
  }
  return hash.toString(16).padStart(16, '0');
}

function stringMap(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.some(([, v]) => typeof v !== 'string')) return undefined;
  return Object.fromEntries(entries) as Record<string, string>;
}

function time(value: unknown): Date | undefined | 'invalid' {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return 'invalid';
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? 'invalid' : parsed;
}

/**
 * Alerts clients post to `POST /api/v2/alerts`, merged by label set like
 * Alertmanager's store: a repeat keeps the first `startsAt` and takes the
 * newest annotations and `endsAt`.
 */
export class PostedAlertStore {
  private readonly alerts = new Map<string, PostedAlert>();

  /**
   * Stores every valid alert of a postableAlerts array and returns the
   * validation errors of the others (Alertmanager answers 400 with them but
   * keeps the valid ones).
   */
  post(body: unknown, now: Date): { errors: string[] } | { malformed: string } {
    if (!Array.isArray(body))
      return {
        malformed:
          'json: cannot unmarshal object into Go value of type models.PostableAlerts',
      };
    const decoded: Array<{
      item: Record<string, unknown>;
      labels: Record<string, string>;
      annotations: Record<string, string>;
      startsAt?: Date;
      endsAt?: Date;
    }> = [];
    // Decoding fails the whole body, as go-swagger's binding does, before any alert is validated.
    for (const raw of body) {
      const item = (raw ?? {}) as Record<string, unknown>;
      const labels = stringMap(item.labels);
      const annotations = stringMap(item.annotations);
      if (!labels || !annotations) {
        const field = labels ? 'annotations' : 'labels';
        const value = item[field];
        if (
          typeof value !== 'object' ||
          value === null ||
          Array.isArray(value)
        ) {
          return {
            malformed: `json: cannot unmarshal ${goType(
              value,
            )} into Go struct field Alert.${field} of type model.LabelSet`,
          };
        }
        const bad = Object.values(value).find(v => typeof v !== 'string');
        return {
          malformed: `json: cannot unmarshal ${goType(
            bad,
          )} into Go struct field Alert.${field} of type string`,
        };
      }
      const startsAt = time(item.startsAt);
      const endsAt = time(item.endsAt);
      for (const [t, v] of [
        [startsAt, item.startsAt],
        [endsAt, item.endsAt],
      ] as const) {
        if (t === 'invalid') {
          const text = JSON.stringify(String(v));
          return {
            malformed: `parsing time ${text} as "2006-01-02 15:04:05": cannot parse ${text} as "2006"`,
          };
        }
      }
      decoded.push({
        item,
        labels,
        annotations,
        startsAt: startsAt as Date | undefined,
        endsAt: endsAt as Date | undefined,
      });
    }
    const errors: string[] = [];
    for (const { item, labels, annotations, startsAt, endsAt } of decoded) {
      // Alertmanager drops empty label values before it validates.
      for (const [name, value] of Object.entries(labels))
        if (value === '') delete labels[name];
      // No start: the end if there is one, else now; no end: resolve_timeout from now.
      const start = startsAt ?? endsAt ?? now;
      const timeout = endsAt === undefined;
      const end = endsAt ?? new Date(now.getTime() + RESOLVE_TIMEOUT_MS);
      if (end < start) {
        errors.push('start time must be before end time');
        continue;
      }
      const badName = Object.keys(labels).find(name => !LABEL_NAME.test(name));
      if (badName !== undefined) {
        errors.push(`invalid label set: invalid name "${badName}"`);
        continue;
      }
      if (Object.keys(labels).length === 0) {
        errors.push('at least one label pair required');
        continue;
      }
      const fingerprint = labelSetFingerprint(labels);
      const incoming: PostedAlert = {
        labels,
        annotations,
        startsAt: start,
        endsAt: end,
        timeout,
        updatedAt: now,
        generatorURL:
          typeof item.generatorURL === 'string' && item.generatorURL !== ''
            ? item.generatorURL
            : undefined,
        fingerprint,
      };
      const old = this.alerts.get(fingerprint);
      // Merged only when the activity ranges overlap, as Alertmanager's store does.
      const overlaps =
        old &&
        ((end > old.startsAt && end < old.endsAt) ||
          (start > old.startsAt && start < old.endsAt));
      this.alerts.set(
        fingerprint,
        old && overlaps ? merge(old, incoming, now) : incoming,
      );
    }
    return { errors };
  }

  /** Alerts that have not resolved yet: GET /alerts leaves resolved ones out. */
  active(now: Date): PostedAlert[] {
    return [...this.alerts.values()].filter(a => a.endsAt > now);
  }
}

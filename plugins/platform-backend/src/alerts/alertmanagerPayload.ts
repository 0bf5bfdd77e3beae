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

import { InputError } from '@backstage/errors';
import { echo } from '../routes/echo';

/** One alert of a notification, as Alertmanager's webhook sends it. */
export interface WebhookAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  fingerprint?: string;
}

/**
 * Alertmanager's webhook notification (version 4): the fields read here; the
 * others (`groupKey`, `groupLabels`, `commonLabels`, `externalURL`,
 * `truncatedAlerts`, ...) pass unread.
 */
export interface WebhookNotification {
  version: string;
  receiver: string;
  status: 'firing' | 'resolved';
  alerts: WebhookAlert[];
}

/** Alerts of one notification the webhook reads (the 100 kB body limit comes first for most). */
export const MAX_ALERTS = 1000;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function invalid(field: string, problem: string): never {
  throw new InputError(`Invalid field '${field}': ${problem}`);
}

function status(value: unknown, field: string): 'firing' | 'resolved' {
  if (value !== 'firing' && value !== 'resolved') {
    invalid(
      field,
      `expected 'firing' or 'resolved', got ${echo(String(value))}`,
    );
  }
  return value;
}

function stringMap(value: unknown, field: string): Record<string, string> {
  if (value === undefined) return {};
  if (!isObject(value)) invalid(field, 'expected an object of strings');
  for (const [name, text] of Object.entries(value)) {
    if (typeof text !== 'string') {
      invalid(`${field}.${echo(name)}`, 'expected a string');
    }
  }
  return value as Record<string, string>;
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value !== undefined && typeof value !== 'string') {
    invalid(field, 'expected a string');
  }
  return value;
}

/**
 * Checks a request body is Alertmanager's webhook notification, version 4;
 * a 400 names the first field that is not.
 */
export function parseWebhookNotification(body: unknown): WebhookNotification {
  if (!isObject(body)) {
    throw new InputError(
      'Invalid body: expected an Alertmanager webhook notification (a JSON object)',
    );
  }
  if (body.version !== '4') {
    invalid('version', `expected '4', got ${echo(String(body.version))}`);
  }
  const receiver = optionalString(body.receiver, 'receiver');
  if (receiver === undefined) invalid('receiver', 'missing');
  const overall = status(body.status, 'status');
  if (!Array.isArray(body.alerts)) invalid('alerts', 'expected an array');
  if (body.alerts.length > MAX_ALERTS) {
    invalid('alerts', `more than ${MAX_ALERTS} alerts (set max_alerts)`);
  }
  const alerts = body.alerts.map((alert: unknown, i: number): WebhookAlert => {
    const at = `alerts[${i}]`;
    if (!isObject(alert)) invalid(at, 'expected an object');
    if (!isObject(alert.labels))
      invalid(`${at}.labels`, 'expected an object of strings');
    return {
      status: status(alert.status, `${at}.status`),
      labels: stringMap(alert.labels, `${at}.labels`),
      annotations: stringMap(alert.annotations, `${at}.annotations`),
      startsAt: optionalString(alert.startsAt, `${at}.startsAt`),
      endsAt: optionalString(alert.endsAt, `${at}.endsAt`),
      fingerprint: optionalString(alert.fingerprint, `${at}.fingerprint`),
    };
  });
  return { version: '4', receiver, status: overall, alerts };
}

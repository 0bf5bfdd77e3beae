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

import { HealthEvidence } from '@platform-portal/plugin-platform-common';

const HOUR = 3600_000;

/** The age of one backup source's latest success, against its limit. */
export interface BackupAge {
  /** What was backed up, e.g. `etcd` or `Volume/longhorn-system/pvc-orders-db`. */
  subject: string;
  /** The object that records the backups, e.g. `CronJob/kube-system/etcd-snapshot`. */
  source: string;
  /** ISO 8601 time of the latest successful backup; absent when there has been none. */
  lastSuccessAt?: string;
  /** Whole hours since then; absent when there has been none. */
  ageHours?: number;
  limitHours: number;
  /** Older than the limit, or never backed up. */
  overLimit: boolean;
}

export function backupAge(
  subject: string,
  source: string,
  lastSuccess: number | undefined,
  limitHours: number,
  now: Date,
): BackupAge {
  if (lastSuccess === undefined) {
    return { subject, source, limitHours, overLimit: true };
  }
  const ageHours = Math.floor((now.getTime() - lastSuccess) / HOUR);
  return {
    subject,
    source,
    lastSuccessAt: new Date(lastSuccess).toISOString(),
    ageHours,
    limitHours,
    overLimit: now.getTime() - lastSuccess > limitHours * HOUR,
  };
}

/** How an age reads in a sentence: `3 days 2 hours` or `never`. */
export function describeAge(age: BackupAge): string {
  if (age.ageHours === undefined) return 'never';
  const days = Math.floor(age.ageHours / 24);
  const hours = age.ageHours % 24;
  return days > 0 ? `${days}d ${hours}h ago` : `${hours}h ago`;
}

export function ageEvidence(
  age: BackupAge,
  field: string,
  observedAt: string,
): HealthEvidence {
  return {
    object: age.source,
    field,
    value: age.lastSuccessAt
      ? `${age.lastSuccessAt} (${describeAge(age)}, limit ${age.limitHours}h)`
      : `no successful backup (limit ${age.limitHours}h)`,
    observedAt,
  };
}

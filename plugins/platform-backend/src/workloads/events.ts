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

import { WorkloadEvent } from '@platform-portal/plugin-platform-common';
import { AnyObject } from '../diagnostics/kubeObjects';

type RawEvent = AnyObject & {
  involvedObject?: { kind?: string; name?: string };
  regarding?: { kind?: string; name?: string };
  type?: string;
  reason?: string;
  message?: string;
  note?: string;
  count?: number;
  lastTimestamp?: string;
  eventTime?: string;
  firstTimestamp?: string;
  series?: { count?: number; lastObservedTime?: string };
};

function lastSeen(e: RawEvent): string | undefined {
  return (
    e.series?.lastObservedTime ??
    e.lastTimestamp ??
    e.eventTime ??
    e.firstTimestamp ??
    (e.metadata?.creationTimestamp
      ? String(e.metadata.creationTimestamp)
      : undefined)
  );
}

/** The events about `objects` (`Kind/name`), newest first. */
export function eventsAbout(
  events: AnyObject[],
  objects: Set<string>,
): WorkloadEvent[] {
  return (events as RawEvent[])
    .map(e => {
      const about = e.involvedObject ?? e.regarding ?? {};
      const seen = lastSeen(e);
      return {
        type: e.type ?? 'Normal',
        reason: e.reason ?? '',
        message: e.message ?? e.note ?? '',
        object: `${about.kind}/${about.name}`,
        count: e.series?.count ?? e.count ?? 1,
        ...(seen ? { lastSeen: seen } : {}),
      };
    })
    .filter(e => objects.has(e.object))
    .sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''));
}

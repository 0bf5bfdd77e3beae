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

import {
  DeliveryStage,
  DeliveryStageStatus,
} from '@platform-portal/plugin-platform-common';

export function stage(
  id: DeliveryStage['id'],
  title: string,
  status: DeliveryStageStatus,
  evidence: string[],
  extra: { at?: string; link?: string } = {},
): DeliveryStage {
  return {
    id,
    title,
    status,
    evidence,
    ...(extra.at ? { at: extra.at } : {}),
    ...(extra.link ? { link: extra.link } : {}),
  };
}

/** Lines of a multi-cluster stage, the ones that block first (the first line names the blocker). */
export function badFirst(
  lines: Array<{ line: string; bad: boolean }>,
): string[] {
  return [...lines.filter(l => l.bad), ...lines.filter(l => !l.bad)].map(
    l => l.line,
  );
}

/** The status of the first condition that holds, else done. */
export function firstOf(
  cases: Array<[boolean, DeliveryStageStatus]>,
): DeliveryStageStatus {
  return cases.find(([holds]) => holds)?.[1] ?? 'done';
}

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

import { getRunbook } from '@platform-portal/plugin-platform-common';

/** The runbooks backup findings point at. */
export const BACKUP_RUNBOOKS = {
  etcd: 'etcd-backup-stale',
  longhorn: 'longhorn-backup-missing',
} as const;

/** `runbook step N: <text>`, the step of the runbook a finding starts from. */
export function runbookStep(runbook: string, step: number): string {
  const text = getRunbook(runbook)?.steps[step - 1]?.text;
  return `runbook step ${step}${text ? `: ${text}` : ''}`;
}

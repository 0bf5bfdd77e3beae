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

import { ArgocdResourceSummary } from '@platform-portal/plugin-platform-common';

/** The first 7 characters of a git sha, as git and Argo CD show it. */
export function shortRevision(revision?: string): string {
  if (!revision) return 'unknown';
  return /^[0-9a-f]{40}$/.test(revision) ? revision.slice(0, 7) : revision;
}

/** e.g. `8 resources: 7 Healthy, 1 Progressing; 0 out of sync`. */
export function describeResources(summary: ArgocdResourceSummary): string {
  const byHealth = Object.entries(summary.byHealth)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, count]) => `${count} ${status}`)
    .join(', ');
  return `${summary.total} resources${byHealth ? `: ${byHealth}` : ''}; ${
    summary.outOfSync
  } out of sync`;
}

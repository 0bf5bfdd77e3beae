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

import { ArgocdApplication } from '@platform-portal/plugin-platform-common';

export interface DeploymentStatusRow {
  key: string;
  /** The cluster whose Argo CD manages the application. */
  cluster: string;
  application: string;
  sync: string;
  health: string;
  healthMessage?: string;
  /** The image tag running there, or the synced revision when no image names a tag. */
  version?: string;
}

const BAD_HEALTH = new Set(['degraded', 'missing', 'unknown']);

function tagOf(image: string): string | undefined {
  const withoutDigest = image.split('@')[0];
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > slash ? withoutDigest.slice(colon + 1) : undefined;
}

function versionOf(application: ArgocdApplication): string | undefined {
  const tags = [
    ...new Set(
      application.images.map(tagOf).filter((t): t is string => Boolean(t)),
    ),
  ];
  if (tags.length > 0) return tags.join(', ');
  return application.revision?.slice(0, 8);
}

/** How bad a row is: unhealthy first, then out of sync, then the rest. */
function rank(row: DeploymentStatusRow): number {
  if (BAD_HEALTH.has(row.health.toLowerCase())) return 0;
  if (row.sync.toLowerCase() !== 'synced') return 1;
  if (row.health.toLowerCase() !== 'healthy') return 2;
  return 3;
}

/** One row per cluster and application, what is wrong first, then by cluster. */
export function deploymentStatusRows(
  applications: ArgocdApplication[],
): DeploymentStatusRow[] {
  return applications
    .map(a => ({
      key: `${a.instance}/${a.name}`,
      cluster: a.instance,
      application: a.name,
      sync: a.syncStatus,
      health: a.healthStatus,
      ...(a.healthMessage ? { healthMessage: a.healthMessage } : {}),
      ...(versionOf(a) ? { version: versionOf(a) } : {}),
    }))
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        a.cluster.localeCompare(b.cluster) ||
        a.application.localeCompare(b.application),
    );
}

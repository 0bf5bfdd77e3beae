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
  ArgocdApplication,
  ArgocdHistoryEntry,
  ArgocdResourceSummary,
} from '@platform-portal/plugin-platform-common';
import {
  ArgoApplication,
  ArgoResourceTree,
} from '../../clients/argocd/argoTypes';

function initiator(by?: {
  username?: string;
  automated?: boolean;
}): string | undefined {
  if (by?.automated) return 'automated';
  return by?.username || undefined;
}

/** Automated sync is on when `automated` is set, unless its newer `enabled` flag says false. */
export function isAutomatedSync(app: ArgoApplication): boolean {
  const automated = app.spec.syncPolicy?.automated;
  return (
    automated !== undefined && automated !== null && automated.enabled !== false
  );
}

function summarise(
  app: ArgoApplication,
  tree: ArgoResourceTree,
): ArgocdResourceSummary {
  const nodes = tree.nodes ?? [];
  const byHealth: Record<string, number> = {};
  for (const node of nodes) {
    const status = node.health?.status;
    if (status) byHealth[status] = (byHealth[status] ?? 0) + 1;
  }
  const outOfSync = (app.status?.resources ?? []).filter(
    r => r.status !== undefined && r.status !== 'Synced',
  ).length;
  return { total: nodes.length, byHealth, outOfSync };
}

/**
 * The portal's view of one Argo CD application: status words as Argo CD
 * says them (unknown ones included), history newest first, and the resource
 * tree reduced to counts.
 */
export function toArgocdApplication(
  instance: string,
  app: ArgoApplication,
  tree: ArgoResourceTree | undefined,
): ArgocdApplication {
  const status = app.status ?? {};
  const history: ArgocdHistoryEntry[] = [...(status.history ?? [])]
    .reverse()
    .map(h => ({
      id: h.id,
      revision: h.revision ?? h.revisions?.join(', ') ?? '',
      ...(h.deployedAt ? { deployedAt: h.deployedAt } : {}),
      ...(h.deployStartedAt ? { deployStartedAt: h.deployStartedAt } : {}),
      ...(initiator(h.initiatedBy)
        ? { initiatedBy: initiator(h.initiatedBy) }
        : {}),
    }));
  const op = status.operationState;
  const opRevision =
    op?.operation?.sync?.revision ?? op?.syncResult?.revision ?? undefined;
  return {
    instance,
    name: app.metadata.name,
    project: app.spec.project || 'default',
    syncStatus: status.sync?.status ?? 'Unknown',
    healthStatus: status.health?.status ?? 'Unknown',
    ...(status.health?.message ? { healthMessage: status.health.message } : {}),
    ...(status.sync?.revision ? { revision: status.sync.revision } : {}),
    automatedSync: isAutomatedSync(app),
    history,
    ...(op?.phase
      ? {
          operation: {
            phase: op.phase,
            ...(op.message ? { message: op.message } : {}),
            ...(op.startedAt ? { startedAt: op.startedAt } : {}),
            ...(op.finishedAt ? { finishedAt: op.finishedAt } : {}),
            ...(opRevision ? { revision: opRevision } : {}),
            ...(initiator(op.operation?.initiatedBy)
              ? { initiatedBy: initiator(op.operation?.initiatedBy) }
              : {}),
          },
        }
      : {}),
    ...(tree ? { resources: summarise(app, tree) } : {}),
    images: status.summary?.images ?? [],
    externalURLs: status.summary?.externalURLs ?? [],
    ...(app.spec.destination?.namespace
      ? { destinationNamespace: app.spec.destination.namespace }
      : {}),
  };
}

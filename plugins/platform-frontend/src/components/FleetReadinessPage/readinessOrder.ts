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

import { ClusterReadinessSummary } from '@platform-portal/plugin-platform-common';

/** Which clusters the fleet readiness table lists. */
export type PhaseFilter = 'all' | 'stuck' | 'out-of-order' | number;

/** The order of the fleet readiness table. */
export type ReadinessSort = 'least-advanced' | 'most-advanced' | 'name';

// A cluster that passes every phase is the most advanced there is.
const BEYOND_LAST_PHASE = Number.MAX_SAFE_INTEGER;

function byProgress(a: ClusterReadinessSummary, b: ClusterReadinessSummary) {
  return (
    (a.stuckPhase ?? BEYOND_LAST_PHASE) - (b.stuckPhase ?? BEYOND_LAST_PHASE) ||
    a.score.percent - b.score.percent ||
    a.cluster.localeCompare(b.cluster)
  );
}

function matches(c: ClusterReadinessSummary, filter: PhaseFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'stuck') return c.stuckPhase !== undefined;
  if (filter === 'out-of-order') return c.outOfOrder;
  return c.stuckPhase === filter;
}

/** The clusters the filter keeps, in the chosen order. */
export function selectClusters(
  clusters: ClusterReadinessSummary[],
  filter: PhaseFilter,
  sort: ReadinessSort,
): ClusterReadinessSummary[] {
  const kept = clusters.filter(c => matches(c, filter));
  if (sort === 'name') {
    return kept.sort((a, b) => a.cluster.localeCompare(b.cluster));
  }
  kept.sort(byProgress);
  return sort === 'most-advanced' ? kept.reverse() : kept;
}

/** How many clusters are stuck in each phase, by phase number. */
export function stuckCounts(
  clusters: ClusterReadinessSummary[],
): Map<number, number> {
  const counts = new Map<number, number>();
  for (const c of clusters) {
    if (c.stuckPhase !== undefined) {
      counts.set(c.stuckPhase, (counts.get(c.stuckPhase) ?? 0) + 1);
    }
  }
  return counts;
}

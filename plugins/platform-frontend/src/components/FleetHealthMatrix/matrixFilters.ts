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
  ClusterHealthSummary,
  ClusterSummary,
  HEALTH_VERDICTS,
  HealthVerdict,
  LayerDefinition,
  LayerId,
} from '@platform-portal/plugin-platform-common';

export interface MatrixFilters {
  environment?: string;
  provisioner?: string;
  /** Show only the layers this team owns (primary or co-owner). */
  team?: string;
  /** Show only clusters with a verdict other than ok in a shown layer. */
  onlyProblems: boolean;
}

export interface MatrixRow {
  health: ClusterHealthSummary;
  cluster?: ClusterSummary;
}

/** The layers (columns) to show for the filters. */
export function visibleLayers(
  layers: readonly LayerDefinition[],
  filters: MatrixFilters,
): LayerDefinition[] {
  return layers.filter(
    layer => !filters.team || layer.owners.includes(filters.team),
  );
}

/** The clusters (rows) to show for the filters, in the order given. */
export function visibleRows(
  rows: readonly MatrixRow[],
  layerIds: readonly LayerId[],
  filters: MatrixFilters,
): MatrixRow[] {
  return rows.filter(row => {
    if (
      filters.environment &&
      row.cluster?.environment !== filters.environment
    ) {
      return false;
    }
    if (
      filters.provisioner &&
      row.cluster?.provisioner !== filters.provisioner
    ) {
      return false;
    }
    if (filters.onlyProblems) {
      return row.health.layers.some(
        cell =>
          layerIds.includes(cell.layer) &&
          (cell.verdict !== 'ok' || cell.stale),
      );
    }
    return true;
  });
}

/**
 * Worst first: critical rows before warnings, unknowns and oks; among them a
 * cluster whose API cannot be reached first, the longest outage first, then
 * the problem that has lasted longest, the most critical and warning cells,
 * then by name.
 */
export function worstFirst(rows: readonly MatrixRow[]): MatrixRow[] {
  const rank = (row: MatrixRow) => HEALTH_VERDICTS.indexOf(row.health.verdict);
  const cells = (row: MatrixRow, verdict: HealthVerdict) =>
    row.health.layers.filter(l => l.verdict === verdict).length;
  // When the oldest layer with the row's verdict turned to it, to the
  // minute: problems found by the same refresh have lasted as long.
  const lastingSince = (row: MatrixRow) =>
    row.health.layers
      .filter(l => l.verdict === row.health.verdict && l.since)
      .map(l => new Date(l.since!).toISOString().slice(0, 16))
      .sort()[0];
  return [...rows].sort((a, b) => {
    const byVerdict = rank(b) - rank(a);
    if (byVerdict !== 0) return byVerdict;
    const aDown = a.health.unreachable?.since;
    const bDown = b.health.unreachable?.since;
    if (aDown || bDown) {
      if (!aDown) return 1;
      if (!bDown) return -1;
      if (aDown !== bDown) return aDown < bDown ? -1 : 1;
    }
    if (a.health.verdict !== 'ok') {
      const aSince = lastingSince(a);
      const bSince = lastingSince(b);
      if (aSince !== bSince) {
        if (!aSince) return 1;
        if (!bSince) return -1;
        return aSince < bSince ? -1 : 1;
      }
    }
    const byCritical = cells(b, 'critical') - cells(a, 'critical');
    if (byCritical !== 0) return byCritical;
    const byWarning = cells(b, 'warning') - cells(a, 'warning');
    if (byWarning !== 0) return byWarning;
    return a.health.cluster.localeCompare(b.health.cluster);
  });
}

/** How many shown rows have each verdict at row level, and how many are unreachable. */
export function countClusters(rows: readonly MatrixRow[]): {
  critical: number;
  unreachable: number;
} {
  return {
    critical: rows.filter(r => r.health.verdict === 'critical').length,
    unreachable: rows.filter(r => r.health.unreachable).length,
  };
}

/** How many shown cells have each verdict. */
export function countVerdicts(
  rows: readonly MatrixRow[],
  layerIds: readonly LayerId[],
): Record<HealthVerdict, number> {
  const counts: Record<HealthVerdict, number> = {
    ok: 0,
    warning: 0,
    critical: 0,
    unknown: 0,
  };
  for (const row of rows) {
    for (const cell of row.health.layers) {
      if (layerIds.includes(cell.layer)) {
        counts[cell.verdict] = (counts[cell.verdict] ?? 0) + 1;
      }
    }
  }
  return counts;
}

/** The distinct values of a cluster field, sorted, for a filter's options. */
export function distinctValues(
  clusters: readonly ClusterSummary[],
  field: 'environment' | 'provisioner',
): string[] {
  const values = new Set<string>();
  for (const cluster of clusters) {
    const value = cluster[field];
    if (value) values.add(value);
  }
  return [...values].sort();
}

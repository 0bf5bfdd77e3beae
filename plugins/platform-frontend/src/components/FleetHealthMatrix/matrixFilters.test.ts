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
  LAYERS,
  LayerId,
  worstVerdict,
} from '@platform-portal/plugin-platform-common';
import {
  countVerdicts,
  MatrixRow,
  visibleLayers,
  visibleRows,
  worstFirst,
} from './matrixFilters';

function row(
  name: string,
  environment: string,
  verdicts: Partial<Record<LayerId, 'ok' | 'warning' | 'critical' | 'unknown'>>,
  stale = false,
): MatrixRow {
  const health: ClusterHealthSummary = {
    cluster: name,
    verdict: 'ok',
    counts: { ok: 0, warning: 0, critical: 0, unknown: 0 },
    layers: LAYERS.map(l => ({
      layer: l.id,
      verdict: verdicts[l.id] ?? 'ok',
      observedAt: '2026-11-26T10:00:00Z',
      stale,
    })),
  };
  return {
    health,
    cluster: {
      name,
      provisioner: 'cluster-api',
      environment,
      management: false,
      verdict: 'ok',
    },
  };
}

const rows = [
  row('prod-1', 'production', { storage: 'warning' }),
  row('prod-2', 'production', {}),
  row('stage-1', 'staging', { 'external-lb': 'critical' }),
  row('dev-1', 'development', {}, true),
];

describe('matrix filters', () => {
  it('keeps only the layers a team owns, co-owned ones included', () => {
    const ids = visibleLayers(LAYERS, {
      team: 'network-team',
      onlyProblems: false,
    }).map(l => l.id);
    expect(ids).toEqual(['internal-lb']);
    expect(visibleLayers(LAYERS, { onlyProblems: false })).toHaveLength(13);
  });

  it('filters clusters by environment', () => {
    const ids = LAYERS.map(l => l.id);
    const shown = visibleRows(rows, ids, {
      environment: 'production',
      onlyProblems: false,
    });
    expect(shown.map(r => r.health.cluster)).toEqual(['prod-1', 'prod-2']);
  });

  it('with only problems, keeps clusters with a non-ok or stale verdict in a shown layer', () => {
    const all = LAYERS.map(l => l.id);
    expect(
      visibleRows(rows, all, { onlyProblems: true }).map(r => r.health.cluster),
    ).toEqual(['prod-1', 'stage-1', 'dev-1']);
    // The storage warning is outside the infrastructure team's layers.
    const infra = visibleLayers(LAYERS, {
      team: 'infrastructure-team',
      onlyProblems: true,
    }).map(l => l.id);
    expect(
      visibleRows(rows.slice(0, 3), infra, { onlyProblems: true }).map(
        r => r.health.cluster,
      ),
    ).toEqual(['stage-1']);
  });

  it('counts the verdicts of the shown cells only', () => {
    const counts = countVerdicts(rows.slice(0, 3), ['storage', 'external-lb']);
    expect(counts).toEqual({ ok: 4, warning: 1, critical: 1, unknown: 0 });
  });
});

describe('worstFirst', () => {
  const withVerdict = (r: MatrixRow, since?: string): MatrixRow => ({
    ...r,
    health: {
      ...r.health,
      verdict: worstVerdict(r.health.layers.map(l => l.verdict)),
      ...(since
        ? {
            verdict: 'critical' as const,
            unreachable: {
              endpoint: 'https://api.example:6443',
              errorClass: 'refused' as const,
              message: 'refused',
              since,
              lastAttemptAt: since,
              runbooks: [],
            },
          }
        : {}),
    },
  });

  it('orders critical before warning before ok, the longest API outage first, then the most critical layers', () => {
    const fleet = [
      withVerdict(row('a-ok', 'prod', {})),
      withVerdict(row('b-warning', 'prod', { gitops: 'warning' })),
      withVerdict(row('c-one-critical', 'prod', { storage: 'critical' })),
      withVerdict(
        row('d-two-critical', 'prod', {
          storage: 'critical',
          hardware: 'critical',
        }),
      ),
      withVerdict(row('e-down-recently', 'prod', {}), '2026-12-07T12:00:00Z'),
      withVerdict(row('f-down-longer', 'prod', {}), '2026-12-07T10:00:00Z'),
    ];
    expect(worstFirst(fleet).map(r => r.health.cluster)).toEqual([
      'f-down-longer',
      'e-down-recently',
      'd-two-critical',
      'c-one-critical',
      'b-warning',
      'a-ok',
    ]);
  });

  it('puts the critical problem that has lasted longest first', () => {
    const since = (r: MatrixRow, at: string): MatrixRow => ({
      ...r,
      health: {
        ...r.health,
        layers: r.health.layers.map(l =>
          l.verdict === 'critical' ? { ...l, since: at } : l,
        ),
      },
    });
    const fleet = [
      since(
        withVerdict(
          row('a-two-recent', 'prod', {
            storage: 'critical',
            hardware: 'critical',
          }),
        ),
        '2026-12-07T12:00:00Z',
      ),
      since(
        withVerdict(row('b-one-old', 'prod', { storage: 'critical' })),
        '2026-12-01T08:00:00Z',
      ),
    ];
    expect(worstFirst(fleet).map(r => r.health.cluster)).toEqual([
      'b-one-old',
      'a-two-recent',
    ]);
    // Found by the same refresh, seconds apart: the more critical layers first.
    const sameRefresh = [
      since(fleet[1], '2026-12-07T12:00:01Z'),
      since(fleet[0], '2026-12-07T12:00:05Z'),
    ];
    expect(worstFirst(sameRefresh).map(r => r.health.cluster)).toEqual([
      'a-two-recent',
      'b-one-old',
    ]);
  });
});

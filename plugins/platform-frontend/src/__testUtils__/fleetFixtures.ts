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
  FleetHealthResponse,
  HealthVerdict,
  LAYERS,
  LayerId,
} from '@platform-portal/plugin-platform-common';

/** A fleet health answer where every layer is ok except the ones given. */
export function fleetHealth(
  clusters: Array<{
    name: string;
    verdicts?: Partial<Record<LayerId, HealthVerdict>>;
    stale?: boolean;
  }>,
): FleetHealthResponse {
  const rows: ClusterHealthSummary[] = clusters.map(c => ({
    cluster: c.name,
    verdict: 'ok',
    counts: { ok: 0, warning: 0, critical: 0, unknown: 0 },
    layers: LAYERS.map(l => ({
      layer: l.id,
      verdict: c.verdicts?.[l.id] ?? 'ok',
      observedAt: new Date(Date.now() - 30_000).toISOString(),
      stale: c.stale ?? false,
    })),
  }));
  return {
    layers: LAYERS.map(l => l.id),
    clusters: rows,
    counts: { ok: 0, warning: 0, critical: 0, unknown: 0 },
  };
}

export function clusterSummary(
  name: string,
  environment: string,
): ClusterSummary {
  return {
    name,
    provisioner: 'cluster-api',
    environment,
    management: false,
    verdict: 'ok',
  };
}

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
  worstVerdict,
  ClusterUnreachable,
  API_UNREACHABLE_RUNBOOKS,
} from '@platform-portal/plugin-platform-common';

/** A fleet health answer where every layer is ok except the ones given. */
export function fleetHealth(
  clusters: Array<{
    name: string;
    verdicts?: Partial<Record<LayerId, HealthVerdict>>;
    stale?: boolean;
    /** The API cannot be reached: its layers are last known, an hour old. */
    unreachable?: ClusterUnreachable;
  }>,
): FleetHealthResponse {
  const rows: ClusterHealthSummary[] = clusters.map(c => ({
    cluster: c.name,
    verdict: worstVerdict(LAYERS.map(l => c.verdicts?.[l.id] ?? 'ok')),
    counts: { ok: 0, warning: 0, critical: 0, unknown: 0 },
    layers: LAYERS.map(l => ({
      layer: l.id,
      verdict: c.verdicts?.[l.id] ?? 'ok',
      observedAt: new Date(
        Date.now() - (c.unreachable ? 3_600_000 : 30_000),
      ).toISOString(),
      stale: (c.stale || !!c.unreachable) ?? false,
      ...(c.unreachable ? { lastKnown: true } : {}),
    })),
    ...(c.unreachable
      ? { unreachable: c.unreachable, verdict: 'critical' as const }
      : {}),
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

/** An API that refuses connections since ten minutes ago. */
export function refusedApi(cluster: string): ClusterUnreachable {
  return {
    endpoint: `https://api.${cluster}.example:6443`,
    errorClass: 'refused',
    message: `Kubernetes API of cluster ${cluster} could not be reached (ECONNREFUSED); check platform.clusters[4].kubernetes.url and platform.clusters[4].kubernetes.token and the network path to it`,
    since: new Date(Date.now() - 600_000).toISOString(),
    lastAttemptAt: new Date(Date.now() - 30_000).toISOString(),
    runbooks: [...API_UNREACHABLE_RUNBOOKS],
  };
}

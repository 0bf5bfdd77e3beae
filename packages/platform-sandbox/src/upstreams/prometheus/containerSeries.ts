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

import { quantity } from '../../fleet/quotaController';
import { ClusterSpec } from '../../scenario/types';
import { stableInt } from '../shared/ids';
import { UpstreamContext } from '../types';
import { SeriesDef } from './series';

type ContainerSpec = { name: string; image: string; resources?: { limits?: Record<string, string> } };
type ContainerStatus = { name: string; containerID?: string; lastState?: { terminated?: { reason?: string } } };

/** A container without a memory limit is shown against the namespace's default limit. */
const DEFAULT_LIMIT = '512Mi';

/**
 * cAdvisor's container_memory_working_set_bytes as each kubelet reports it,
 * for the containers of the components' pods that have started. A container
 * the kernel killed for memory reached its limit; the others hold a stable
 * share of it.
 */
export function containerMemorySeries(ctx: UpstreamContext, cluster: ClusterSpec): SeriesDef[] {
  const components = new Set(ctx.fleet.components.filter(c => c.deployments[cluster.name]).map(c => c.name));
  const out: SeriesDef[] = [];
  for (const pod of ctx.pods?.(cluster.name) ?? []) {
    const node = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
    if (!node || !components.has(pod.metadata.labels?.['app.kubernetes.io/name'] ?? '')) continue;
    const containers = ((pod.spec as { containers?: ContainerSpec[] }).containers ?? []);
    const statuses = ((pod.status as { containerStatuses?: ContainerStatus[] } | undefined)?.containerStatuses ?? []);
    for (const container of containers) {
      const status = statuses.find(s => s.name === container.name);
      // cAdvisor knows only containers the runtime started: no ID, no series.
      if (!status?.containerID) continue;
      const limit = quantity(container.resources?.limits?.memory ?? DEFAULT_LIMIT);
      const killed = status.lastState?.terminated?.reason === 'OOMKilled';
      const share = 0.3 + stableInt(40, pod.metadata.name, container.name) / 100;
      out.push({
        labels: {
          __name__: 'container_memory_working_set_bytes',
          cluster: cluster.name,
          job: 'kubelet',
          metrics_path: '/metrics/cadvisor',
          node,
          namespace: pod.metadata.namespace ?? 'default',
          pod: pod.metadata.name,
          container: container.name,
          image: container.image,
        },
        type: 'gauge',
        value: killed ? limit : Math.round(limit * share),
      });
    }
  }
  return out;
}

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
  WorkloadContainer,
  WorkloadPod,
} from '@platform-portal/plugin-platform-common';
import { AnyObject } from '../diagnostics/kubeObjects';

type ContainerStatus = {
  name: string;
  image?: string;
  ready?: boolean;
  restartCount?: number;
  state?: Record<
    string,
    { reason?: string; message?: string; exitCode?: number } | undefined
  >;
  lastState?: {
    terminated?: { reason?: string; exitCode?: number; finishedAt?: string };
  };
};

function containerOf(
  spec: { name: string; image?: string; resources?: any },
  status: ContainerStatus | undefined,
): WorkloadContainer {
  const [state, detail] = Object.entries(status?.state ?? {}).find(
    ([, v]) => v,
  ) ?? ['unknown', undefined];
  const last = status?.lastState?.terminated;
  const memoryLimit = spec.resources?.limits?.memory;
  return {
    name: spec.name,
    image: status?.image ?? spec.image ?? '',
    ready: Boolean(status?.ready),
    restarts: status?.restartCount ?? 0,
    state: (['running', 'waiting', 'terminated'].includes(state)
      ? state
      : 'unknown') as WorkloadContainer['state'],
    ...(detail?.reason ? { reason: detail.reason } : {}),
    ...(detail?.message ? { message: detail.message } : {}),
    ...(last
      ? {
          lastTermination: {
            reason: last.reason ?? 'Unknown',
            exitCode: last.exitCode ?? 0,
            ...(last.finishedAt ? { finishedAt: last.finishedAt } : {}),
          },
        }
      : {}),
    ...(memoryLimit ? { memoryLimit: String(memoryLimit) } : {}),
  };
}

/**
 * A pod as the Workloads tab shows it; `workloadOf` names the workload that
 * owns it (through its ReplicaSet for a Deployment).
 */
export function podOf(
  pod: AnyObject,
  workloadOf: (pod: AnyObject) => string | undefined,
): WorkloadPod {
  const statuses: ContainerStatus[] = pod.status?.containerStatuses ?? [];
  const containers = (
    (pod.spec?.containers ?? []) as Array<{ name: string; image?: string }>
  ).map(spec =>
    containerOf(
      spec,
      statuses.find(s => s.name === spec.name),
    ),
  );
  const workload = workloadOf(pod);
  return {
    name: pod.metadata?.name ?? '',
    phase: pod.status?.phase ?? 'Unknown',
    ready: containers.length > 0 && containers.every(c => c.ready),
    ...(pod.spec?.nodeName ? { node: pod.spec.nodeName } : {}),
    restarts: containers.reduce((sum, c) => sum + c.restarts, 0),
    ...(workload ? { workload } : {}),
    containers,
  };
}

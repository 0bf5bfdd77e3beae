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
  HealthCheckCluster,
  HealthCheckContext,
} from '@platform-portal/plugin-platform-node';

export const OBSERVED_AT = '2026-11-26T12:00:00.000Z';

/**
 * A check context whose Kubernetes reader answers from fixtures keyed by
 * kind; a kind without fixture answers with an empty list.
 */
export function checkContext(
  objects: Record<string, unknown[]>,
  options: { cluster?: Partial<HealthCheckCluster>; now?: Date } = {},
): HealthCheckContext {
  return {
    cluster: {
      name: 'test-1',
      provisioner: 'kubeadm',
      management: false,
      ...options.cluster,
    },
    kubernetes: {
      async list<T>(_apiVersion: string, kind: string) {
        return { items: (objects[kind] ?? []) as T[], observedAt: OBSERVED_AT };
      },
    },
    now: options.now ?? new Date('2026-11-26T12:00:00Z'),
    signal: new AbortController().signal,
  };
}

export function node(
  name: string,
  options: {
    controlPlane?: boolean;
    ready?: string;
    conditions?: Record<string, string>;
    version?: string;
    cpu?: string;
    memory?: string;
  } = {},
) {
  return {
    kind: 'Node',
    metadata: {
      name,
      labels: options.controlPlane
        ? { 'node-role.kubernetes.io/control-plane': '' }
        : { 'node-role.kubernetes.io/worker': '' },
    },
    status: {
      conditions: [
        { type: 'Ready', status: options.ready ?? 'True' },
        ...Object.entries(options.conditions ?? {}).map(([type, status]) => ({
          type,
          status,
        })),
      ],
      nodeInfo: { kubeletVersion: options.version ?? 'v1.33.4' },
      capacity: {
        cpu: options.cpu ?? '32',
        memory: options.memory ?? '134217728Ki',
      },
    },
  };
}

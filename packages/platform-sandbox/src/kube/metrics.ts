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

import { createHash } from 'node:crypto';
import { KubeObject, timestamp } from './objects';
import { ObjectStore } from './store';

/*
 * metrics.k8s.io: usage computed from the nodes and running pods in the
 * store, stable per object name so repeated reads agree.
 */

function fraction(name: string): number {
  return createHash('sha1').update(name).digest().readUInt16BE(0) / 65535;
}

function parseCpu(value: string | undefined): number {
  if (!value) return 0;
  return value.endsWith('m') ? Number(value.slice(0, -1)) / 1000 : Number(value);
}

function parseMemoryKi(value: string | undefined): number {
  if (!value) return 0;
  const units: Record<string, number> = { Ki: 1, Mi: 1024, Gi: 1024 * 1024 };
  const match = /^(\d+)(Ki|Mi|Gi)?$/.exec(value);
  if (!match) return 0;
  return Number(match[1]) * (units[match[2] ?? ''] ?? 1 / 1024);
}

export function nodeMetrics(store: ObjectStore, now: Date): KubeObject[] {
  return store.list('nodes').map(node => {
    const capacity = ((node.status as { capacity?: Record<string, string> })?.capacity ?? {});
    const share = 0.15 + 0.6 * fraction(node.metadata.name);
    const pressure = JSON.stringify(node.status ?? {}).includes('"MemoryPressure","status":"True"');
    return {
      kind: 'NodeMetrics',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: { name: node.metadata.name, labels: node.metadata.labels, creationTimestamp: timestamp(now) },
      timestamp: timestamp(now),
      window: '20.05s',
      usage: {
        cpu: `${Math.round(parseCpu(capacity.cpu) * share * 1e9)}n`,
        memory: `${Math.round(parseMemoryKi(capacity.memory) * (pressure ? 0.97 : share))}Ki`,
      },
    };
  });
}

export function podMetrics(store: ObjectStore, now: Date, namespace?: string): KubeObject[] {
  return store
    .list('pods', namespace)
    .filter(pod => (pod.status as { phase?: string } | undefined)?.phase === 'Running')
    .map(pod => {
      const containers = ((pod.spec as { containers?: Array<{ name: string }> })?.containers ?? []).map(c => ({
        name: c.name,
        usage: {
          cpu: `${Math.round((5 + 200 * fraction(`${pod.metadata.name}/${c.name}`)) * 1e6)}n`,
          memory: `${Math.round(20000 + 400000 * fraction(`${c.name}/${pod.metadata.name}`))}Ki`,
        },
      }));
      return {
        kind: 'PodMetrics',
        apiVersion: 'metrics.k8s.io/v1beta1',
        metadata: {
          name: pod.metadata.name,
          namespace: pod.metadata.namespace,
          labels: pod.metadata.labels,
          creationTimestamp: timestamp(now),
        },
        timestamp: timestamp(now),
        window: '20.05s',
        containers,
      };
    });
}

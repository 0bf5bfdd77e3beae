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

import { KubeObject } from '../kube/objects';
import { ObjectStore } from '../kube/store';
import { setStatus } from './objectWrites';

/** A Kubernetes quantity (`512Mi`, `100m`, `2`) as a number; 0 when unset or not understood. */
export function quantity(value: string | undefined): number {
  if (!value) return 0;
  const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|Ti)?$/.exec(value);
  if (!match) return 0;
  const unit: Record<string, number> = { m: 0.001, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
  return Number(match[1]) * (unit[match[2] ?? ''] ?? 1);
}

function cpu(n: number): string {
  return Number.isInteger(n) ? String(n) : `${Math.round(n * 1000)}m`;
}

function bytes(n: number): string {
  if (n === 0) return '0';
  if (n % 2 ** 30 === 0) return `${n / 2 ** 30}Gi`;
  return `${Math.round(n / 2 ** 20)}Mi`;
}

type Resources = { requests?: Record<string, string>; limits?: Record<string, string> };

function sum(pods: KubeObject[], pick: (r: Resources) => string | undefined): number {
  let total = 0;
  for (const pod of pods) {
    for (const c of ((pod.spec as { containers?: Array<{ resources?: Resources }> })?.containers ?? [])) {
      total += quantity(pick(c.resources ?? {}));
    }
  }
  return total;
}

/** The quota controller: `status.hard` mirrors the spec, `status.used` counts the namespace's pods, claims and requests. */
export function reconcileQuotas(store: ObjectStore): void {
  for (const quota of store.list('resourcequotas')) {
    const namespace = quota.metadata.namespace!;
    const hard = ((quota.spec as { hard?: Record<string, string> })?.hard ?? {});
    const pods = store.list('pods', namespace).filter(p => !['Succeeded', 'Failed'].includes((p.status as { phase?: string })?.phase ?? ''));
    const claims = store.list('persistentvolumeclaims', namespace);
    const measured: Record<string, string> = {
      pods: String(pods.length),
      persistentvolumeclaims: String(claims.length),
      'requests.cpu': cpu(sum(pods, r => r.requests?.cpu)),
      'requests.memory': bytes(sum(pods, r => r.requests?.memory)),
      'limits.memory': bytes(sum(pods, r => r.limits?.memory)),
      'requests.storage': bytes(claims.reduce((t, c) => t + quantity((c.spec as { resources?: { requests?: { storage?: string } } })?.resources?.requests?.storage), 0)),
    };
    const used = Object.fromEntries(Object.keys(hard).map(key => [key, measured[key] ?? '0']));
    setStatus(store, 'resourcequotas', quota, { hard, used });
  }
}

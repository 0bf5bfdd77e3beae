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
import { labelSelectorFromSpec } from '../kube/selectors';
import { ObjectStore } from '../kube/store';
import { setStatus } from './objectWrites';

interface BudgetSpec {
  selector?: { matchLabels?: Record<string, string> };
  minAvailable?: number | string;
  maxUnavailable?: number | string;
}

function isHealthy(pod: KubeObject): boolean {
  if (pod.metadata.deletionTimestamp) return false;
  const conditions =
    (pod.status as { conditions?: Array<{ type: string; status: string }> })
      ?.conditions ?? [];
  return conditions.some(c => c.type === 'Ready' && c.status === 'True');
}

/** An int-or-percent against `total`, rounded up as the disruption controller does. */
function scaled(value: number | string, total: number): number {
  if (typeof value === 'number') return value;
  const percent = Number(value.replace('%', ''));
  return Math.ceil((percent * total) / 100);
}

/**
 * What kube-controller-manager's disruption controller writes in each
 * PodDisruptionBudget's status: the pods it selects, how many are healthy,
 * how many must stay, and so how many an eviction may take now.
 */
export function reconcileDisruptionBudgets(
  store: ObjectStore,
  now: Date,
): void {
  for (const budget of store.list('poddisruptionbudgets.policy')) {
    const spec = (budget.spec ?? {}) as BudgetSpec;
    const selects = labelSelectorFromSpec(spec.selector);
    const pods = store.list('pods', budget.metadata.namespace).filter(selects);
    const expectedPods = pods.length;
    const currentHealthy = pods.filter(isHealthy).length;
    const desiredHealthy =
      spec.minAvailable !== undefined
        ? scaled(spec.minAvailable, expectedPods)
        : Math.max(
            0,
            expectedPods - scaled(spec.maxUnavailable ?? 0, expectedPods),
          );
    const disruptionsAllowed = Math.max(0, currentHealthy - desiredHealthy);
    const previous = (
      budget.status as {
        conditions?: Array<{ status: string; lastTransitionTime: string }>;
      }
    )?.conditions?.[0];
    const conditionStatus = disruptionsAllowed > 0 ? 'True' : 'False';
    setStatus(store, 'poddisruptionbudgets.policy', budget, {
      observedGeneration: budget.metadata.generation ?? 1,
      disruptionsAllowed,
      currentHealthy,
      desiredHealthy,
      expectedPods,
      conditions: [
        {
          type: 'DisruptionAllowed',
          status: conditionStatus,
          reason:
            disruptionsAllowed > 0 ? 'SufficientPods' : 'InsufficientPods',
          message: '',
          observedGeneration: budget.metadata.generation ?? 1,
          lastTransitionTime:
            previous?.status === conditionStatus
              ? previous.lastTransitionTime
              : now.toISOString(),
        },
      ],
    });
  }
}

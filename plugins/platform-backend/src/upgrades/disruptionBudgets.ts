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

import { KubeObject } from '../health/checks/support';

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{
    key: string;
    operator: string;
    values?: string[];
  }>;
}

/** metav1.LabelSelector against labels; a missing selector selects nothing, as for PDBs in policy/v1. */
export function matchesSelector(
  selector: LabelSelector | undefined,
  labels: Record<string, string> = {},
): boolean {
  if (!selector) return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const e of selector.matchExpressions ?? []) {
    const has = e.key in labels;
    const inValues = has && (e.values ?? []).includes(labels[e.key]);
    if (e.operator === 'In' && !inValues) return false;
    if (e.operator === 'NotIn' && inValues) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** The pods a PodDisruptionBudget selects in its namespace. */
export function selectedPods(
  budget: KubeObject,
  pods: KubeObject[],
): KubeObject[] {
  const selector = (budget.spec as { selector?: LabelSelector } | undefined)
    ?.selector;
  return pods.filter(
    pod =>
      pod.metadata?.namespace === budget.metadata?.namespace &&
      matchesSelector(selector, pod.metadata?.labels),
  );
}

/** The budgets a drain of `node` must honour: those selecting a pod on it. */
export function budgetsOnNode(
  node: string,
  budgets: KubeObject[],
  pods: KubeObject[],
): string[] {
  const onNode = pods.filter(
    p => (p.spec as { nodeName?: string })?.nodeName === node,
  );
  return budgets
    .filter(budget => selectedPods(budget, onNode).length > 0)
    .map(budget => `${budget.metadata?.namespace}/${budget.metadata?.name}`)
    .sort();
}

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

import { UpgradeFinding } from '@platform-portal/plugin-platform-common';
import { KubeObject } from '../../health/checks/support';
import { selectedPods } from '../disruptionBudgets';

/**
 * PodDisruptionBudgets that allow no disruption while they select pods:
 * `kubectl drain` waits on each eviction for ever, so every node that runs
 * one of those pods cannot be drained.
 */
export function disruptionFindings(
  budgets: KubeObject[],
  pods: KubeObject[],
): UpgradeFinding[] {
  const findings: UpgradeFinding[] = [];
  for (const budget of budgets) {
    const status = (budget.status ?? {}) as {
      disruptionsAllowed?: number;
      expectedPods?: number;
      currentHealthy?: number;
      desiredHealthy?: number;
    };
    const selected = selectedPods(budget, pods);
    if (status.disruptionsAllowed !== 0 || selected.length === 0) continue;
    const name = `${budget.metadata?.namespace}/${budget.metadata?.name}`;
    const spec = (budget.spec ?? {}) as {
      minAvailable?: unknown;
      maxUnavailable?: unknown;
    };
    const nodes = [
      ...new Set(
        selected
          .map(p => (p.spec as { nodeName?: string })?.nodeName)
          .filter(Boolean),
      ),
    ];
    findings.push({
      id: `drain-blocked:${name}`,
      kind: 'drain-blocked',
      severity: 'blocker',
      title: `PodDisruptionBudget ${name} allows no disruption`,
      message: `It selects ${selected.length} pod${
        selected.length === 1 ? '' : 's'
      } and allows 0 disruptions, so draining ${nodes.join(
        ', ',
      )} would wait for ever.`,
      evidence: [
        {
          object: `PodDisruptionBudget ${name}`,
          field: 'status.disruptionsAllowed',
          value: String(status.disruptionsAllowed),
        },
        {
          object: `PodDisruptionBudget ${name}`,
          field: 'status.currentHealthy / desiredHealthy',
          value: `${status.currentHealthy ?? '?'} / ${
            status.desiredHealthy ?? '?'
          }`,
        },
        ...(spec.maxUnavailable !== undefined
          ? [
              {
                object: `PodDisruptionBudget ${name}`,
                field: 'spec.maxUnavailable',
                value: String(spec.maxUnavailable),
              },
            ]
          : []),
        ...(spec.minAvailable !== undefined
          ? [
              {
                object: `PodDisruptionBudget ${name}`,
                field: 'spec.minAvailable',
                value: String(spec.minAvailable),
              },
            ]
          : []),
      ],
      runbook: [
        `Ask the owners of ${budget.metadata?.namespace} to allow one disruption (maxUnavailable: 1, or minAvailable below the replica count), or to scale up so one pod may go.`,
        'Plan again: the blocker clears once status.disruptionsAllowed is above 0.',
      ],
      source: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
    });
  }
  return findings;
}

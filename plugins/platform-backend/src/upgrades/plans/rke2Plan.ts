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
  UpgradeDryRun,
  UpgradePlan,
} from '@platform-portal/plugin-platform-common';
import { stringify } from 'yaml';
import { formatMinor, KubeVersion } from '../versions';

export const PLAN_API_VERSION = 'upgrade.cattle.io/v1';
export const PLAN_NAMESPACE = 'system-upgrade';

/** The version or channel a Plan follows: the exact release when chosen, else the minor's channel. */
function versionFields(target: KubeVersion): Record<string, string> {
  return target.patch === undefined
    ? {
        channel: `https://update.rke2.io/v1-release/channels/v${formatMinor(
          target,
        )}`,
      }
    : { version: `v${formatMinor(target)}.${target.patch}+rke2r1` };
}

/** The two Plans RKE2's automated upgrade documentation gives: servers one at a time, then agents. */
export function rke2Plans(target: KubeVersion): Array<Record<string, any>> {
  const version = versionFields(target);
  return [
    {
      apiVersion: PLAN_API_VERSION,
      kind: 'Plan',
      metadata: {
        name: 'server-plan',
        namespace: PLAN_NAMESPACE,
        labels: { 'rke2-upgrade': 'server' },
      },
      spec: {
        concurrency: 1,
        cordon: true,
        nodeSelector: {
          matchExpressions: [
            {
              key: 'node-role.kubernetes.io/control-plane',
              operator: 'In',
              values: ['true'],
            },
          ],
        },
        serviceAccountName: 'system-upgrade',
        upgrade: { image: 'rancher/rke2-upgrade' },
        ...version,
      },
    },
    {
      apiVersion: PLAN_API_VERSION,
      kind: 'Plan',
      metadata: {
        name: 'agent-plan',
        namespace: PLAN_NAMESPACE,
        labels: { 'rke2-upgrade': 'agent' },
      },
      spec: {
        concurrency: 1,
        cordon: true,
        drain: {
          force: false,
          deleteEmptydirData: true,
          ignoreDaemonSets: true,
        },
        nodeSelector: {
          matchExpressions: [
            {
              key: 'node-role.kubernetes.io/control-plane',
              operator: 'DoesNotExist',
            },
          ],
        },
        prepare: {
          args: ['prepare', 'server-plan'],
          image: 'rancher/rke2-upgrade',
        },
        serviceAccountName: 'system-upgrade',
        upgrade: { image: 'rancher/rke2-upgrade' },
        ...version,
      },
    },
  ];
}

/**
 * RKE2: system-upgrade-controller Plans, each checked by a server-side dry
 * run against the cluster (`dryRun` is what the planner's run answered).
 */
export function rke2Plan(
  cluster: string,
  target: KubeVersion,
  dryRuns: UpgradeDryRun[],
  drainBudgets: string[],
): UpgradePlan {
  const plans = rke2Plans(target);
  return {
    provisioner: 'rke2',
    summary: `system-upgrade-controller upgrades the servers one at a time, then the agents (drained), to Kubernetes ${formatMinor(
      target,
    )}.`,
    steps: [
      ...plans.map((plan, index) => ({
        order: index + 1,
        title: `Apply Plan ${PLAN_NAMESPACE}/${plan.metadata.name}`,
        detail:
          index === 0
            ? 'Servers (control-plane nodes), one at a time, cordoned.'
            : `Agents, one at a time, drained after the servers are done.${
                drainBudgets.length
                  ? ` Drains honour ${drainBudgets.join(', ')}.`
                  : ''
              }`,
        commands: [
          `kubectl --context ${cluster} apply --server-side -f ${plan.metadata.name}.yaml`,
        ],
        manifest: stringify(plan),
        dryRun: dryRuns[index],
        ...(index === 1 ? { disruptionBudgets: drainBudgets } : {}),
      })),
      {
        order: plans.length + 1,
        title: 'Follow the upgrade',
        detail:
          'Each node gets a Job; a node is done when the Plan lists it under status.applying no more and its kubelet reports the new version.',
        commands: [
          `kubectl --context ${cluster} -n ${PLAN_NAMESPACE} get plans,jobs`,
          `kubectl --context ${cluster} get nodes -o wide`,
        ],
      },
    ],
  };
}

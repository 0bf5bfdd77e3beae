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
  UpgradePlan,
  UpgradePlanStep,
} from '@platform-portal/plugin-platform-common';
import { isControlPlane } from '../../health/checks/nodeRoles';
import { KubeObject } from '../../health/checks/support';
import { budgetsOnNode } from '../disruptionBudgets';
import { formatMinor, KubeVersion } from '../versions';

export interface NodePlanInput {
  nodes: KubeObject[];
  budgets: KubeObject[];
  pods: KubeObject[];
  current: KubeVersion;
  target: KubeVersion;
}

/** The apt version pattern for the target: `1.33.*`, or `1.33.4-*` when the patch is chosen. */
function packageVersion(target: KubeVersion): string {
  return target.patch === undefined
    ? `${formatMinor(target)}.*`
    : `${formatMinor(target)}.${target.patch}-*`;
}

/** Control-plane nodes one by one, then the workers, as kubeadm's upgrade guide orders them. */
export function upgradeOrder(nodes: KubeObject[]): KubeObject[] {
  const byName = (a: KubeObject, b: KubeObject) =>
    String(a.metadata?.name).localeCompare(String(b.metadata?.name));
  return [
    ...nodes.filter(isControlPlane).sort(byName),
    ...nodes.filter(n => !isControlPlane(n)).sort(byName),
  ];
}

/**
 * kubeadm: packages from the target minor's pkgs.k8s.io repository, then
 * `kubeadm upgrade apply` on the first control-plane node, `kubeadm upgrade
 * node` on every other, each node drained and its kubelet upgraded in turn.
 */
export function kubeadmPlan(input: NodePlanInput): UpgradePlan {
  const { current, target } = input;
  const minor = formatMinor(target);
  const pkg = packageVersion(target);
  const repository = `sudo sed -i 's|/v${formatMinor(
    current,
  )}/|/v${minor}/|' /etc/apt/sources.list.d/kubernetes.list`;
  const steps: UpgradePlanStep[] = [
    {
      order: 1,
      title: 'Take an etcd snapshot',
      detail:
        'On the first control-plane node. kubeadm upgrade apply keeps a copy under /etc/kubernetes/tmp too, but a snapshot you store elsewhere is the one that restores a cluster.',
      commands: [
        `sudo ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key snapshot save /var/backups/etcd-before-v${minor}.db`,
      ],
    },
  ];
  let first = true;
  for (const node of upgradeOrder(input.nodes)) {
    const name = String(node.metadata?.name);
    const controlPlane = isControlPlane(node);
    const budgets = budgetsOnNode(name, input.budgets, input.pods);
    const kubeadmStep =
      controlPlane && first
        ? [
            'sudo kubeadm upgrade plan',
            'sudo kubeadm upgrade apply -y "$(kubeadm version -o short)"',
          ]
        : ['sudo kubeadm upgrade node'];
    steps.push({
      order: steps.length + 1,
      title:
        controlPlane && first
          ? `Upgrade the first control-plane node, ${name}`
          : `Upgrade ${controlPlane ? 'control-plane node' : 'worker'} ${name}`,
      node: name,
      role: controlPlane ? 'control-plane' : 'worker',
      detail: `Run the sudo commands on ${name} and kubectl where the admin kubeconfig is. ${
        budgets.length
          ? `The drain honours ${budgets.join(', ')}.`
          : 'No PodDisruptionBudget selects a pod on this node.'
      }`,
      commands: [
        repository,
        `sudo apt-mark unhold kubeadm && sudo apt-get update && sudo apt-get install -y kubeadm='${pkg}' && sudo apt-mark hold kubeadm`,
        ...kubeadmStep,
        `kubectl drain ${name} --ignore-daemonsets --delete-emptydir-data`,
        `sudo apt-mark unhold kubelet kubectl && sudo apt-get install -y kubelet='${pkg}' kubectl='${pkg}' && sudo apt-mark hold kubelet kubectl`,
        'sudo systemctl daemon-reload && sudo systemctl restart kubelet',
        `kubectl uncordon ${name}`,
      ],
      disruptionBudgets: budgets,
    });
    if (controlPlane) first = false;
  }
  return {
    provisioner: 'kubeadm',
    summary: `${
      input.nodes.filter(isControlPlane).length
    } control-plane node(s) one by one, then ${
      input.nodes.filter(n => !isControlPlane(n)).length
    } worker(s), each drained and upgraded to Kubernetes ${minor}.`,
    steps,
  };
}

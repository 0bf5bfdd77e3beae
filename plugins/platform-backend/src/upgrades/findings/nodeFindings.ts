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
import { isControlPlane, isReady } from '../../health/checks/nodeRoles';
import { conditionOf, KubeObject } from '../../health/checks/support';
import {
  formatMinor,
  formatVersion,
  KubeVersion,
  parseVersion,
} from '../versions';

const SKEW_POLICY = 'https://kubernetes.io/releases/version-skew-policy/';
const KUBEADM_UPGRADE =
  'https://kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-upgrade/';
/** Since 1.28 a kubelet may be up to three minors older than kube-apiserver. */
const KUBELET_MAX_BEHIND = 3;

function kubeletOf(node: KubeObject): string {
  return (
    (node.status as { nodeInfo?: { kubeletVersion?: string } })?.nodeInfo
      ?.kubeletVersion ?? 'unknown'
  );
}

/** The target must be the next minor: kubeadm, RKE2 and Cluster API upgrade one minor at a time. */
export function targetFindings(
  current: KubeVersion,
  target: KubeVersion,
): UpgradeFinding[] {
  if (target.minor - current.minor <= 1) return [];
  const steps = Array.from(
    { length: target.minor - current.minor },
    (_, i) => `${current.major}.${current.minor + i + 1}`,
  );
  return [
    {
      id: 'target:minor-skip',
      kind: 'target',
      severity: 'blocker',
      title: `${formatMinor(target)} skips ${
        target.minor - current.minor - 1
      } minor release${target.minor - current.minor > 2 ? 's' : ''}`,
      message: `Skipping minor versions is not supported: the control plane goes ${steps.join(
        ', then ',
      )} in turn.`,
      evidence: [
        {
          object: 'control plane',
          field: 'version',
          value: formatVersion(current),
        },
      ],
      runbook: [
        `Plan and run the upgrade to ${steps[0]} first, then plan the next minor.`,
      ],
      source: KUBEADM_UPGRADE,
    },
  ];
}

/**
 * Version skew after the control plane moves to the target: kubelets too far
 * behind, and control-plane members that are not on one version now.
 */
export function skewFindings(
  nodes: KubeObject[],
  apiServerVersions: string[],
  target: KubeVersion,
): UpgradeFinding[] {
  const findings: UpgradeFinding[] = [];
  const behind = nodes.filter(node => {
    const version = parseVersion(kubeletOf(node));
    return (
      version !== undefined && target.minor - version.minor > KUBELET_MAX_BEHIND
    );
  });
  if (behind.length > 0) {
    findings.push({
      id: 'version-skew:kubelets',
      kind: 'version-skew',
      severity: 'blocker',
      title: `${behind.length} kubelet${
        behind.length === 1 ? '' : 's'
      } more than ${KUBELET_MAX_BEHIND} minors behind ${formatMinor(target)}`,
      message: `A kubelet may be at most ${KUBELET_MAX_BEHIND} minor versions older than kube-apiserver; after the control plane moves to ${formatMinor(
        target,
      )} these nodes would be outside the skew policy.`,
      evidence: behind.map(node => ({
        object: `Node ${node.metadata?.name}`,
        field: 'status.nodeInfo.kubeletVersion',
        value: kubeletOf(node),
      })),
      runbook: [
        "Upgrade these nodes' kubelets to the control plane's current minor first (drain, upgrade the kubelet package, uncordon).",
        'Plan again.',
      ],
      source: SKEW_POLICY,
    });
  }
  const distinct = [...new Set(apiServerVersions.map(v => v.split('+')[0]))];
  if (distinct.length > 1) {
    findings.push({
      id: 'version-skew:control-plane',
      kind: 'version-skew',
      severity: 'blocker',
      title: `Control plane runs ${distinct.length} versions: ${distinct.join(
        ', ',
      )}`,
      message:
        'An upgrade starts from a control plane on one version; an earlier upgrade is unfinished.',
      evidence: nodes.filter(isControlPlane).map(node => ({
        object: `Node ${node.metadata?.name}`,
        field: 'status.nodeInfo.kubeletVersion',
        value: kubeletOf(node),
      })),
      runbook: [
        'Finish the upgrade in progress on the remaining control-plane nodes (kubeadm upgrade node, or let the control plane provider roll out).',
        'Plan again.',
      ],
      source: SKEW_POLICY,
    });
  }
  return findings;
}

/** Nodes that are not Ready: a drain cannot move their pods and the node may not come back. */
export function notReadyFindings(nodes: KubeObject[]): UpgradeFinding[] {
  return nodes
    .filter(node => !isReady(node))
    .map(node => {
      const ready = conditionOf(node, 'Ready');
      return {
        id: `node-not-ready:${node.metadata?.name}`,
        kind: 'node-not-ready' as const,
        severity: 'blocker' as const,
        title: `Node ${node.metadata?.name} is not Ready`,
        message: `The upgrade drains and restarts every node; ${
          node.metadata?.name
        } must be Ready first (${ready?.reason ?? 'no reason given'}).`,
        evidence: [
          {
            object: `Node ${node.metadata?.name}`,
            field: 'status.conditions[Ready].status',
            value: ready?.status ?? 'missing',
          },
          ...(ready?.message
            ? [
                {
                  object: `Node ${node.metadata?.name}`,
                  field: 'status.conditions[Ready].message',
                  value: ready.message,
                },
              ]
            : []),
        ],
        runbook: [
          "Follow the hardware layer's runbook for a node that is not Ready (kubelet, container runtime, network).",
          'Or replace the node (remove a node, add a worker node) before upgrading.',
        ],
      };
    });
}

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

import { PlatformHealthCheck } from '@platform-portal/plugin-platform-node';
import { KINDS } from './kinds';
import { withUnreadyDaemonSetPods } from './unreadyPods';
import {
  evidence,
  KubeObject,
  outcome,
  refOf,
  workloadsReady,
} from './support';

/** Pods of a workload in CrashLoopBackOff, as evidence of why it is short. */
export function crashLoopingPods(
  pods: KubeObject[],
  namespace: string,
  namePrefix: string,
  observedAt: string,
) {
  return pods
    .filter(
      p =>
        p.metadata?.namespace === namespace &&
        p.metadata?.name?.startsWith(namePrefix),
    )
    .flatMap(p =>
      ((p.status?.containerStatuses ?? []) as any[])
        .filter(c => c.state?.waiting?.reason === 'CrashLoopBackOff')
        .map(c =>
          evidence(
            refOf(p, 'Pod'),
            `status.containerStatuses[${c.name}].state.waiting.reason`,
            `CrashLoopBackOff (${c.restartCount ?? 0} restarts)`,
            observedAt,
          ),
        ),
    );
}

/** The Cilium agent runs on every node; a missing agent means no pod networking there. */
const ciliumAgents: PlatformHealthCheck = {
  id: 'networking.cilium-agents',
  layer: 'networking',
  title: 'Cilium agents and operator are ready',
  runbook: 'cilium-network-policy-drops',
  buildOutStep: 9,
  async run({ kubernetes }) {
    const [daemonSets, deployments, pods] = await Promise.all([
      kubernetes.list<KubeObject>(...KINDS.daemonSet),
      kubernetes.list<KubeObject>(...KINDS.deployment),
      kubernetes.list<KubeObject>(...KINDS.pod),
    ]);
    const result = withUnreadyDaemonSetPods(
      workloadsReady(
        [
          { kind: 'DaemonSet', namespace: 'kube-system', name: 'cilium' },
          {
            kind: 'Deployment',
            namespace: 'kube-system',
            name: 'cilium-operator',
          },
        ],
        [...daemonSets.items, ...deployments.items],
        daemonSets.observedAt,
      ),
      pods.items,
      pods.observedAt,
    );
    if (result.verdict !== 'ok') {
      result.evidence.push(
        ...crashLoopingPods(
          pods.items,
          'kube-system',
          'cilium-',
          pods.observedAt,
        ),
      );
    }
    return result;
  },
};

/** Team namespaces start from default-deny; without it every pod is reachable. */
const defaultDeny: PlatformHealthCheck = {
  id: 'networking.default-deny',
  layer: 'networking',
  title: 'Every team namespace has a default-deny policy',
  runbook: 'cilium-network-policy-drops',
  buildOutStep: 9,
  async run({ kubernetes }) {
    const [namespaces, policies] = await Promise.all([
      kubernetes.list<KubeObject>(...KINDS.namespace),
      kubernetes.list<KubeObject>(...KINDS.ciliumNetworkPolicy),
    ]);
    const teams = namespaces.items.filter(n => n.metadata?.labels?.team);
    const missing = teams.filter(
      ns =>
        !policies.items.some(
          p =>
            p.metadata?.namespace === ns.metadata?.name &&
            p.metadata?.name === 'default-deny',
        ),
    );
    if (missing.length > 0) {
      return outcome(
        'warning',
        `No default-deny CiliumNetworkPolicy in ${missing
          .map(n => n.metadata?.name)
          .join(', ')}`,
        missing.map(n =>
          evidence(
            `CiliumNetworkPolicy/${n.metadata?.name}/default-deny`,
            'metadata.name',
            'not found',
            policies.observedAt,
          ),
        ),
      );
    }
    return outcome('ok', `${teams.length} team namespaces have default-deny`);
  },
};

export const networkingChecks: PlatformHealthCheck[] = [
  ciliumAgents,
  defaultDeny,
];

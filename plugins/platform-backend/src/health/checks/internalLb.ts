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

import { HealthEvidence } from '@platform-portal/plugin-platform-common';
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

function ipToNumber(ip: string): number {
  return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

/** Number of IPv4 addresses in a MetalLB address entry (`a.b.c.d/n` or `from-to`). */
export function addressCount(entry: string): number {
  const trimmed = entry.trim();
  const range = /^(\d+\.\d+\.\d+\.\d+)\s*-\s*(\d+\.\d+\.\d+\.\d+)$/.exec(
    trimmed,
  );
  if (range) {
    return Math.max(0, ipToNumber(range[2]) - ipToNumber(range[1]) + 1);
  }
  const cidr = /^\d+\.\d+\.\d+\.\d+\/(\d+)$/.exec(trimmed);
  if (cidr) {
    return 2 ** (32 - Number(cidr[1]));
  }
  return 0;
}

const metallbComponents: PlatformHealthCheck = {
  id: 'internal-lb.metallb-components',
  layer: 'internal-lb',
  title: 'MetalLB controller and speakers are ready',
  runbook: 'metallb-ip-not-assigned',
  buildOutStep: 12,
  async run({ kubernetes }) {
    const [daemonSets, deployments, pods] = await Promise.all([
      kubernetes.list<KubeObject>(...KINDS.daemonSet),
      kubernetes.list<KubeObject>(...KINDS.deployment),
      kubernetes.list<KubeObject>(...KINDS.pod),
    ]);
    return withUnreadyDaemonSetPods(
      workloadsReady(
        [
          {
            kind: 'Deployment',
            namespace: 'metallb-system',
            name: 'controller',
          },
          { kind: 'DaemonSet', namespace: 'metallb-system', name: 'speaker' },
        ],
        [...daemonSets.items, ...deployments.items],
        daemonSets.observedAt,
      ),
      pods.items,
      pods.observedAt,
    );
  },
};

/** Every LoadBalancer Service holds an address, and the pools have room left. */
const addressAllocation: PlatformHealthCheck = {
  id: 'internal-lb.address-allocation',
  layer: 'internal-lb',
  title:
    'LoadBalancer Services have an EXTERNAL-IP and pools are not exhausted',
  runbook: 'metallb-ip-not-assigned',
  buildOutStep: 13,
  async run({ kubernetes }) {
    const [services, pools, events] = await Promise.all([
      kubernetes.list<KubeObject>(...KINDS.service),
      kubernetes.list<KubeObject>(...KINDS.ipAddressPool),
      kubernetes.list<KubeObject>(...KINDS.event),
    ]);
    const observedAt = services.observedAt;
    const facts: HealthEvidence[] = [];
    const loadBalancers = services.items.filter(
      s => s.spec?.type === 'LoadBalancer',
    );
    const pending = loadBalancers.filter(
      s => !(s.status?.loadBalancer?.ingress ?? []).length,
    );
    for (const service of pending) {
      const failure = events.items.find(
        e =>
          e.reason === 'AllocationFailed' &&
          (e as any).involvedObject?.name === service.metadata?.name &&
          (e as any).involvedObject?.namespace === service.metadata?.namespace,
      );
      facts.push(
        evidence(
          refOf(service, 'Service'),
          'status.loadBalancer.ingress',
          failure ? `none (${(failure as any).message})` : 'none',
          observedAt,
        ),
      );
    }
    const exhausted: string[] = [];
    for (const pool of pools.items) {
      const size = ((pool.spec?.addresses ?? []) as string[]).reduce(
        (n, a) => n + addressCount(a),
        0,
      );
      const used = loadBalancers.filter(
        s =>
          s.metadata?.annotations?.['metallb.io/ip-allocated-from-pool'] ===
            pool.metadata?.name &&
          (s.status?.loadBalancer?.ingress ?? []).length,
      ).length;
      if (used >= size) {
        exhausted.push(pool.metadata?.name ?? '');
        facts.push(
          evidence(
            refOf(pool, 'IPAddressPool'),
            'addresses used/total',
            `${used}/${size}`,
            pools.observedAt,
          ),
        );
      }
    }
    if (pending.length === 0 && exhausted.length === 0) {
      return outcome(
        'ok',
        `${loadBalancers.length} LoadBalancer Services have an address; pools have room`,
      );
    }
    const problems = [
      pending.length
        ? `${pending.length} LoadBalancer Service(s) without EXTERNAL-IP`
        : '',
      exhausted.length ? `pool(s) exhausted: ${exhausted.join(', ')}` : '',
    ].filter(Boolean);
    return outcome('warning', problems.join('; '), facts);
  },
};

export const internalLbChecks: PlatformHealthCheck[] = [
  metallbComponents,
  addressAllocation,
];

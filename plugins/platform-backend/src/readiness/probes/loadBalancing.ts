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

import { KINDS } from '../../health/checks/kinds';
import {
  evidence,
  KubeObject,
  outcome,
  refOf,
} from '../../health/checks/support';
import { BuildOutProbe, PROBE_KINDS } from './BuildOutProbe';

/** Step 13: an IPAddressPool exists and is advertised (L2 or BGP). */
const poolAdvertised: BuildOutProbe = {
  id: 'build-out.pool-advertisement',
  step: 13,
  title: 'An IPAddressPool is advertised',
  async run({ kubernetes }) {
    const [pools, l2, bgp] = await Promise.all([
      kubernetes.list<KubeObject>(...KINDS.ipAddressPool),
      kubernetes.list<KubeObject>(...PROBE_KINDS.l2Advertisement),
      kubernetes
        .list<KubeObject>(...PROBE_KINDS.bgpAdvertisement)
        .catch(() => ({ items: [] as KubeObject[], observedAt: '' })),
    ]);
    const advertisements = [...l2.items, ...bgp.items];
    const facts = [
      evidence(
        'IPAddressPool/*',
        'items',
        pools.items.map(p => refOf(p, 'IPAddressPool')).join(', ') || 'none',
        pools.observedAt,
      ),
      evidence(
        'L2Advertisement/*, BGPAdvertisement/*',
        'items',
        advertisements.map(a => refOf(a)).join(', ') || 'none',
        l2.observedAt,
      ),
    ];
    if (pools.items.length === 0) {
      return outcome('critical', 'No IPAddressPool', facts);
    }
    if (advertisements.length === 0) {
      return outcome(
        'critical',
        'No L2Advertisement or BGPAdvertisement announces the pool',
        facts,
      );
    }
    return outcome(
      'ok',
      `${pools.items.length} pool(s), ${advertisements.length} advertisement(s)`,
      facts,
    );
  },
};

/** Step 14: LoadBalancer Services got their EXTERNAL-IP. */
const loadBalancerIps: BuildOutProbe = {
  id: 'build-out.loadbalancer-ip',
  step: 14,
  title: 'LoadBalancer Services have an EXTERNAL-IP',
  async run({ kubernetes }) {
    const { items, observedAt } = await kubernetes.list<KubeObject>(
      ...KINDS.service,
    );
    const balanced = items.filter(s => s.spec?.type === 'LoadBalancer');
    const ipOf = (s: KubeObject): string | undefined =>
      s.status?.loadBalancer?.ingress?.[0]?.ip ??
      s.status?.loadBalancer?.ingress?.[0]?.hostname;
    const facts = balanced.map(s =>
      evidence(
        refOf(s, 'Service'),
        'status.loadBalancer.ingress',
        ipOf(s) ?? 'pending',
        observedAt,
      ),
    );
    if (balanced.length === 0) {
      return outcome(
        'critical',
        'No Service of type LoadBalancer to show MetalLB at work',
        facts,
      );
    }
    const pending = balanced.filter(s => !ipOf(s));
    return pending.length
      ? outcome(
          'critical',
          `${pending.length} of ${
            balanced.length
          } LoadBalancer Services without an EXTERNAL-IP: ${pending
            .map(s => refOf(s, 'Service'))
            .join(', ')}`,
          facts,
        )
      : outcome(
          'ok',
          `${balanced.length} LoadBalancer Services have an address`,
          facts,
        );
  },
};

export const loadBalancingProbes: BuildOutProbe[] = [
  poolAdvertised,
  loadBalancerIps,
];

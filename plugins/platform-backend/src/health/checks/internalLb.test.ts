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

import { checkContext } from '../../__testUtils__/checkContext';
import { addressCount, internalLbChecks } from './internalLb';

const allocation = internalLbChecks.find(
  c => c.id === 'internal-lb.address-allocation',
)!;

function loadBalancer(name: string, ip?: string) {
  return {
    kind: 'Service',
    metadata: {
      name,
      namespace: 'apps',
      annotations: ip
        ? { 'metallb.io/ip-allocated-from-pool': 'default-pool' }
        : {},
    },
    spec: { type: 'LoadBalancer' },
    status: { loadBalancer: ip ? { ingress: [{ ip }] } : {} },
  };
}

const pool = (addresses: string[]) => ({
  kind: 'IPAddressPool',
  metadata: { name: 'default-pool', namespace: 'metallb-system' },
  spec: { addresses },
});

describe('addressCount', () => {
  it('counts ranges and CIDRs', () => {
    expect(addressCount('10.0.0.240-10.0.0.250')).toBe(11);
    expect(addressCount('10.0.0.0/30')).toBe(4);
    expect(addressCount('fd00::/120')).toBe(0);
  });
});

describe('internal-lb.address-allocation', () => {
  it('is ok when every LoadBalancer has an address and the pool has room', async () => {
    const result = await allocation.run(
      checkContext({
        Service: [loadBalancer('web', '10.0.0.240')],
        IPAddressPool: [pool(['10.0.0.240-10.0.0.250'])],
      }),
    );
    expect(result.verdict).toBe('ok');
  });

  it('warns about a Service without EXTERNAL-IP, quoting the MetalLB event', async () => {
    const result = await allocation.run(
      checkContext({
        Service: [loadBalancer('web', '10.0.0.240'), loadBalancer('api')],
        IPAddressPool: [pool(['10.0.0.240/32'])],
        Event: [
          {
            kind: 'Event',
            reason: 'AllocationFailed',
            message: 'Failed to allocate IP for "apps/api": no available IPs',
            involvedObject: { name: 'api', namespace: 'apps' },
          },
        ],
      }),
    );
    expect(result.verdict).toBe('warning');
    expect(result.message).toContain('pool(s) exhausted: default-pool');
    expect(result.evidence.map(e => e.object)).toEqual([
      'Service/apps/api',
      'IPAddressPool/metallb-system/default-pool',
    ]);
    expect(result.evidence[0].value).toContain('no available IPs');
  });
});

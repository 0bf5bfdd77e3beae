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

import { ObjectStore } from '../kube/store';
import { upsert } from './objectWrites';

/** Cilium's agent registers one CiliumNode per Kubernetes node, and removes it with the node. */
export function reconcileCiliumNodes(store: ObjectStore): void {
  const nodes = store.list('nodes');
  const names = new Set(nodes.map(n => n.metadata.name));
  for (const node of nodes) {
    const addresses = ((node.status as { addresses?: Array<{ type: string; address: string }> }).addresses ?? []);
    const ip = addresses.find(a => a.type === 'InternalIP')?.address ?? '';
    const existing = store.get('ciliumnodes.cilium.io', undefined, node.metadata.name);
    upsert(store, 'ciliumnodes.cilium.io', {
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNode',
      metadata: {
        name: node.metadata.name,
        labels: node.metadata.labels,
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.metadata.name, uid: node.metadata.uid }],
        ...(existing ? { creationTimestamp: existing.metadata.creationTimestamp } : {}),
      },
      spec: {
        addresses: [{ type: 'InternalIP', ip }, { type: 'CiliumInternalIP', ip: ip.replace(/^10\./, '10.0.') }],
        ipam: { podCIDRs: (node.spec as { podCIDRs?: string[] }).podCIDRs ?? [] },
        health: { ipv4: ip },
      },
      status: { ipam: { 'operator-status': {} } },
    });
  }
  for (const cn of store.list('ciliumnodes.cilium.io')) {
    if (!names.has(cn.metadata.name)) store.delete('ciliumnodes.cilium.io', undefined, cn.metadata.name);
  }
}

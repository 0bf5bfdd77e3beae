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

import { KubeObject, timestamp } from '../kube/objects';
import { ObjectStore } from '../kube/store';
import { CapiMachineView } from './capiController';
import { ClusterContext, distributionVersion } from './clusterContext';
import { ClusterFaults, faultNodeHealth } from './clusterFaults';
import { buildNode, NodeHealth, NodeRole, withHealth } from './nodes';

/** A node the cluster should have: from the spec, or from a Cluster API Machine. */
export interface DesiredNode {
  name: string;
  role: NodeRole;
  version: string;
  /** False while the kubelet is still coming up. */
  running: boolean;
  index: number;
  createdAt: string;
}

/** Node names for a cluster not managed by Cluster API (kubeadm, RKE2): fixed by its spec. */
export function staticNodes(ctx: ClusterContext): DesiredNode[] {
  const { spec } = ctx;
  const version = distributionVersion(spec);
  const cp = Array.from({ length: spec.controlPlaneReplicas }, (_, i) => ({ name: `${spec.name}-cp-${i + 1}`, role: 'control-plane' as const, version, running: true, index: i, createdAt: ctx.installedAt }));
  const workers = Array.from({ length: spec.workerReplicas }, (_, i) => ({ name: `${spec.name}-worker-${i + 1}`, role: 'worker' as const, version, running: true, index: 10 + i, createdAt: ctx.installedAt }));
  return [...cp, ...workers];
}

export function nodesFromMachines(machines: CapiMachineView[]): DesiredNode[] {
  return machines
    .filter(m => m.joined)
    .map(m => ({ name: m.name, role: m.role, version: m.version, running: m.running, index: m.index + (m.role === 'worker' ? 10 : 0), createdAt: m.createdAt }));
}

/**
 * Registers and removes nodes and keeps their conditions in line with the
 * kubelet's state and the cluster's faults.
 */
export function reconcileNodes(store: ObjectStore, ctx: ClusterContext, desired: DesiredNode[], faults: ClusterFaults, now: Date): void {
  const at = timestamp(now);
  const wanted = new Map(desired.map(d => [d.name, d]));
  for (const node of store.list('nodes')) {
    if (!wanted.has(node.metadata.name)) store.delete('nodes', undefined, node.metadata.name);
  }
  const roles = desired.map(d => ({ name: d.name, controlPlane: d.role === 'control-plane' }));
  for (const d of desired) {
    const health: NodeHealth = d.running ? faultNodeHealth(faults, d.name, roles) : { ready: 'False', memoryPressure: false };
    const existing = store.get('nodes', undefined, d.name);
    if (!existing) {
      store.create('nodes', buildNode({
        name: d.name,
        role: d.role,
        size: d.role === 'control-plane' ? ctx.spec.controlPlaneNode : ctx.spec.workerNode,
        kubeletVersion: d.version,
        provisioner: ctx.spec.provisioner,
        region: ctx.spec.region,
        index: d.index,
        clusterIndex: ctx.index,
        createdAt: d.createdAt,
      }, health));
      continue;
    }
    let next: KubeObject = withHealth(existing, health, at);
    const info = (next.status as { nodeInfo: { kubeletVersion: string } }).nodeInfo;
    if (info.kubeletVersion !== d.version) {
      next = { ...next, status: { ...(next.status as object), nodeInfo: { ...info, kubeletVersion: d.version, kubeProxyVersion: d.version } } };
    }
    if (next !== existing) store.update('nodes', next);
  }
}

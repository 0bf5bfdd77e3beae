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
import { ClusterSpec } from '../scenario/types';
import { ClusterFaults, faultNodeHealth } from './clusterFaults';
import { reconcileMachineSets } from './capiMachineSets';
import { conditionsOf, hasNode, machinePhase, machineStatus, machineVersion, mergeConditions, v1beta2 } from './capiMachines';
import {
  CAPI,
  CAPI_CP,
  CLUSTER_NAME_LABEL,
  CONTROL_PLANE_LABEL,
  controlPlaneName,
  machineDeploymentName,
  machineObject,
  MachineRole,
  roleOf,
} from './capiObjects';
import { byIndex } from './clusterFaults';
import { nodeIp } from './nodes';
import { setStatus } from './objectWrites';
import { countsOf, lowestVersion, replicaConditions, updateCluster, updateHealthChecks, v1beta1Summary } from './capiStatus';
import { TIMINGS } from './timings';

const MACHINES = `machines.${CAPI}`;
const KCPS = `kubeadmcontrolplanes.${CAPI_CP}`;
const MDS = `machinedeployments.${CAPI}`;

export interface CapiMachineView {
  name: string;
  role: MachineRole;
  version: string;
  /** The node has registered in the workload cluster. */
  joined: boolean;
  /** The machine is Running: its node's kubelet is ready. */
  running: boolean;
  index: number;
  createdAt: string;
}


const machineIndex = new WeakMap<ObjectStore, { revision: number; byCluster: Map<string, KubeObject[]> }>();

/**
 * Machines grouped by cluster, computed once per store revision: a
 * management cluster of 1,000 workload clusters holds thousands of them.
 */
function machinesByCluster(store: ObjectStore): Map<string, KubeObject[]> {
  const cached = machineIndex.get(store);
  if (cached && cached.revision === store.resourceVersion) return cached.byCluster;
  const byCluster = new Map<string, KubeObject[]>();
  for (const machine of store.list(MACHINES)) {
    const cluster = `${machine.metadata.namespace}/${machine.metadata.labels?.[CLUSTER_NAME_LABEL] ?? ''}`;
    const list = byCluster.get(cluster) ?? [];
    list.push(machine);
    byCluster.set(cluster, list);
  }
  machineIndex.set(store, { revision: store.resourceVersion, byCluster });
  return byCluster;
}

export function machinesOf(store: ObjectStore, spec: ClusterSpec): KubeObject[] {
  return machinesByCluster(store).get(`${spec.capiNamespace ?? 'default'}/${spec.name}`) ?? [];
}

/** The current state of a known set of machines plus any created since. */
function refreshed(store: ObjectStore, machines: KubeObject[], created: KubeObject[]): KubeObject[] {
  const current = machines.map(m => store.get(MACHINES, m.metadata.namespace, m.metadata.name)).filter((m): m is KubeObject => !!m);
  return [...current, ...created];
}

function indexOf(name: string): number {
  return Number(/-(\d+)$/.exec(name)?.[1] ?? 0);
}

/** The machines of a workload cluster as its node controller needs them. */
export function machineViews(store: ObjectStore, spec: ClusterSpec, now: Date): CapiMachineView[] {
  return machinesOf(store, spec).map(m => {
    const phase = machinePhase(m, now);
    return { name: m.metadata.name, role: roleOf(m), version: machineVersion(m), joined: hasNode(phase), running: phase === 'Running' || phase === 'Deleting', index: indexOf(m.metadata.name), createdAt: m.metadata.creationTimestamp ?? timestamp(now) };
  });
}

interface Group {
  role: MachineRole;
  replicas: number;
  version: string;
  machines: KubeObject[];
  prefix: string;
}

/** Scale and rolling upgrade of one machine group, one step per reconcile, surge 1 as upstream defaults. */
function stepGroup(store: ObjectStore, spec: ClusterSpec, group: Group, now: Date): KubeObject[] {
  const created: KubeObject[] = [];
  const active = group.machines.filter(m => !m.metadata.deletionTimestamp);
  const outdated = active.filter(m => machineVersion(m) !== group.version).sort((a, b) => byIndex(a.metadata.name, b.metadata.name));
  const provisioning = active.filter(m => machinePhase(m, now) !== 'Running');
  const nextIndex = () => Math.max(0, ...group.machines.map(m => indexOf(m.metadata.name))) + 1;
  const create = (count: number) => {
    let index = nextIndex();
    for (let i = 0; i < count; i++) {
      const name = `${group.prefix}-${index++}`;
      created.push(store.create(MACHINES, machineObject(spec, group.role, name, group.version, timestamp(now))));
    }
  };
  const markDeleting = (machine: KubeObject) =>
    store.update(MACHINES, { ...machine, metadata: { ...machine.metadata, deletionTimestamp: timestamp(now) } });
  if (outdated.length > 0) {
    if (provisioning.length > 0) return created;
    if (active.length <= group.replicas) create(1);
    else markDeleting(outdated[0]);
    return created;
  }
  if (active.length < group.replicas) {
    if (group.role === 'control-plane') {
      if (provisioning.length === 0) create(1);
    } else {
      create(group.replicas - active.length);
    }
  } else if (active.length > group.replicas) {
    const newestFirst = [...active].sort((a, b) => byIndex(b.metadata.name, a.metadata.name));
    const excess = group.role === 'control-plane' ? 1 : active.length - group.replicas;
    if (group.role === 'control-plane' && provisioning.length > 0) return created;
    newestFirst.slice(0, excess).forEach(markDeleting);
  }
  return created;
}

function finishDeletions(store: ObjectStore, machines: KubeObject[], now: Date): void {
  for (const m of machines) {
    const since = m.metadata.deletionTimestamp ? Date.parse(m.metadata.deletionTimestamp) : undefined;
    if (since !== undefined && now.getTime() - since >= TIMINGS.machineDeleteMs) store.delete(MACHINES, m.metadata.namespace, m.metadata.name);
  }
}

/**
 * The Cluster API controllers for every workload cluster declared in a
 * management cluster: machines are created, provisioned, joined and removed
 * over simulated time; KCP, MachineDeployment, MHC and Cluster status follow.
 */
export function reconcileCapi(store: ObjectStore, specs: ClusterSpec[], faultsOf: (cluster: string) => ClusterFaults, indexOf2: (cluster: string) => number, now: Date): void {
  const at = timestamp(now);
  // Grouped once: each cluster's loop below only touches its own machines.
  const groups = machinesByCluster(store);
  for (const spec of specs) {
    const namespace = spec.capiNamespace ?? 'default';
    const kcp = store.get(KCPS, namespace, controlPlaneName(spec.name));
    const md = store.get(MDS, namespace, machineDeploymentName(spec.name));
    const cluster = store.get(`clusters.${CAPI}`, namespace, spec.name);
    if (!cluster) continue;
    const faults = faultsOf(spec.name);
    const known = groups.get(`${namespace}/${spec.name}`) ?? [];
    finishDeletions(store, known, now);
    const all = refreshed(store, known, []);
    const cp = all.filter(m => roleOf(m) === 'control-plane');
    const workers = all.filter(m => roleOf(m) === 'worker');
    const kcpSpec = (kcp?.spec ?? {}) as { replicas?: number; version?: string };
    const mdSpec = (md?.spec ?? {}) as { replicas?: number; template?: { spec?: { version?: string } } };
    const created: KubeObject[] = [];
    if (kcp) created.push(...stepGroup(store, spec, { role: 'control-plane', replicas: kcpSpec.replicas ?? 1, version: kcpSpec.version ?? spec.kubernetesVersion, machines: cp, prefix: controlPlaneName(spec.name) }, now));
    if (md) created.push(...stepGroup(store, spec, { role: 'worker', replicas: mdSpec.replicas ?? 0, version: mdSpec.template?.spec?.version ?? spec.kubernetesVersion, machines: workers, prefix: machineDeploymentName(spec.name) }, now));

    const machines = refreshed(store, all, created);
    const roles = machines.map(m => ({ name: m.metadata.name, controlPlane: roleOf(m) === 'control-plane' }));
    const clusterIndex = indexOf2(spec.name);
    for (const m of machines) {
      const health = faultNodeHealth(faults, m.metadata.name, roles);
      setStatus(store, MACHINES, m, machineStatus(m, machinePhase(m, now), health, nodeIp(clusterIndex, indexOf(m.metadata.name) + (roleOf(m) === 'worker' ? 10 : 0)), now));
    }
    const cpMachines = machines.filter(m => roleOf(m) === 'control-plane');
    const workerMachines = machines.filter(m => roleOf(m) === 'worker');
    const cpCounts = countsOf(cpMachines, kcpSpec.replicas ?? 1, kcpSpec.version ?? '', now, faults);
    const wCounts = countsOf(workerMachines, mdSpec.replicas ?? 0, mdSpec.template?.spec?.version ?? '', now, faults);
    const cpRunning = cpMachines.filter(m => !m.metadata.deletionTimestamp && machinePhase(m, now) === 'Running');
    if (kcp) {
      const gen = kcp.metadata.generation ?? 1;
      const etcdHealthy = cpCounts.ready === cpCounts.replicas;
      const conditions = [
        ...replicaConditions('KubeadmControlPlane', cpCounts, gen),
        v1beta2('Initialized', true, 'Initialized', '', gen),
        v1beta2('CertificatesAvailable', true, 'Available', '', gen),
        v1beta2('EtcdClusterHealthy', etcdHealthy, etcdHealthy ? 'Healthy' : 'NotHealthy', etcdHealthy ? '' : `* Machine ${cpMachines.find(m => faultNodeHealth(faults, m.metadata.name, roles).ready !== 'True')?.metadata.name}:\n  * EtcdMemberHealthy: Etcd member is unreachable`, gen),
        v1beta2('ControlPlaneComponentsHealthy', etcdHealthy, etcdHealthy ? 'Healthy' : 'NotHealthy', etcdHealthy ? '' : '* Control plane components on one Machine are not healthy', gen),
      ];
      setStatus(store, KCPS, kcp, {
        selector: `${CLUSTER_NAME_LABEL}=${spec.name},${CONTROL_PLANE_LABEL}`,
        replicas: cpCounts.replicas,
        readyReplicas: cpCounts.ready,
        availableReplicas: cpCounts.ready,
        upToDateReplicas: cpCounts.upToDate,
        version: lowestVersion(cpRunning.length > 0 ? cpRunning : cpMachines),
        observedGeneration: gen,
        initialization: { controlPlaneInitialized: true },
        conditions: mergeConditions(conditionsOf(kcp.status, 'v1beta2'), conditions, at),
        deprecated: { v1beta1: v1beta1Summary('KubeadmControlPlane', cpCounts, kcp.status, at, [
          { type: 'EtcdClusterHealthy', status: etcdHealthy ? 'True' : 'False', ...(etcdHealthy ? {} : { reason: 'EtcdClusterUnhealthy', severity: 'Error' }) },
          { type: 'MachinesCreated', status: 'True' },
          { type: 'Resized', status: cpCounts.replicas === cpCounts.desired ? 'True' : 'False' },
        ]) },
      });
    }
    if (md) {
      const gen = md.metadata.generation ?? 1;
      let phase = 'Running';
      if (wCounts.replicas < wCounts.desired) phase = 'ScalingUp';
      if (wCounts.replicas > wCounts.desired) phase = 'ScalingDown';
      setStatus(store, MDS, md, {
        selector: `${CLUSTER_NAME_LABEL}=${spec.name},${CAPI}/deployment-name=${md.metadata.name}`,
        replicas: wCounts.replicas,
        readyReplicas: wCounts.ready,
        availableReplicas: wCounts.ready,
        upToDateReplicas: wCounts.upToDate,
        phase,
        observedGeneration: gen,
        conditions: mergeConditions(conditionsOf(md.status, 'v1beta2'), replicaConditions('MachineDeployment', wCounts, gen), at),
        deprecated: { v1beta1: v1beta1Summary('MachineDeployment', wCounts, md.status, at) },
      });
    }
    if (md) reconcileMachineSets(store, spec, md, workerMachines, m => faultNodeHealth(faults, m.metadata.name, roles).ready === 'True', now);
    updateHealthChecks(store, spec, workerMachines, faults, roles, at);
    updateCluster(store, cluster, cpCounts, wCounts, at);
  }
}

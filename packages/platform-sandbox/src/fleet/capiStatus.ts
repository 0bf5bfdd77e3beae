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

import { KubeObject } from '../kube/objects';
import { ObjectStore } from '../kube/store';
import { ClusterSpec } from '../scenario/types';
import { conditionsOf, machinePhase, machineVersion, mergeConditions, v1beta2 } from './capiMachines';
import { CAPI, machineDeploymentName, roleOf } from './capiObjects';
import { ClusterFaults, faultNodeHealth } from './clusterFaults';
import { Condition, setStatus } from './objectWrites';

/* Status of the Cluster API objects, computed from their machines. */

export interface Counts {
  desired: number;
  replicas: number;
  ready: number;
  upToDate: number;
}

export function countsOf(machines: KubeObject[], desired: number, version: string, now: Date, faults: ClusterFaults): Counts {
  const roles = machines.map(m => ({ name: m.metadata.name, controlPlane: roleOf(m) === 'control-plane' }));
  const live = machines.filter(m => !m.metadata.deletionTimestamp);
  const ready = live.filter(m => machinePhase(m, now) === 'Running' && faultNodeHealth(faults, m.metadata.name, roles).ready === 'True').length;
  return { desired, replicas: live.length, ready, upToDate: live.filter(m => machineVersion(m) === version).length };
}

export function replicaConditions(kind: string, c: Counts, gen: number): Condition[] {
  // A control plane is available with etcd quorum; workers need every desired replica.
  const quorum = c.ready > Math.floor(c.desired / 2);
  const available = kind === 'MachineDeployment' ? c.ready >= c.desired : quorum;
  const missing = c.desired - c.ready;
  return [
    v1beta2('Available', available, available ? 'Available' : 'NotAvailable', available ? '' : `* ${missing} available replica${missing === 1 ? '' : 's'} missing`, gen),
    v1beta2('MachinesReady', c.ready === c.replicas, c.ready === c.replicas ? 'Ready' : 'NotReady', c.ready === c.replicas ? '' : `* ${c.replicas - c.ready} Machine${c.replicas - c.ready === 1 ? '' : 's'} not ready`, gen),
    v1beta2('MachinesUpToDate', c.upToDate === c.replicas, c.upToDate === c.replicas ? 'UpToDate' : 'NotUpToDate', '', gen),
    v1beta2('RollingOut', c.upToDate < c.replicas, c.upToDate < c.replicas ? 'RollingOut' : 'NotRollingOut', c.upToDate < c.replicas ? `Rolling out ${c.replicas - c.upToDate} not up-to-date replicas` : '', gen),
    v1beta2('ScalingUp', c.replicas < c.desired, c.replicas < c.desired ? 'ScalingUp' : 'NotScalingUp', c.replicas < c.desired ? `Scaling up from ${c.replicas} to ${c.desired} replicas` : '', gen),
    v1beta2('ScalingDown', c.replicas > c.desired, c.replicas > c.desired ? 'ScalingDown' : 'NotScalingDown', c.replicas > c.desired ? `Scaling down from ${c.replicas} to ${c.desired} replicas` : '', gen),
    v1beta2('Remediating', false, 'NotRemediating', '', gen),
    v1beta2('Deleting', false, 'NotDeleting', '', gen),
    v1beta2('Paused', false, 'NotPaused', '', gen),
  ];
}

/**
 * The v1beta1 fields kept under status.deprecated.v1beta1. The conditions are
 * v1beta1 Conditions, whose lastTransitionTime the schema requires; a
 * KubeadmControlPlane's schema has no availableReplicas there.
 */
export function v1beta1Summary(kind: 'KubeadmControlPlane' | 'MachineDeployment', c: Counts, previous: unknown, at: string, extra: Condition[] = []): Record<string, unknown> {
  const ready = c.ready >= c.desired;
  return {
    conditions: mergeConditions(conditionsOf(previous, 'v1beta1'), [
      { type: 'Ready', status: ready ? 'True' : 'False', ...(ready ? {} : { reason: 'WaitingForAvailableMachines', severity: 'Warning' }) },
      { type: 'Available', status: ready ? 'True' : 'False', ...(ready ? {} : { reason: 'WaitingForAvailableMachines', severity: 'Warning' }) },
      ...extra,
    ] as Condition[], at),
    readyReplicas: c.ready,
    ...(kind === 'MachineDeployment' ? { availableReplicas: c.ready } : {}),
    updatedReplicas: c.upToDate,
    unavailableReplicas: Math.max(0, c.replicas - c.ready),
  };
}

export function lowestVersion(machines: KubeObject[]): string | undefined {
  const versions = machines.map(machineVersion).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  return versions[0];
}

export function updateHealthChecks(store: ObjectStore, spec: ClusterSpec, workers: KubeObject[], faults: ClusterFaults, roles: Array<{ name: string; controlPlane: boolean }>, at: string): void {
  // Looked up by name, not listed: listing per cluster is quadratic in a big fleet.
  const mhc = store.get(`machinehealthchecks.${CAPI}`, spec.capiNamespace ?? 'default', `${machineDeploymentName(spec.name)}-unhealthy`);
  if (mhc) {
    const live = workers.filter(m => !m.metadata.deletionTimestamp);
    const healthy = live.filter(m => faultNodeHealth(faults, m.metadata.name, roles).ready !== 'Unknown').length;
    const maxUnhealthy = Math.floor(live.length * 0.4);
    setStatus(store, `machinehealthchecks.${CAPI}`, mhc, {
      expectedMachines: live.length,
      currentHealthy: healthy,
      remediationsAllowed: Math.max(0, maxUnhealthy - (live.length - healthy)),
      observedGeneration: mhc.metadata.generation ?? 1,
      targets: live.map(m => m.metadata.name),
      conditions: mergeConditions(conditionsOf(mhc.status, 'v1beta2'), [v1beta2('RemediationAllowed', true, 'RemediationAllowed', '', mhc.metadata.generation ?? 1)], at),
      deprecated: { v1beta1: { conditions: mergeConditions(conditionsOf(mhc.status, 'v1beta1'), [{ type: 'RemediationAllowed', status: 'True' }] as Condition[], at) } },
    });
  }
}

export function updateCluster(store: ObjectStore, cluster: KubeObject, cp: Counts, workers: Counts, at: string): void {
  const gen = cluster.metadata.generation ?? 1;
  const cpAvailable = cp.ready > Math.floor(cp.desired / 2);
  const workersAvailable = workers.ready >= workers.desired;
  const available = cpAvailable && workersAvailable;
  const missing = workers.desired - workers.ready;
  let availableMessage = '';
  if (!cpAvailable) availableMessage = '* ControlPlaneAvailable: control plane not available';
  if (!workersAvailable) availableMessage = `* WorkersAvailable: ${missing} available replica${missing === 1 ? '' : 's'} missing`;
  let workersReason = workersAvailable ? 'Available' : 'NotAvailable';
  if (workers.desired === 0) workersReason = 'NoWorkers';
  const conditions: Condition[] = [
    v1beta2('Available', available, available ? 'Available' : 'NotAvailable', availableMessage, gen),
    v1beta2('InfrastructureReady', true, 'Ready', '', gen),
    v1beta2('ControlPlaneInitialized', true, 'Initialized', '', gen),
    v1beta2('ControlPlaneAvailable', cpAvailable, cpAvailable ? 'Available' : 'NotAvailable', '', gen),
    v1beta2('WorkersAvailable', workersAvailable, workersReason, workersAvailable ? '' : `* MachineDeployment ${cluster.metadata.name}-md-0: ${missing} available replica${missing === 1 ? '' : 's'} missing`, gen),
    v1beta2('ControlPlaneMachinesReady', cp.ready === cp.replicas, cp.ready === cp.replicas ? 'Ready' : 'NotReady', '', gen),
    v1beta2('WorkerMachinesReady', workers.ready === workers.replicas, workers.ready === workers.replicas ? 'Ready' : 'NotReady', '', gen),
    v1beta2('ControlPlaneMachinesUpToDate', cp.upToDate === cp.replicas, cp.upToDate === cp.replicas ? 'UpToDate' : 'NotUpToDate', '', gen),
    v1beta2('WorkerMachinesUpToDate', workers.upToDate === workers.replicas, workers.upToDate === workers.replicas ? 'UpToDate' : 'NotUpToDate', '', gen),
    v1beta2('RemoteConnectionProbe', true, 'ProbeSucceeded', '', gen),
    v1beta2('RollingOut', cp.upToDate < cp.replicas || workers.upToDate < workers.replicas, cp.upToDate < cp.replicas || workers.upToDate < workers.replicas ? 'RollingOut' : 'NotRollingOut', '', gen),
    v1beta2('ScalingUp', cp.replicas < cp.desired || workers.replicas < workers.desired, cp.replicas < cp.desired || workers.replicas < workers.desired ? 'ScalingUp' : 'NotScalingUp', '', gen),
    v1beta2('ScalingDown', cp.replicas > cp.desired || workers.replicas > workers.desired, cp.replicas > cp.desired || workers.replicas > workers.desired ? 'ScalingDown' : 'NotScalingDown', '', gen),
    v1beta2('Remediating', false, 'NotRemediating', '', gen),
    v1beta2('Deleting', false, 'NotDeleting', '', gen),
    v1beta2('Paused', false, 'NotPaused', '', gen),
  ];
  const summary = (c: Counts) => ({ desiredReplicas: c.desired, replicas: c.replicas, readyReplicas: c.ready, availableReplicas: c.ready, upToDateReplicas: c.upToDate });
  setStatus(store, `clusters.${CAPI}`, cluster, {
    initialization: { infrastructureProvisioned: true, controlPlaneInitialized: true },
    controlPlane: summary(cp),
    workers: summary(workers),
    phase: 'Provisioned',
    observedGeneration: gen,
    conditions: mergeConditions(conditionsOf(cluster.status, 'v1beta2'), conditions, at),
    deprecated: {
      v1beta1: {
        // v1beta1 Condition.lastTransitionTime has no omitempty: the controller always stamps it.
        conditions: mergeConditions(
          conditionsOf(cluster.status, 'v1beta1'),
          [
            { type: 'Ready', status: cpAvailable ? 'True' : 'False', ...(cpAvailable ? {} : { reason: 'EtcdClusterUnhealthy', severity: 'Error' }) },
            { type: 'ControlPlaneInitialized', status: 'True' },
            { type: 'ControlPlaneReady', status: cpAvailable ? 'True' : 'False' },
            { type: 'InfrastructureReady', status: 'True' },
          ] as Condition[],
          at,
        ),
      },
    },
  });
}

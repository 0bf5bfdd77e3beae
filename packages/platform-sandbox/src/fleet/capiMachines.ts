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
import { CONTROL_PLANE_LABEL } from './capiObjects';
import { Condition, withCondition } from './objectWrites';
import { NodeHealth } from './nodes';
import { TIMINGS } from './timings';

export type MachinePhase = 'Provisioning' | 'Provisioned' | 'Running' | 'Deleting';

/** Where a machine is in its life, from its timestamps and the simulated clock. */
export function machinePhase(machine: KubeObject, now: Date): MachinePhase {
  if (machine.metadata.deletionTimestamp) return 'Deleting';
  const age = now.getTime() - Date.parse(machine.metadata.creationTimestamp ?? timestamp(now));
  if (age < TIMINGS.machineProvisionMs) return 'Provisioning';
  if (age < TIMINGS.machineProvisionMs + TIMINGS.nodeReadyMs) return 'Provisioned';
  return 'Running';
}

/** Whether the node behind a machine has joined the workload cluster. */
export function hasNode(phase: MachinePhase): boolean {
  return phase !== 'Provisioning';
}

/** Annotation upstream's Machine controller copies to status.certificatesExpiryDate; on the Machine it overrides the bootstrap config's. */
export const CERTIFICATES_EXPIRY_ANNOTATION = 'machine.cluster.x-k8s.io/certificates-expiry';

/**
 * status.certificatesExpiryDate as upstream's Machine controller sets it: on
 * control-plane machines only, from the Machine's annotation when it has one,
 * else from what CABPK records at bootstrap (kubeadm's one-year certificates).
 */
export function certificatesExpiryDate(machine: KubeObject, at: string): string | undefined {
  if (machine.metadata.labels?.[CONTROL_PLANE_LABEL] === undefined) return undefined;
  const annotated = Date.parse(machine.metadata.annotations?.[CERTIFICATES_EXPIRY_ANNOTATION] ?? '');
  if (!Number.isNaN(annotated)) return timestamp(new Date(annotated));
  return timestamp(new Date(Date.parse(machine.metadata.creationTimestamp ?? at) + 365 * 24 * 3600_000));
}

export function machineVersion(machine: KubeObject): string {
  return (machine.spec as { version: string }).version;
}

/** v1beta2 condition: reason is required, observedGeneration set. */
export function v1beta2(type: string, ok: boolean | 'Unknown', reason: string, message = '', generation = 1): Condition {
  const status = ok === 'Unknown' ? 'Unknown' : String(ok).replace(/^./, c => c.toUpperCase());
  return { type, status: status as Condition['status'], observedGeneration: generation, reason, message };
}

function conditionsOf(status: unknown, path: 'v1beta2' | 'v1beta1'): Condition[] | undefined {
  const s = status as { conditions?: Condition[]; deprecated?: { v1beta1?: { conditions?: Condition[] } } } | undefined;
  return path === 'v1beta2' ? s?.conditions : s?.deprecated?.v1beta1?.conditions;
}

export function mergeConditions(previous: Condition[] | undefined, next: Condition[], at: string): Condition[] {
  let out = previous ?? [];
  for (const c of next) out = withCondition(out, c, at);
  return out.filter(c => next.some(n => n.type === c.type));
}

/** Machine status (v1beta2 layout, with the v1beta1 conditions kept under `deprecated`). */
export function machineStatus(machine: KubeObject, phase: MachinePhase, health: NodeHealth, ip: string, now: Date): Record<string, unknown> {
  const at = timestamp(now);
  const gen = machine.metadata.generation ?? 1;
  const provisioned = phase !== 'Provisioning';
  const nodeReady = phase === 'Running' && health.ready === 'True';
  const nodeUnknown = phase === 'Running' && health.ready === 'Unknown';
  const nodeName = machine.metadata.name;
  let readyNode = v1beta2('NodeReady', 'Unknown', 'NodeDoesNotExist', '* Node does not exist', gen);
  if (provisioned) readyNode = v1beta2('NodeReady', false, 'NodeNotReady', '* Node.Ready: container runtime network not ready', gen);
  if (nodeUnknown) readyNode = v1beta2('NodeReady', 'Unknown', 'NodeReadyUnknown', '* Node.Ready: Kubelet stopped posting node status.', gen);
  if (nodeReady) readyNode = v1beta2('NodeReady', true, 'NodeReady', '', gen);
  const healthy = nodeReady && !health.memoryPressure;
  const deleting = phase === 'Deleting';
  let nodeHealthy = v1beta2('NodeHealthy', false, 'NodeNotHealthy', health.memoryPressure ? '* Node.MemoryPressure: kubelet has insufficient memory available' : readyNode.message ?? '', gen);
  if (nodeUnknown || !provisioned) nodeHealthy = v1beta2('NodeHealthy', 'Unknown', 'NodeHealthUnknown', readyNode.message ?? '', gen);
  if (healthy) nodeHealthy = v1beta2('NodeHealthy', true, 'NodeHealthy', '', gen);
  let notReadyMessage = healthy ? '' : `* NodeHealthy: ${readyNode.message}`;
  if (deleting) notReadyMessage = '* Deleting: Machine deletion in progress, stage: DrainingNode';
  const v2: Condition[] = [
    v1beta2('BootstrapConfigReady', true, 'Ready', '', gen),
    v1beta2('InfrastructureReady', provisioned, provisioned ? 'Ready' : 'NotReady', provisioned ? '' : '* VSphereMachine: cloning VM from template', gen),
    readyNode,
    nodeHealthy,
    v1beta2('HealthCheckSucceeded', !nodeUnknown, nodeUnknown ? 'UnhealthyNode' : 'HealthCheckSucceeded', nodeUnknown ? 'Health check failed: Condition Ready on Node is reporting status Unknown for more than 5m0s' : '', gen),
    v1beta2('UpToDate', true, 'UpToDate', '', gen),
    v1beta2('Ready', healthy && !deleting, healthy && !deleting ? 'Ready' : 'NotReady', notReadyMessage, gen),
    v1beta2('Available', healthy && !deleting, healthy && !deleting ? 'Available' : 'NotReady', '', gen),
    v1beta2('Deleting', deleting, deleting ? 'DrainingNode' : 'NotDeleting', '', gen),
    v1beta2('Paused', false, 'NotPaused', '', gen),
  ];
  const v1NotReadyReason = deleting ? 'Deleting' : 'NodeNotReady';
  const v1: Condition[] = [
    { type: 'Ready', status: healthy && !deleting ? 'True' : 'False', ...(healthy && !deleting ? {} : { reason: v1NotReadyReason, severity: 'Warning' }) },
    { type: 'BootstrapReady', status: 'True' },
    { type: 'InfrastructureReady', status: provisioned ? 'True' : 'False', ...(provisioned ? {} : { reason: 'Cloning', severity: 'Info' }) },
    { type: 'NodeHealthy', status: healthy ? 'True' : 'False', ...(healthy ? {} : { reason: nodeUnknown ? 'NodeConditionsFailed' : 'NodeProvisioning', severity: nodeUnknown ? 'Warning' : 'Info' }) },
  ];
  const version = machineVersion(machine);
  const expiry = certificatesExpiryDate(machine, at);
  return {
    phase,
    observedGeneration: gen,
    initialization: { bootstrapDataSecretCreated: true, infrastructureProvisioned: provisioned },
    ...(provisioned
      ? {
          nodeRef: { name: nodeName },
          addresses: [{ type: 'InternalIP', address: ip }, { type: 'Hostname', address: nodeName }],
          nodeInfo: { kubeletVersion: version, kubeProxyVersion: version, containerRuntimeVersion: 'containerd://1.7.27', osImage: 'Ubuntu 24.04.2 LTS', operatingSystem: 'linux', architecture: 'amd64', kernelVersion: '6.8.0-60-generic', machineID: '', systemUUID: '', bootID: '' },
          ...(expiry ? { certificatesExpiryDate: expiry } : {}),
        }
      : {}),
    conditions: mergeConditions(conditionsOf(machine.status, 'v1beta2'), v2, at),
    deprecated: { v1beta1: { conditions: mergeConditions(conditionsOf(machine.status, 'v1beta1'), v1, at) } },
  };
}

export { conditionsOf };

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
import { NodeSize, Provisioner } from '../scenario/types';
import { Condition, shortHash } from './objectWrites';

export type NodeRole = 'control-plane' | 'worker';

export interface NodeParams {
  name: string;
  role: NodeRole;
  size: NodeSize;
  /** Kubelet version as reported, e.g. `v1.33.4` or `v1.33.4+rke2r1`. */
  kubeletVersion: string;
  provisioner: Provisioner;
  region: string;
  index: number;
  clusterIndex: number;
  createdAt: string;
}

/** What the node's conditions should say. */
export interface NodeHealth {
  /** True: kubelet ready; False: joining/not ready; Unknown: kubelet stopped posting. */
  ready: 'True' | 'False' | 'Unknown';
  memoryPressure: boolean;
}

export const HEALTHY_NODE: NodeHealth = { ready: 'True', memoryPressure: false };

export const UNREACHABLE_TAINT = { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' };
export const NOT_READY_TAINT = { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' };
export const MEMORY_PRESSURE_TAINT = { key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' };
const CONTROL_PLANE_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

function kibibytes(gib: number): string {
  return `${gib * 1024 * 1024}Ki`;
}

export function nodeIp(clusterIndex: number, index: number): string {
  return `10.${20 + Math.floor(clusterIndex / 250)}.${clusterIndex % 250}.${10 + index}`;
}

/** Node conditions (as the kubelet and node lifecycle controller write them) for a health. */
export function nodeConditions(health: NodeHealth, now: string, previous: Condition[] = []): Condition[] {
  const keep = (type: string, status: Condition['status']) =>
    previous.find(c => c.type === type && c.status === status)?.lastTransitionTime ?? now;
  const heartbeat = health.ready === 'Unknown' ? previous.find(c => c.type === 'Ready')?.lastHeartbeatTime ?? now : now;
  const kubelet = (type: string, status: Condition['status'], reason: string, message: string): Condition => ({
    type,
    status: health.ready === 'Unknown' ? 'Unknown' : status,
    lastHeartbeatTime: heartbeat,
    lastTransitionTime: keep(type, health.ready === 'Unknown' ? 'Unknown' : status),
    reason: health.ready === 'Unknown' ? 'NodeStatusUnknown' : reason,
    message: health.ready === 'Unknown' ? 'Kubelet stopped posting node status.' : message,
  });
  const pressure = health.memoryPressure;
  return [
    {
      type: 'NetworkUnavailable',
      status: 'False',
      lastHeartbeatTime: previous.find(c => c.type === 'NetworkUnavailable')?.lastHeartbeatTime ?? now,
      lastTransitionTime: keep('NetworkUnavailable', 'False'),
      reason: 'CiliumIsUp',
      message: 'Cilium is running on this node',
    },
    kubelet(
      'MemoryPressure',
      pressure ? 'True' : 'False',
      pressure ? 'KubeletHasInsufficientMemory' : 'KubeletHasSufficientMemory',
      pressure ? 'kubelet has insufficient memory available' : 'kubelet has sufficient memory available',
    ),
    kubelet('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    kubelet('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    kubelet(
      'Ready',
      health.ready === 'True' ? 'True' : 'False',
      health.ready === 'True' ? 'KubeletReady' : 'KubeletNotReady',
      health.ready === 'True'
        ? 'kubelet is posting ready status'
        : 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
    ),
  ];
}

/** Taints the node lifecycle controller keeps in step with the conditions. */
export function nodeTaints(role: NodeRole, health: NodeHealth): Array<Record<string, string>> {
  const taints: Array<Record<string, string>> = role === 'control-plane' ? [CONTROL_PLANE_TAINT] : [];
  if (health.ready === 'Unknown') taints.push(UNREACHABLE_TAINT);
  if (health.ready === 'False') taints.push(NOT_READY_TAINT);
  if (health.memoryPressure) taints.push(MEMORY_PRESSURE_TAINT);
  return taints;
}

export function buildNode(params: NodeParams, health: NodeHealth = HEALTHY_NODE): KubeObject {
  const { name, role, size, kubeletVersion } = params;
  const rke2 = params.provisioner === 'rke2';
  const ip = nodeIp(params.clusterIndex, params.index);
  const uuid = `4221${shortHash(name, 4)}-${shortHash(`${name}/a`, 4)}-${shortHash(`${name}/b`, 4)}`;
  const allocatableMemory = Math.max(1, size.memoryGiB - 1);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      creationTimestamp: params.createdAt,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'topology.kubernetes.io/region': params.region,
        'topology.kubernetes.io/zone': `${params.region}-${String.fromCharCode(97 + (params.index % 3))}`,
        'node.kubernetes.io/instance-type': `vsphere-${size.cpu}c-${size.memoryGiB}g`,
        ...(role === 'control-plane' ? { 'node-role.kubernetes.io/control-plane': '' } : { 'node-role.kubernetes.io/worker': '' }),
        ...(role === 'control-plane' && rke2 ? { 'node-role.kubernetes.io/etcd': '', 'node-role.kubernetes.io/master': 'true' } : {}),
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: `10.244.${params.index}.0/24`,
      podCIDRs: [`10.244.${params.index}.0/24`],
      providerID: `vsphere://${uuid}`,
      taints: nodeTaints(role, health),
    },
    status: {
      capacity: { cpu: String(size.cpu), memory: kibibytes(size.memoryGiB), pods: '110', 'ephemeral-storage': kibibytes(size.diskGiB), 'hugepages-2Mi': '0' },
      allocatable: {
        cpu: `${size.cpu * 1000 - 100}m`,
        memory: kibibytes(allocatableMemory),
        pods: '110',
        'ephemeral-storage': kibibytes(Math.floor(size.diskGiB * 0.9)),
        'hugepages-2Mi': '0',
      },
      conditions: nodeConditions(health, params.createdAt),
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: shortHash(`${name}/machine`, 32),
        systemUUID: uuid,
        bootID: shortHash(`${name}/boot`, 32),
        kernelVersion: '6.8.0-60-generic',
        osImage: rke2 ? 'SUSE Linux Enterprise Server 15 SP6' : 'Ubuntu 24.04.2 LTS',
        containerRuntimeVersion: rke2 ? 'containerd://2.0.5-k3s1' : 'containerd://1.7.27',
        kubeletVersion,
        kubeProxyVersion: kubeletVersion,
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

/** The node's health as its conditions say. */
export function healthOf(node: KubeObject): NodeHealth {
  const conditions = ((node.status as { conditions?: Condition[] })?.conditions ?? []);
  const ready = conditions.find(c => c.type === 'Ready')?.status ?? 'Unknown';
  const memory = conditions.find(c => c.type === 'MemoryPressure')?.status === 'True';
  return { ready: ready as NodeHealth['ready'], memoryPressure: memory };
}

export function isReady(node: KubeObject): boolean {
  return healthOf(node).ready === 'True';
}

/** Rewrites a node's conditions and taints for a new health; unchanged when already so. */
export function withHealth(node: KubeObject, health: NodeHealth, now: string): KubeObject {
  const status = node.status as { conditions?: Condition[] };
  const role: NodeRole = 'node-role.kubernetes.io/control-plane' in (node.metadata.labels ?? {}) ? 'control-plane' : 'worker';
  const current = healthOf(node);
  if (current.ready === health.ready && current.memoryPressure === health.memoryPressure) return node;
  return {
    ...node,
    spec: { ...(node.spec as object), taints: nodeTaints(role, health) },
    status: { ...status, conditions: nodeConditions(health, now, status.conditions) },
  };
}

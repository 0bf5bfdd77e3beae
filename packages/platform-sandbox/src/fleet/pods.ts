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
import { labelSelectorFromSpec } from '../kube/selectors';
import { ObjectStore } from '../kube/store';
import { healthOf, NodeHealth } from './nodes';
import { shortHash } from './objectWrites';
import { SANDBOX_ANNOTATION } from './timings';
import { PodProblem } from '../scenario/types';

/** Pod annotation a fault sets to make a pod unhealthy. */
export const POD_FAULT_ANNOTATION = `${SANDBOX_ANNOTATION}/fault`;

/** Restart counts the kubelet would have reached for a pod under each fault. */
const RESTARTS_BY_FAULT: Record<string, number> = {
  crashloop: 17,
  'oom-killed': 4,
};
export type PodFault = PodProblem;

/** What the scheduler says of a pod no node can take (its PodScheduled condition and FailedScheduling event). */
export function unschedulableMessage(nodes: number): string {
  return `0/${nodes} nodes are available: ${nodes} Insufficient memory. preemption: 0/${nodes} nodes are available: ${nodes} No preemption victims found for incoming pod.`;
}

/** The kubelet's word for a registry that refuses the pull, as containerd reports it. */
export function imagePullError(image: string): string {
  const host = image.includes('/') && /[.:]/.test(image.split('/')[0]) ? image.split('/')[0] : 'docker.io';
  return `rpc error: code = Unknown desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": pulling from host ${host} failed with status code [manifests ${image.split(':').pop()}]: 401 Unauthorized`;
}

export interface PodOwner {
  apiVersion: string;
  kind: string;
  name: string;
  uid?: string;
}

export function podIp(name: string): string {
  const h = shortHash(name, 6);
  const n = [...h].reduce((acc, ch) => (acc * 31 + ch.charCodeAt(0)) >>> 0, 7);
  return `10.244.${n % 250}.${(n >>> 8) % 250 + 2}`;
}

/** A pod made from a workload template, placed on a node. */
export function podFromTemplate(
  template: { metadata?: { labels?: Record<string, string> }; spec?: Record<string, unknown> },
  name: string,
  namespace: string,
  nodeName: string,
  owner: PodOwner,
  extraLabels: Record<string, string> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      labels: { ...template.metadata?.labels, ...extraLabels },
      ownerReferences: [{ ...owner, controller: true, blockOwnerDeletion: true }],
    },
    spec: { ...template.spec, nodeName, restartPolicy: 'Always', schedulerName: 'default-scheduler', dnsPolicy: 'ClusterFirst' },
    status: { phase: 'Pending' },
  };
}

/**
 * The status the kubelet would report for a pod, from its node's health and
 * any fault set on it: Running and Ready, CrashLoopBackOff, or not ready.
 */
export function podStatus(pod: KubeObject, node: NodeHealth | undefined, now: Date, schedulableNodes = 0): Record<string, unknown> {
  const previous = (pod.status ?? {}) as Record<string, unknown>;
  const problem = pod.metadata.annotations?.[POD_FAULT_ANNOTATION] as PodFault | undefined;
  if (problem === 'unschedulable') return unscheduledStatus(pod, previous, now, schedulableNodes);
  const started = (previous.startTime as string | undefined) ?? pod.metadata.creationTimestamp ?? timestamp(now);
  const fault = pod.metadata.annotations?.[POD_FAULT_ANNOTATION] as PodFault | undefined;
  const nodeReady = node?.ready === 'True';
  const nodeLost = node === undefined || node.ready === 'Unknown';
  const containers = ((pod.spec as { containers?: Array<{ name: string; image: string }> })?.containers ?? []);
  // A container killed for memory restarts and runs again: ready until the next kill.
  const ready = (!fault || fault === 'oom-killed') && nodeReady;
  const previousConditions = (previous.conditions as Array<{ type: string; status: string; lastTransitionTime: string }>) ?? [];
  const transition = (type: string, status: string) =>
    previousConditions.find(c => c.type === type && c.status === status)?.lastTransitionTime ?? timestamp(now);
  const condition = (type: string, status: boolean, reason?: string) => ({
    type,
    status: status ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: transition(type, status ? 'True' : 'False'),
    ...(reason ? { reason } : {}),
  });
  const restarts = RESTARTS_BY_FAULT[fault ?? ''] ?? 0;
  const pulling = fault === 'image-pull';
  const lastTerminated = (exitCode: number, reason: string) => ({
    lastState: { terminated: { exitCode, reason, startedAt: started, finishedAt: started, containerID: `containerd://${shortHash(`${pod.metadata.name}/last`, 32)}` } },
  });
  const lastStateFor = () => {
    if (fault === 'crashloop') return lastTerminated(1, 'Error');
    if (fault === 'oom-killed') return lastTerminated(137, 'OOMKilled');
    return { lastState: {} };
  };
  const stateOf = (c: { name: string; image: string }) => {
    if (fault === 'crashloop') {
      return { waiting: { reason: 'CrashLoopBackOff', message: `back-off 5m0s restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid ?? ''})` } };
    }
    if (pulling) {
      return { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}": ErrImagePull: ${imagePullError(c.image)}` } };
    }
    return { running: { startedAt: started } };
  };
  const containerStatuses = containers.map(c => ({
    name: c.name,
    image: c.image,
    // A container whose image never came has no image ID or container ID yet.
    imageID: pulling ? '' : `${c.image.split(':')[0]}@sha256:${shortHash(c.image, 32)}`,
    ...(pulling ? {} : { containerID: `containerd://${shortHash(`${pod.metadata.name}/${c.name}`, 32)}` }),
    ready,
    started: fault !== 'crashloop' && !pulling,
    restartCount: restarts,
    state: stateOf(c),
    ...lastStateFor(),
  }));
  // Pods on a lost node are marked not ready by the node controller, without a container reason.
  const unready = !fault && nodeLost ? undefined : 'ContainersNotReady';
  return {
    // A pod whose image never came has not started: it stays Pending.
    phase: pulling ? 'Pending' : 'Running',
    conditions: [
      condition('PodReadyToStartContainers', !nodeLost),
      condition('Initialized', true),
      condition('Ready', ready, ready ? undefined : unready),
      condition('ContainersReady', ready, ready ? undefined : unready),
      condition('PodScheduled', true),
    ],
    hostIP: (previous.hostIP as string | undefined) ?? undefined,
    podIP: podIp(pod.metadata.name),
    podIPs: [{ ip: podIp(pod.metadata.name) }],
    startTime: started,
    containerStatuses,
    qosClass: qosClass(pod),
  };
}

/** A pod the scheduler could place on no node: Pending, with no node, no IP and no containers. */
function unscheduledStatus(pod: KubeObject, previous: Record<string, unknown>, now: Date, nodes: number): Record<string, unknown> {
  const previousConditions = (previous.conditions as Array<{ type: string; status: string; lastTransitionTime: string }>) ?? [];
  const since = previousConditions.find(c => c.type === 'PodScheduled' && c.status === 'False')?.lastTransitionTime ?? timestamp(now);
  return {
    phase: 'Pending',
    conditions: [
      { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: since, reason: 'Unschedulable', message: unschedulableMessage(nodes) },
    ],
    qosClass: qosClass(pod),
  };
}

type Resources = { requests?: Record<string, string>; limits?: Record<string, string> };

/**
 * The QoS class the API server derives from a pod's containers when it is
 * created (and then holds immutable): BestEffort without cpu or memory
 * requests and limits, Guaranteed when every container limits both and
 * requests what it limits, Burstable otherwise.
 */
export function qosClass(pod: KubeObject): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  const spec = (pod.spec ?? {}) as { containers?: Array<{ resources?: Resources }>; initContainers?: Array<{ resources?: Resources }> };
  const all = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].map(c => c.resources ?? {});
  const compute = ['cpu', 'memory'];
  const set = (values: Record<string, string> | undefined) => compute.filter(r => values?.[r] !== undefined);
  if (all.every(r => set(r.requests).length === 0 && set(r.limits).length === 0)) return 'BestEffort';
  const guaranteed = all.every(
    r => set(r.limits).length === 2 && compute.every(name => r.requests?.[name] === undefined || r.requests[name] === r.limits?.[name]),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export function isPodReady(pod: KubeObject): boolean {
  const conditions = ((pod.status as { conditions?: Array<{ type: string; status: string }> })?.conditions ?? []);
  return conditions.some(c => c.type === 'Ready' && c.status === 'True');
}

export function podsOwnedBy(store: ObjectStore, namespace: string, kind: string, name: string): KubeObject[] {
  return store
    .list('pods', namespace)
    .filter(p => (p.metadata.ownerReferences ?? []).some(o => o.kind === kind && o.name === name));
}

/** Nodes a DaemonSet's pods go to (its nodeSelector; tolerations are assumed to allow all taints). */
export function nodesFor(nodes: KubeObject[], template: { spec?: { nodeSelector?: Record<string, string> } }): KubeObject[] {
  const selector = template.spec?.nodeSelector;
  if (!selector) return nodes;
  const matches = labelSelectorFromSpec({ matchLabels: selector });
  return nodes.filter(matches);
}

export function nodeHealthMap(nodes: KubeObject[]): Map<string, NodeHealth> {
  return new Map(nodes.map(n => [n.metadata.name, healthOf(n)]));
}

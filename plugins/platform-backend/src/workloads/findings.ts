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

import {
  WorkloadEvent,
  WorkloadFinding,
  WorkloadPod,
  WorkloadRollout,
} from '@platform-portal/plugin-platform-common';
import { AnyObject, conditionOf } from '../diagnostics/kubeObjects';
import { oomKilled } from '../diagnostics/podProblems';

const ORDER: WorkloadFinding['kind'][] = [
  'rollout-stuck',
  'crash-loop',
  'oom-killed',
  'image-pull',
  'unschedulable',
  'probe-failing',
  'hpa-at-max',
];

const severityRank = (f: WorkloadFinding) => (f.severity === 'error' ? 0 : 1);

function restarts(n: number): string {
  return `${n} restart${n === 1 ? '' : 's'}`;
}

/** What to do about a pod the scheduler cannot place, by what it said. */
function schedulingStep(message: string): string {
  if (/Insufficient (memory|cpu)/i.test(message)) {
    return 'No node has the memory or CPU the pod requests free: lower resources.requests in the chart values if they are more than the service needs, or ask the platform team for capacity.';
  }
  if (/taint/i.test(message)) {
    return 'The nodes carry taints the pod does not tolerate: add the matching tolerations, or ask the platform team which nodes are meant for this workload.';
  }
  if (/affinity|selector/i.test(message)) {
    return "No node matches the pod's nodeSelector or affinity: check the labels it asks for against the cluster's nodes.";
  }
  if (/persistentvolumeclaim|volume/i.test(message)) {
    return 'A volume the pod needs is not bound: look at its PersistentVolumeClaim and the storage class.';
  }
  return "Read the scheduler's reason: it names what every node lacks for this pod.";
}

function podFindings(raw: AnyObject, pod: WorkloadPod): WorkloadFinding[] {
  const found: WorkloadFinding[] = [];
  const object = `Pod/${pod.name}`;
  const scheduled = conditionOf(raw, 'PodScheduled');
  if (
    pod.phase === 'Pending' &&
    scheduled?.status === 'False' &&
    scheduled.reason === 'Unschedulable'
  ) {
    const reason = scheduled.message ?? 'no reason given';
    found.push({
      kind: 'unschedulable',
      severity: 'error',
      object,
      cause: `The scheduler cannot place the pod on any node: ${reason}`,
      nextStep: schedulingStep(reason),
    });
  }
  const killed = oomKilled([raw]).length > 0;
  for (const c of pod.containers) {
    if (c.reason === 'CrashLoopBackOff') {
      const last = c.lastTermination;
      found.push({
        kind: 'crash-loop',
        severity: 'error',
        object,
        container: c.name,
        cause: `Container ${c.name} keeps exiting${
          last ? ` (last exit code ${last.exitCode}, ${last.reason})` : ''
        } and Kubernetes waits longer before each restart: ${restarts(
          c.restarts,
        )}.`,
        nextStep:
          "Read the previous container's last lines: the error it exits with is usually the cause. Check its configuration, secrets and the services it connects to at start.",
      });
    }
    if (killed && c.lastTermination?.reason === 'OOMKilled') {
      found.push({
        kind: 'oom-killed',
        severity: 'error',
        object,
        container: c.name,
        cause: `Container ${
          c.name
        } was killed for using more memory than its limit (${
          c.memoryLimit ?? 'no limit set, so the node ran out'
        }): ${restarts(c.restarts)}.`,
        nextStep:
          'Raise resources.limits.memory above the peak in the chart values, or find what grows (heap size, caches, request bursts) before it is killed again.',
      });
    }
    if (c.reason === 'ImagePullBackOff' || c.reason === 'ErrImagePull') {
      found.push({
        kind: 'image-pull',
        severity: 'error',
        object,
        container: c.name,
        cause: `The node cannot pull image ${c.image}${
          c.message ? `: ${c.message}` : '.'
        }`,
        nextStep:
          'Check the image name and tag in the chart values, and that the namespace has the pull secret for the registry.',
      });
    }
  }
  return found;
}

function probeFindings(events: WorkloadEvent[]): WorkloadFinding[] {
  const seen = new Set<string>();
  const found: WorkloadFinding[] = [];
  for (const e of events) {
    if (e.reason !== 'Unhealthy' || seen.has(e.object)) continue;
    seen.add(e.object);
    const liveness = /^Liveness/i.test(e.message);
    found.push({
      kind: 'probe-failing',
      severity: 'warning',
      object: e.object,
      cause: `${e.message}${e.count > 1 ? ` (${e.count} times)` : ''}`,
      nextStep: liveness
        ? 'Kubernetes restarts the container while its liveness probe fails: check that the probe asks the right port and path, and that its timeout fits how long the service takes to answer.'
        : "The pod gets no traffic while its readiness probe fails: check the probe's port and path, and what the service answers there (a dependency it waits for, a slow start).",
      evidence: [e.message],
    });
  }
  return found;
}

function rolloutFindings(rollouts: WorkloadRollout[]): WorkloadFinding[] {
  const found: WorkloadFinding[] = [];
  for (const r of rollouts) {
    const object = `${r.kind}/${r.name}`;
    if (r.state === 'stuck') {
      found.push({
        kind: 'rollout-stuck',
        severity: 'error',
        object,
        cause: `The rollout has made no progress within its deadline (${r.updated} of ${r.desired} replicas updated, ${r.available} available): ${r.message}`,
        nextStep:
          "The new pods' own findings say why they do not come up: fix that and sync again, or roll back to the last good revision in Argo CD.",
      });
    }
    const hpa = r.autoscaler;
    if (hpa && hpa.maxReplicas > 0 && hpa.currentReplicas >= hpa.maxReplicas) {
      found.push({
        kind: 'hpa-at-max',
        severity: 'warning',
        object: `HorizontalPodAutoscaler/${hpa.name}`,
        cause: `The autoscaler runs ${
          hpa.currentReplicas
        } replicas of ${object}, its maximum${
          hpa.desiredReplicas > hpa.maxReplicas
            ? `, and would run ${hpa.desiredReplicas}`
            : ''
        }: the load may be more than it may scale to.`,
        nextStep:
          'If the load is real, raise maxReplicas (and check the namespace quota); if not, find why each pod handles less than before.',
      });
    }
  }
  return found;
}

/** Every finding on one cluster, in the order a person should look at them. */
export function findingsOf(
  pods: Array<{ raw: AnyObject; pod: WorkloadPod }>,
  rollouts: WorkloadRollout[],
  events: WorkloadEvent[],
): WorkloadFinding[] {
  return [
    ...rolloutFindings(rollouts),
    ...pods.flatMap(p => podFindings(p.raw, p.pod)),
    ...probeFindings(events),
  ].sort(
    (a, b) =>
      severityRank(a) - severityRank(b) ||
      ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) ||
      a.object.localeCompare(b.object),
  );
}

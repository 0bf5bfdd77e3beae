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

// Headroom for the workloads: N+1, pods per node and memory in use.
import {
  SIZING_GUIDE,
  SizingFinding,
  SizingNode,
} from '@platform-portal/plugin-platform-common';
import { SizingInput } from './sizingInput';
import { round, shortfall, usageSeverity } from './sizingSeverity';

/** N+1: without its largest worker, do the remaining ones still fit every request? */
export function nPlusOne(input: SizingInput): SizingFinding | undefined {
  const workers = input.nodes.filter(n => n.role === 'worker');
  if (workers.length === 0) {
    return undefined;
  }
  const largest = workers.reduce((a, b) =>
    b.allocatable.memoryGiB > a.allocatable.memoryGiB ||
    (b.allocatable.memoryGiB === a.allocatable.memoryGiB &&
      b.allocatable.cpu > a.allocatable.cpu)
      ? b
      : a,
  );
  const rest = workers.filter(w => w !== largest);
  const sum = (items: SizingNode[], read: (n: SizingNode) => number) =>
    items.reduce((total, n) => total + read(n), 0);
  const requested = {
    cpu: sum(workers, n => n.requested.cpu),
    memoryGiB: sum(workers, n => n.requested.memoryGiB),
    pods: sum(workers, n => n.requested.pods),
  };
  const left = {
    cpu: sum(rest, n => n.allocatable.cpu),
    memoryGiB: sum(rest, n => n.allocatable.memoryGiB),
    pods: sum(rest, n => n.allocatable.pods),
  };
  const short = (['cpu', 'memoryGiB', 'pods'] as const).filter(
    k => requested[k] > left[k],
  );
  const numbers = {
    workers: workers.length,
    largestWorker: largest.name,
    requestedCpu: round(requested.cpu, 2),
    requestedMemoryGiB: round(requested.memoryGiB),
    requestedPods: requested.pods,
    allocatableCpuWithoutLargest: round(left.cpu, 2),
    allocatableMemoryGiBWithoutLargest: round(left.memoryGiB),
    allocatablePodsWithoutLargest: left.pods,
  };
  if (short.length === 0) {
    return {
      rule: 'workers-n-plus-one',
      title: 'N+1 workers',
      layer: 'hardware',
      severity: 'ok',
      message: `Without ${largest.name}, ${
        rest.length
      } worker(s) still fit the ${round(requested.cpu, 2)} cores and ${round(
        requested.memoryGiB,
      )} GiB requested`,
      numbers,
      recommendation:
        'Production runs 3+ workers so the cluster can lose one and keep every pod (N+1).',
    };
  }
  const perNode = {
    cpu: largest.allocatable.cpu,
    memoryGiB: largest.allocatable.memoryGiB,
    pods: largest.allocatable.pods,
  };
  const add = Math.max(
    1,
    ...short.map(k =>
      Math.ceil((requested[k] - left[k]) / Math.max(perNode[k], 0.001)),
    ),
  );
  const words = { cpu: 'cores', memoryGiB: 'GiB of memory', pods: 'pod slots' };
  return {
    rule: 'workers-n-plus-one',
    title: 'N+1 workers',
    layer: 'hardware',
    severity: shortfall(input),
    message: `Losing ${largest.name} leaves too few ${short
      .map(k => words[k])
      .join(' and ')}: ${short
      .map(
        k => `${round(requested[k], 2)} requested, ${round(left[k], 2)} left`,
      )
      .join('; ')}`,
    numbers,
    recommendation: `Add ${add} worker(s) the size of ${largest.name} (${
      perNode.cpu
    } cores, ${round(
      perNode.memoryGiB,
    )} GiB allocatable) so the cluster survives losing its largest worker.`,
  };
}

/** Pods per node against the kubelet's limit (110 by default). */
export function podsPerNode(input: SizingInput): SizingFinding | undefined {
  if (input.nodes.length === 0) {
    return undefined;
  }
  const fullest = input.nodes.reduce((a, b) =>
    b.requested.pods / Math.max(b.allocatable.pods, 1) >
    a.requested.pods / Math.max(a.allocatable.pods, 1)
      ? b
      : a,
  );
  const share = fullest.requested.pods / Math.max(fullest.allocatable.pods, 1);
  return {
    rule: 'pods-per-node',
    title: 'Pods per node',
    layer: 'hardware',
    severity: share >= 0.9 ? 'warning' : 'ok',
    message: `Fullest node ${fullest.name} runs ${fullest.requested.pods} of ${fullest.allocatable.pods} pods`,
    numbers: {
      fullestNode: fullest.name,
      pods: fullest.requested.pods,
      maxPods: fullest.allocatable.pods,
      podsInCluster: input.pods,
    },
    recommendation: `Kubernetes allows ${SIZING_GUIDE.podsPerNode} pods per node by default; more cores per worker means more pods per node, or add workers.`,
  };
}

/** Memory in use per node from node-exporter: what requests do not show. */
export function memoryUsage(input: SizingInput): SizingFinding | undefined {
  const seen = input.nodes.filter(
    n => n.usage?.memoryUsedPercent !== undefined,
  );
  if (seen.length === 0) {
    return undefined;
  }
  const busiest = seen.reduce((a, b) =>
    b.usage!.memoryUsedPercent! > a.usage!.memoryUsedPercent! ? b : a,
  );
  const used = busiest.usage!.memoryUsedPercent!;
  return {
    rule: 'memory-usage',
    title: 'Memory in use',
    layer: 'hardware',
    severity: usageSeverity(used),
    message: `Busiest node ${busiest.name} uses ${round(used)} % of its memory`,
    numbers: { busiestNode: busiest.name, memoryUsedPercent: round(used) },
    recommendation:
      'Memory is the most common bottleneck: add RAM or workers before nodes reach memory pressure.',
  };
}

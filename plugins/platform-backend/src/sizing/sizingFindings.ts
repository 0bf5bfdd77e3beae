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
  SIZING_GUIDE,
  SizingFinding,
  SizingNode,
  SizingSeverity,
} from '@platform-portal/plugin-platform-common';

export interface SizingInput {
  profile: 'production' | 'minimum';
  nodes: SizingNode[];
  /** Pods scheduled on the cluster's nodes, not finished. */
  pods: number;
  /** Distinct Keepalived hosts; undefined when they could not be seen. */
  loadBalancerHosts?: number;
  /** Why Keepalived could not be read, when it could not. */
  loadBalancerError?: string;
  /** Active series of the cluster in Mimir, when Prometheus answers. */
  activeSeries?: number;
  /** Requests of everything in the monitoring namespace. */
  monitoringRequests: { cpu: number; memoryGiB: number };
}

const round = (value: number, digits = 1) =>
  Math.round(value * 10 ** digits) / 10 ** digits;

type Role = 'control-plane' | 'worker';

/** Falling short of the guide is critical in production, a warning elsewhere. */
function shortfall(input: SizingInput): SizingSeverity {
  return input.profile === 'production' ? 'critical' : 'warning';
}

function usageSeverity(usedPercent: number): SizingSeverity {
  if (usedPercent >= 90) {
    return 'critical';
  }
  return usedPercent >= 80 ? 'warning' : 'ok';
}

const GUIDE = {
  'control-plane': SIZING_GUIDE.controlPlane,
  worker: SIZING_GUIDE.worker,
};

const TITLES: Record<Role, string> = {
  'control-plane': 'Control-plane node size',
  worker: 'Worker node size',
};

/** Control-plane count: etcd needs a majority, so odd counts of 3 or 5. */
function quorum(input: SizingInput): SizingFinding {
  const count = input.nodes.filter(n => n.role === 'control-plane').length;
  const tolerates = count > 0 ? Math.floor((count - 1) / 2) : 0;
  const base = {
    rule: 'control-plane-quorum',
    title: 'Control-plane count for etcd quorum',
    layer: 'provisioning' as const,
    numbers: { controlPlaneNodes: count, failuresTolerated: tolerates },
    recommendation:
      'The guide runs 3 control-plane nodes in production (tolerating 1 failure), or 5 to tolerate 2; never an even number.',
  };
  if (count === 0) {
    return {
      ...base,
      severity: 'critical',
      message: 'No control-plane node is visible in the cluster',
    };
  }
  let severity: SizingSeverity = 'ok';
  let message = `${count} control-plane nodes tolerate ${tolerates} failure(s)`;
  if (count % 2 === 0) {
    severity = 'warning';
    message = `${count} control-plane nodes: an even count tolerates ${tolerates} failure(s), no more than ${
      count - 1
    } would`;
  } else if (count < 3) {
    severity = input.profile === 'production' ? 'critical' : 'info';
    message = `1 control-plane node: no HA, losing it stops every change to the cluster`;
  }
  return {
    ...base,
    severity,
    message,
    recommendation:
      severity === 'ok'
        ? base.recommendation
        : `Add ${count < 3 ? 3 - count : 1} control-plane node(s) to reach ${
            count < 3 ? 3 : count + 1
          }. ${base.recommendation}`,
  };
}

/** Node count per role: production has 3 control planes and 3+ workers (N+1). */
function workerCount(input: SizingInput): SizingFinding {
  const workers = input.nodes.filter(n => n.role === 'worker').length;
  const need = SIZING_GUIDE.worker[input.profile].nodes;
  const short = workers < need;
  return {
    rule: 'worker-count',
    title: 'Worker count',
    layer: 'provisioning',
    severity: short ? shortfall(input) : 'ok',
    message: `${workers} worker node(s); the guide's ${
      input.profile
    } column has ${need === 1 ? 'at least 1' : `${need}+`}`,
    numbers: { workers, recommended: need },
    recommendation: short
      ? `Add ${
          need - workers
        } worker node(s): production runs 3+ workers so one can fail or be drained.`
      : 'Keep at least one spare worker so one can fail or be drained (N+1).',
  };
}

/** CPU, RAM and disk of each node against the role's minimum and production values. */
function nodeSize(input: SizingInput, role: Role): SizingFinding | undefined {
  const nodes = input.nodes.filter(n => n.role === role);
  if (nodes.length === 0) {
    return undefined;
  }
  const { minimum, production } = GUIDE[role];
  const belowMinimum: string[] = [];
  const belowProduction: string[] = [];
  for (const node of nodes) {
    const { cpu, memoryGiB, diskGiB } = node.capacity;
    const shape = `${node.name}: ${cpu} cores, ${round(
      memoryGiB,
    )} GiB RAM, ${round(diskGiB, 0)} GiB disk`;
    if (
      cpu < minimum.cpu ||
      memoryGiB < minimum.memoryGiB - 0.5 ||
      diskGiB < minimum.diskGiB * 0.9
    ) {
      belowMinimum.push(shape);
    } else if (
      cpu < production.cpu ||
      memoryGiB < production.memoryGiB - 0.5 ||
      diskGiB < production.diskGiB * 0.9
    ) {
      belowProduction.push(shape);
    }
  }
  const largest = nodes.reduce((a, b) =>
    b.capacity.memoryGiB > a.capacity.memoryGiB ? b : a,
  );
  const smallest = nodes.reduce((a, b) =>
    b.capacity.memoryGiB < a.capacity.memoryGiB ? b : a,
  );
  let severity: SizingSeverity = 'ok';
  let message = `${nodes.length} ${role} node(s) meet the ${input.profile} sizing`;
  if (belowMinimum.length) {
    severity = 'critical';
    message = `Below the guide's minimum: ${belowMinimum.join('; ')}`;
  } else if (belowProduction.length && input.profile === 'production') {
    severity = 'warning';
    message = `Below the production values: ${belowProduction.join('; ')}`;
  } else if (belowProduction.length) {
    severity = 'info';
    message = `Meet the minimum but not the production values: ${belowProduction.join(
      '; ',
    )}`;
  }
  return {
    rule: `${role}-size`,
    title: TITLES[role],
    layer: 'hardware',
    severity,
    message,
    numbers: {
      nodes: nodes.length,
      smallestCpu: smallest.capacity.cpu,
      smallestMemoryGiB: round(smallest.capacity.memoryGiB),
      largestMemoryGiB: round(largest.capacity.memoryGiB),
      smallestDiskGiB: Math.min(
        ...nodes.map(n => round(n.capacity.diskGiB, 0)),
      ),
    },
    recommendation: `Minimum ${minimum.cpu} cores, ${
      minimum.memoryGiB
    } GB RAM, ${minimum.diskGiB} GB disk; production ${
      production.cpu
    }+ cores, ${production.memoryGiB}+ GB RAM, ${production.diskGiB}+ GB ${
      role === 'control-plane' ? 'NVMe (etcd on a dedicated disk)' : 'OS disk'
    }.`,
  };
}

/** Raw disk for Longhorn on workers, from node-exporter. */
function rawDisk(input: SizingInput): SizingFinding | undefined {
  const workers = input.nodes.filter(n => n.role === 'worker');
  const seen = workers.filter(n => n.usage?.rawDiskGiB !== undefined);
  if (seen.length === 0) {
    return undefined;
  }
  const { minimum, production } = SIZING_GUIDE.worker;
  const missing = workers.filter(n => n.usage?.rawDiskGiB === undefined);
  const small = seen.filter(n => n.usage!.rawDiskGiB! < minimum.rawDiskGiB);
  const belowProduction = seen.filter(
    n => n.usage!.rawDiskGiB! < production.rawDiskGiB,
  );
  let severity: SizingSeverity = 'ok';
  if (small.length || missing.length) {
    severity = 'critical';
  } else if (belowProduction.length) {
    severity = input.profile === 'production' ? 'warning' : 'info';
  }
  const smallest = Math.min(...seen.map(n => n.usage!.rawDiskGiB!));
  return {
    rule: 'worker-raw-disk',
    title: 'Raw disk for Longhorn',
    layer: 'hardware',
    severity,
    message: missing.length
      ? `No Longhorn disk reported on ${missing.map(n => n.name).join(', ')}`
      : `Smallest Longhorn disk ${round(smallest, 0)} GiB on ${
          seen.length
        } worker(s)`,
    numbers: {
      workersWithDisk: seen.length,
      workers: workers.length,
      smallestRawDiskGiB: round(smallest, 0),
    },
    recommendation:
      'Minimum 500 GB raw per worker; production 2–10 TB raw per worker for Longhorn.',
  };
}

/** N+1: without its largest worker, do the remaining ones still fit every request? */
function nPlusOne(input: SizingInput): SizingFinding | undefined {
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
function podsPerNode(input: SizingInput): SizingFinding | undefined {
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

/** The HAProxy + Keepalived pair in front of the cluster. */
function loadBalancerPair(input: SizingInput): SizingFinding {
  const hosts = input.loadBalancerHosts;
  const base = {
    rule: 'load-balancer-pair',
    title: 'Load-balancer pair',
    layer: 'external-lb' as const,
    recommendation:
      'Production runs 2 HAProxy + Keepalived nodes (4 cores, 8 GB each) so the VIP fails over; a single one is a single point of failure.',
  };
  if (hosts === undefined) {
    return {
      ...base,
      severity: 'info',
      message: input.loadBalancerError
        ? `Keepalived state could not be read (${input.loadBalancerError}); the load-balancer nodes are not known`
        : 'Keepalived state could not be read; the load-balancer nodes are not known',
      numbers: {},
    };
  }
  const short = hosts < SIZING_GUIDE.loadBalancer.production.nodes;
  return {
    ...base,
    severity: short ? shortfall(input) : 'ok',
    message: `${hosts} Keepalived node(s) hold the VIP`,
    numbers: { loadBalancerNodes: hosts },
    recommendation: short
      ? `Add ${2 - hosts} load-balancer node(s). ${base.recommendation}`
      : base.recommendation,
  };
}

/** The observability stack's needs: the rule of thumb and Mimir's RAM per series. */
function observability(input: SizingInput): SizingFinding[] {
  const { ruleOfThumb, mimirGiBPerMillionSeries } = SIZING_GUIDE.observability;
  const nodes = input.nodes.length;
  const large = nodes >= ruleOfThumb.nodes || input.pods >= ruleOfThumb.pods;
  const requests = input.monitoringRequests;
  const findings: SizingFinding[] = [
    {
      rule: 'observability-stack',
      title: 'Observability stack size',
      layer: 'observability',
      severity:
        large &&
        (requests.memoryGiB < ruleOfThumb.memoryGiB ||
          requests.cpu < ruleOfThumb.cpu)
          ? 'warning'
          : 'ok',
      message: `${nodes} nodes and ${
        input.pods
      } pods; the monitoring namespace requests ${round(
        requests.cpu,
        2,
      )} cores and ${round(requests.memoryGiB)} GiB`,
      numbers: {
        nodes,
        pods: input.pods,
        monitoringCpu: round(requests.cpu, 2),
        monitoringMemoryGiB: round(requests.memoryGiB),
      },
      recommendation: `Rule of thumb: a ${
        ruleOfThumb.nodes
      }-node cluster with ${ruleOfThumb.pods.toLocaleString('en')} pods needs ${
        ruleOfThumb.memoryGiB
      } GB RAM and ${ruleOfThumb.cpu} cores for the stack${
        large ? '' : '; this cluster is below that size'
      }.`,
    },
  ];
  if (input.activeSeries !== undefined) {
    const needGiB = (input.activeSeries / 1e6) * mimirGiBPerMillionSeries;
    findings.push({
      rule: 'mimir-memory',
      title: 'Mimir memory for active series',
      layer: 'observability',
      severity: 'info',
      message: `${input.activeSeries.toLocaleString(
        'en',
      )} active series need about ${round(needGiB, 2)} GiB of Mimir memory`,
      numbers: {
        activeSeries: input.activeSeries,
        mimirMemoryGiB: round(needGiB, 2),
      },
      recommendation: `Mimir needs ${mimirGiBPerMillionSeries} GB RAM per million active series, 2 cores and 100 GB local disk.`,
    });
  }
  return findings;
}

/** Memory in use per node from node-exporter: what requests do not show. */
function memoryUsage(input: SizingInput): SizingFinding | undefined {
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

/** Every finding of the guide's sizing rules for one cluster. */
export function sizingFindings(input: SizingInput): SizingFinding[] {
  return [
    quorum(input),
    nodeSize(input, 'control-plane'),
    workerCount(input),
    nodeSize(input, 'worker'),
    rawDisk(input),
    nPlusOne(input),
    podsPerNode(input),
    memoryUsage(input),
    loadBalancerPair(input),
    ...observability(input),
  ].filter((f): f is SizingFinding => f !== undefined);
}

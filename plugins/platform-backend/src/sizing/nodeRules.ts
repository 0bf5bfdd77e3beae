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

// The guide's rules for the nodes themselves: how many of each role, and their size.
import {
  SIZING_GUIDE,
  SizingFinding,
  SizingSeverity,
} from '@platform-portal/plugin-platform-common';
import { SizingInput } from './sizingInput';
import { round, shortfall } from './sizingSeverity';

type Role = 'control-plane' | 'worker';

const GUIDE = {
  'control-plane': SIZING_GUIDE.controlPlane,
  worker: SIZING_GUIDE.worker,
};

const TITLES: Record<Role, string> = {
  'control-plane': 'Control-plane node size',
  worker: 'Worker node size',
};

/** Control-plane count: etcd needs a majority, so odd counts of 3 or 5. */
export function quorum(input: SizingInput): SizingFinding {
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
export function workerCount(input: SizingInput): SizingFinding {
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
export function nodeSize(
  input: SizingInput,
  role: Role,
): SizingFinding | undefined {
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
export function rawDisk(input: SizingInput): SizingFinding | undefined {
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

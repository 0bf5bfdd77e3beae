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
import { FaultId, FaultSpec } from '../scenario/types';
import { HEALTHY_NODE, NodeHealth } from './nodes';

/** The faults present on one cluster, with the default target each fault picks. */
export class ClusterFaults {
  constructor(readonly list: readonly FaultSpec[]) {}

  has(id: FaultId): boolean {
    return this.list.some(f => f.id === id);
  }

  /** Targets named for a fault; `[undefined]` when present without a target. */
  targets(id: FaultId): Array<string | undefined> {
    return this.list.filter(f => f.id === id).map(f => f.target);
  }

  /** Whether the fault applies to `name`, using `fallback` when no target was given. */
  hits(id: FaultId, name: string, fallback: string | undefined): boolean {
    return this.targets(id).some(t => (t ?? fallback) === name);
  }

  /** Whether a fault applies to `name`: targeted at it, or untargeted (then it applies to all). */
  appliesTo(id: FaultId, name: string): boolean {
    return this.targets(id).some(t => t === undefined || t === name);
  }

  key(): string {
    return JSON.stringify(this.list);
  }
}

function isControlPlane(name: string, nodes: Array<{ name: string; controlPlane: boolean }>): boolean {
  return nodes.find(n => n.name === name)?.controlPlane ?? false;
}

/**
 * Node health a cluster's faults call for: `node-not-ready` (default: the
 * last worker) stops the kubelet posting status, `control-plane-degraded`
 * does so on the last control-plane node, `node-memory-pressure` (default:
 * the first worker) raises MemoryPressure.
 */
export function faultNodeHealth(
  faults: ClusterFaults,
  name: string,
  nodes: Array<{ name: string; controlPlane: boolean }>,
): NodeHealth {
  const workers = nodes.filter(n => !n.controlPlane).map(n => n.name).sort(byIndex);
  const controlPlane = nodes.filter(n => n.controlPlane).map(n => n.name).sort(byIndex);
  const lastWorker = workers[workers.length - 1];
  const lastControlPlane = controlPlane[controlPlane.length - 1];
  const down =
    faults.hits('node-not-ready', name, lastWorker) ||
    (faults.has('control-plane-degraded') && isControlPlane(name, nodes) && faults.hits('control-plane-degraded', name, lastControlPlane));
  return {
    ready: down ? 'Unknown' : HEALTHY_NODE.ready,
    memoryPressure: faults.hits('node-memory-pressure', name, workers[0]),
  };
}

/** Sorts `x-2` before `x-10`. */
export function byIndex(a: string, b: string): number {
  return a.localeCompare(b, undefined, { numeric: true });
}

export function nodeRoles(nodes: KubeObject[]): Array<{ name: string; controlPlane: boolean }> {
  return nodes.map(n => ({ name: n.metadata.name, controlPlane: 'node-role.kubernetes.io/control-plane' in (n.metadata.labels ?? {}) }));
}

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
  SizingFinding,
  SizingNode,
} from '@platform-portal/plugin-platform-common';
import { isControlPlane, isReady } from '../health/checks/nodeRoles';
import { KubeObject, parseQuantity } from '../health/checks/support';
import { sizingFindings } from './sizingFindings';

const GIB = 1024 ** 3;

interface PodRequests {
  cpu: number;
  memoryGiB: number;
}

/** A pod's requests as the scheduler counts them: its containers, or its largest init container. */
function requestsOf(pod: KubeObject): PodRequests {
  const total = (containers: any[] | undefined) =>
    (containers ?? []).reduce(
      (sum: PodRequests, c) => ({
        cpu: sum.cpu + parseQuantity(c.resources?.requests?.cpu),
        memoryGiB:
          sum.memoryGiB + parseQuantity(c.resources?.requests?.memory) / GIB,
      }),
      { cpu: 0, memoryGiB: 0 },
    );
  const main = total(pod.spec?.containers);
  const init = (pod.spec?.initContainers ?? []).map((c: any) => total([c]));
  return {
    cpu: Math.max(main.cpu, ...init.map((i: PodRequests) => i.cpu)),
    memoryGiB: Math.max(
      main.memoryGiB,
      ...init.map((i: PodRequests) => i.memoryGiB),
    ),
  };
}

function resourcesOf(values: Record<string, string> | undefined) {
  return {
    cpu: parseQuantity(values?.cpu),
    memoryGiB: parseQuantity(values?.memory) / GIB,
    diskGiB: parseQuantity(values?.['ephemeral-storage']) / GIB,
    pods: parseQuantity(values?.pods),
  };
}

export type NodeUsage = NonNullable<SizingNode['usage']>;

/** What the sizing rules read of a cluster: its nodes and pods, and what Prometheus and Keepalived add. */
export interface ClusterSizingInput {
  environment?: string;
  nodes: KubeObject[];
  /** Every pod of the cluster; finished ones are left out here. */
  pods: KubeObject[];
  usage?: Map<string, NodeUsage>;
  loadBalancerHosts?: number;
  /** Why Keepalived could not be read, when it could not. */
  loadBalancerError?: string;
  activeSeries?: number;
}

/**
 * The cluster's nodes as the sizing table sees them (capacity, allocatable,
 * what their pods request) and the guide's findings on them.
 */
export function sizeCluster(input: ClusterSizingInput): {
  profile: 'production' | 'minimum';
  nodes: SizingNode[];
  findings: SizingFinding[];
} {
  const pods = input.pods.filter(
    p => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
  );
  const nodes: SizingNode[] = input.nodes.map(node => {
    const name = node.metadata?.name ?? '';
    const requested = pods
      .filter(p => p.spec?.nodeName === name)
      .map(requestsOf);
    const nodeUsage = input.usage?.get(name);
    return {
      name,
      role: isControlPlane(node) ? 'control-plane' : 'worker',
      ready: isReady(node),
      capacity: resourcesOf(node.status?.capacity),
      allocatable: resourcesOf(node.status?.allocatable),
      requested: {
        cpu: requested.reduce((t, r) => t + r.cpu, 0),
        memoryGiB: requested.reduce((t, r) => t + r.memoryGiB, 0),
        pods: requested.length,
      },
      ...(nodeUsage ? { usage: nodeUsage } : {}),
    };
  });
  const monitoring = pods
    .filter(p => p.metadata?.namespace === 'monitoring')
    .map(requestsOf);
  const profile = input.environment === 'production' ? 'production' : 'minimum';
  return {
    profile,
    nodes,
    findings: sizingFindings({
      profile,
      nodes,
      pods: pods.filter(p => p.spec?.nodeName).length,
      loadBalancerHosts: input.loadBalancerHosts,
      loadBalancerError: input.loadBalancerError,
      activeSeries: input.activeSeries,
      monitoringRequests: {
        cpu: monitoring.reduce((t, r) => t + r.cpu, 0),
        memoryGiB: monitoring.reduce((t, r) => t + r.memoryGiB, 0),
      },
    }),
  };
}

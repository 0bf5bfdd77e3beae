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

import { ServiceUnavailableError } from '@backstage/errors';
import {
  SizingNode,
  SizingResponse,
} from '@platform-portal/plugin-platform-common';
import { UpstreamClients } from '../clients/UpstreamClients';
import { ConfiguredCluster } from '../config/readPlatformConfig';
import { KINDS } from '../health/checks/kinds';
import { isControlPlane, isReady } from '../health/checks/provisioning';
import { KubeObject, parseQuantity } from '../health/checks/support';
import { sizingFindings } from './sizingFindings';

const GIB = 1024 ** 3;
const LONGHORN_MOUNT = '/var/lib/longhorn';

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

type NodeUsage = NonNullable<SizingNode['usage']>;

/**
 * Compares a cluster's nodes with the guide's sizing: capacity and
 * allocatable from the Kubernetes API, requests from its pods, usage from
 * node-exporter through Prometheus when it answers.
 */
export class SizingAdvisor {
  constructor(private readonly clients: UpstreamClients) {}

  async advise(cluster: ConfiguredCluster): Promise<SizingResponse> {
    const kubernetes = this.clients.kubernetes(cluster.name)!;
    let nodes: KubeObject[];
    let pods: KubeObject[];
    let observedAt: string;
    try {
      const [nodeList, podList] = await Promise.all([
        kubernetes.list<KubeObject>(...KINDS.node),
        kubernetes.list<KubeObject>(...KINDS.pod),
      ]);
      nodes = nodeList.items;
      pods = podList.items.filter(
        p => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
      );
      observedAt = nodeList.observedAt;
    } catch (error) {
      throw new ServiceUnavailableError(
        `Cannot size cluster ${cluster.name}: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
    const [usage, loadBalancerHosts, activeSeries] = await Promise.all([
      this.usage(cluster.name),
      this.loadBalancerHosts(cluster.name),
      this.activeSeries(cluster.name),
    ]);
    const sizingNodes: SizingNode[] = nodes.map(node => {
      const name = node.metadata?.name ?? '';
      const onNode = pods.filter(p => p.spec?.nodeName === name);
      const requested = onNode.map(requestsOf);
      const nodeUsage = usage.byNode.get(name);
      return {
        name,
        role: isControlPlane(node) ? 'control-plane' : 'worker',
        ready: isReady(node),
        capacity: resourcesOf(node.status?.capacity),
        allocatable: resourcesOf(node.status?.allocatable),
        requested: {
          cpu: requested.reduce((t, r) => t + r.cpu, 0),
          memoryGiB: requested.reduce((t, r) => t + r.memoryGiB, 0),
          pods: onNode.length,
        },
        ...(nodeUsage ? { usage: nodeUsage } : {}),
      };
    });
    const monitoring = pods
      .filter(p => p.metadata?.namespace === 'monitoring')
      .map(requestsOf);
    const profile =
      cluster.environment === 'production' ? 'production' : 'minimum';
    return {
      cluster: cluster.name,
      profile,
      observedAt,
      nodes: sizingNodes,
      findings: sizingFindings({
        profile,
        nodes: sizingNodes,
        pods: pods.filter(p => p.spec?.nodeName).length,
        loadBalancerHosts,
        activeSeries,
        monitoringRequests: {
          cpu: monitoring.reduce((t, r) => t + r.cpu, 0),
          memoryGiB: monitoring.reduce((t, r) => t + r.memoryGiB, 0),
        },
      }),
      ...(usage.error ? { usageError: usage.error } : {}),
    };
  }

  /** Memory and disk in use per node, from node-exporter series. */
  private async usage(
    cluster: string,
  ): Promise<{ byNode: Map<string, NodeUsage>; error?: string }> {
    const byNode = new Map<string, NodeUsage>();
    const prometheus = this.clients.prometheus();
    if (!prometheus) {
      return {
        byNode,
        error:
          'Prometheus is not configured; set platform.upstreams.prometheus.url',
      };
    }
    const selector = `cluster="${cluster}",job="node-exporter"`;
    try {
      const [total, available, size, free] = await Promise.all([
        prometheus.query(`node_memory_MemTotal_bytes{${selector}}`),
        prometheus.query(`node_memory_MemAvailable_bytes{${selector}}`),
        prometheus.query(`node_filesystem_size_bytes{${selector}}`),
        prometheus.query(`node_filesystem_avail_bytes{${selector}}`),
      ]);
      const value = (
        samples: typeof total.data,
        node: string,
        mountpoint?: string,
      ) => {
        const found = samples.find(
          s =>
            s.metric.node === node &&
            (mountpoint === undefined || s.metric.mountpoint === mountpoint),
        );
        return found ? Number(found.value[1]) : undefined;
      };
      const names = new Set(total.data.map(s => s.metric.node).filter(Boolean));
      for (const node of names) {
        const memTotal = value(total.data, node);
        const memAvailable = value(available.data, node);
        const rootSize = value(size.data, node, '/');
        const rootFree = value(free.data, node, '/');
        const raw = value(size.data, node, LONGHORN_MOUNT);
        byNode.set(node, {
          ...(memTotal && memAvailable !== undefined
            ? {
                memoryUsedPercent: (100 * (memTotal - memAvailable)) / memTotal,
              }
            : {}),
          ...(rootSize && rootFree !== undefined
            ? { rootDiskUsedPercent: (100 * (rootSize - rootFree)) / rootSize }
            : {}),
          ...(raw !== undefined ? { rawDiskGiB: raw / GIB } : {}),
        });
      }
      return { byNode };
    } catch (error) {
      return {
        byNode,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  }

  private async loadBalancerHosts(
    cluster: string,
  ): Promise<number | undefined> {
    const keepalived = this.clients.keepalived(cluster);
    if (!keepalived) {
      return undefined;
    }
    try {
      const { data } = await keepalived.nodes();
      return new Set(data.map(n => n.host)).size;
    } catch {
      return undefined;
    }
  }

  private async activeSeries(cluster: string): Promise<number | undefined> {
    const prometheus = this.clients.prometheus();
    if (!prometheus) {
      return undefined;
    }
    try {
      const { data } = await prometheus.query(`count({cluster="${cluster}"})`);
      return data.length ? Number(data[0].value[1]) : 0;
    } catch {
      return undefined;
    }
  }
}

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
import { SizingResponse } from '@platform-portal/plugin-platform-common';
import { UpstreamClients } from '../clients/UpstreamClients';
import { ConfiguredCluster } from '../config/readPlatformConfig';
import { KINDS } from '../health/checks/kinds';
import { KubeObject } from '../health/checks/support';
import { NodeUsage, sizeCluster } from './sizeCluster';

const GIB = 1024 ** 3;
const LONGHORN_MOUNT = '/var/lib/longhorn';

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
      pods = podList.items;
      observedAt = nodeList.observedAt;
    } catch (error) {
      throw new ServiceUnavailableError(
        `Cannot size cluster ${cluster.name}: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
    const [usage, loadBalancer, activeSeries] = await Promise.all([
      this.usage(cluster.name),
      this.loadBalancerHosts(cluster.name),
      this.activeSeries(cluster.name),
    ]);
    const sized = sizeCluster({
      environment: cluster.environment,
      nodes,
      pods,
      usage: usage.byNode,
      loadBalancerHosts: loadBalancer.hosts,
      loadBalancerError: loadBalancer.error,
      activeSeries,
    });
    return {
      cluster: cluster.name,
      profile: sized.profile,
      observedAt,
      nodes: sized.nodes,
      findings: sized.findings,
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

  /** Distinct Keepalived hosts, or why they could not be read. */
  private async loadBalancerHosts(
    cluster: string,
  ): Promise<{ hosts?: number; error?: string }> {
    const keepalived = this.clients.keepalived(cluster);
    if (!keepalived) {
      return {};
    }
    try {
      const { data } = await keepalived.nodes();
      return { hosts: new Set(data.map(n => n.host)).size };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
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

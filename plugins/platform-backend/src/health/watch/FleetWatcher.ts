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

import { LoggerService } from '@backstage/backend-plugin-api';
import { KubernetesObjectLike } from '@platform-portal/plugin-platform-node';
import { UpstreamClients } from '../../clients/UpstreamClients';
import { ConfiguredCluster } from '../../config/readPlatformConfig';
import { WatchSettings } from '../../config/readWatchSettings';
import { KINDS } from '../checks/kinds';
import { Informer, InformerStats } from './Informer';

/**
 * The kinds behind the layers that fail most, in the order the per-cluster
 * budget gives them a watch: nodes (hardware, provisioning), the platform's
 * DaemonSets and Deployments (networking, internal LB, identity, gitops,
 * observability), Certificates (security), Gateways and HTTPRoutes (ingress),
 * Longhorn volumes (storage); Cluster API objects on management clusters.
 */
export const WATCHED_KINDS: ReadonlyArray<readonly [string, string]> = [
  KINDS.node,
  KINDS.daemonSet,
  KINDS.deployment,
  KINDS.certificate,
  KINDS.gateway,
  KINDS.httpRoute,
  KINDS.longhornVolume,
];

export const MANAGEMENT_WATCHED_KINDS: ReadonlyArray<
  readonly [string, string]
> = [KINDS.capiCluster, KINDS.machineDeployment, KINDS.kubeadmControlPlane];

export const kindKey = (apiVersion: string, kind: string) =>
  `${apiVersion}/${kind}`;

/**
 * Informers for every cluster's watched kinds, within the budget of watch
 * connections per cluster and overall (clusters in configuration order; a
 * kind beyond the budget is left to the poll). Each change is reported with
 * its cluster and kind.
 */
export class FleetWatcher {
  private readonly informers = new Map<string, Map<string, Informer>>();

  constructor(
    private readonly options: {
      clusters: ConfiguredCluster[];
      clients: UpstreamClients;
      settings: WatchSettings;
      logger: LoggerService;
      onChange: (cluster: string, kind: string) => void;
    },
  ) {}

  start(): void {
    const { clusters, clients, settings, logger } = this.options;
    let remaining = settings.maxConnections;
    let skipped = 0;
    for (const cluster of clusters) {
      const client = clients.kubernetesForWatches(cluster.name);
      if (!client) continue;
      const kinds = [
        ...WATCHED_KINDS,
        ...(cluster.management ? MANAGEMENT_WATCHED_KINDS : []),
      ];
      const granted = kinds.slice(
        0,
        Math.min(settings.maxConnectionsPerCluster, remaining),
      );
      skipped += kinds.length - granted.length;
      remaining -= granted.length;
      const own = new Map<string, Informer>();
      for (const [apiVersion, kind] of granted) {
        const key = kindKey(apiVersion, kind);
        const informer = new Informer(
          apiVersion,
          kind,
          client,
          {
            idleTimeoutMs: settings.idleTimeoutSeconds * 1000,
            watchTimeoutSeconds: settings.watchTimeoutSeconds,
            initialBackoffMs: 500,
            maxBackoffMs: settings.maxBackoffSeconds * 1000,
            notServedRetryMs: settings.notServedRetrySeconds * 1000,
          },
          () => this.options.onChange(cluster.name, key),
        );
        own.set(key, informer);
        informer.start();
      }
      this.informers.set(cluster.name, own);
    }
    const left =
      skipped > 0
        ? ` (${skipped} left to the poll by platform.health.watch.maxConnections or maxConnectionsPerCluster)`
        : '';
    logger.info(
      `Platform health watches ${
        settings.maxConnections - remaining
      } kinds across ${clusters.length} clusters${left}`,
    );
  }

  /** A watched kind's objects, while its watch is open; undefined otherwise. */
  cached(
    cluster: string,
    apiVersion: string,
    kind: string,
  ): KubernetesObjectLike[] | undefined {
    return this.informers.get(cluster)?.get(kindKey(apiVersion, kind))?.items();
  }

  /** Watch streams open right now, and what the informers did so far. */
  status(): { connections: number; stats: InformerStats } {
    const stats: InformerStats = {
      lists: 0,
      watches: 0,
      relists: 0,
      reconnects: 0,
    };
    let connections = 0;
    for (const own of this.informers.values()) {
      for (const informer of own.values()) {
        if (informer.connected) connections++;
        stats.lists += informer.stats.lists;
        stats.watches += informer.stats.watches;
        stats.relists += informer.stats.relists;
        stats.reconnects += informer.stats.reconnects;
      }
    }
    return { connections, stats };
  }

  async stop(): Promise<void> {
    await Promise.all(
      [...this.informers.values()].flatMap(own =>
        [...own.values()].map(i => i.stop()),
      ),
    );
    this.informers.clear();
  }
}

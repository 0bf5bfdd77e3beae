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
  ClusterApiStatus,
  ClusterDetailResponse,
  ClusterNode,
  ClustersResponse,
  ClusterSummary,
} from '@platform-portal/plugin-platform-common';
import express from 'express';
import { UpstreamClients } from '../clients/UpstreamClients';
import { ConfiguredCluster } from '../config/readPlatformConfig';
import { HealthReadModel } from '../health/HealthReadModel';
import { KINDS } from '../health/checks/kinds';
import { conditionOf, KubeObject } from '../health/checks/support';
import { PlatformApiRouter } from './PlatformApiRouter';
import { clusterParam } from './validation';

function summaryOf(
  cluster: ConfiguredCluster,
): Omit<ClusterSummary, 'verdict'> {
  return {
    name: cluster.name,
    provisioner: cluster.provisioner,
    ...(cluster.environment ? { environment: cluster.environment } : {}),
    ...(cluster.region ? { region: cluster.region } : {}),
    management: cluster.management,
    ...(cluster.managementCluster
      ? { managementCluster: cluster.managementCluster }
      : {}),
  };
}

function nodeOf(node: KubeObject): ClusterNode {
  const labels = node.metadata?.labels ?? {};
  return {
    name: node.metadata?.name ?? '',
    roles: Object.keys(labels)
      .filter(l => l.startsWith('node-role.kubernetes.io/'))
      .map(l => l.slice('node-role.kubernetes.io/'.length)),
    ready: conditionOf(node, 'Ready')?.status === 'True',
    kubeletVersion: node.status?.nodeInfo?.kubeletVersion,
    capacity: {
      cpu: node.status?.capacity?.cpu,
      memory: node.status?.capacity?.memory,
      pods: node.status?.capacity?.pods,
    },
  };
}

/** The Cluster API view of a workload cluster, from its management cluster. */
async function clusterApiStatus(
  clients: UpstreamClients,
  cluster: ConfiguredCluster,
): Promise<ClusterApiStatus | undefined> {
  const management = cluster.managementCluster
    ? clients.kubernetes(cluster.managementCluster)
    : undefined;
  if (cluster.provisioner !== 'cluster-api' || !management) {
    return undefined;
  }
  const belongs = (o: KubeObject) =>
    o.metadata?.labels?.['cluster.x-k8s.io/cluster-name'] === cluster.name;
  const [clusters, controlPlanes, machineDeployments] = await Promise.all([
    management.list<KubeObject>(...KINDS.capiCluster),
    management.list<KubeObject>(...KINDS.kubeadmControlPlane),
    management.list<KubeObject>(...KINDS.machineDeployment),
  ]);
  const capi = clusters.items.find(c => c.metadata?.name === cluster.name);
  if (!capi) {
    return undefined;
  }
  const kcp = controlPlanes.items.filter(belongs);
  const mds = machineDeployments.items.filter(belongs);
  const sum = (
    items: KubeObject[],
    read: (o: KubeObject) => number | undefined,
  ) => items.reduce((total, o) => total + (read(o) ?? 0), 0);
  return {
    ...(capi.status?.phase ? { phase: capi.status.phase } : {}),
    ...(kcp[0]?.status?.version ? { version: kcp[0].status.version } : {}),
    controlPlane: {
      desired: sum(kcp, o => o.spec?.replicas),
      ready: sum(kcp, o => o.status?.readyReplicas),
    },
    workers: {
      desired: sum(mds, o => o.spec?.replicas),
      available: sum(mds, o => o.status?.availableReplicas),
    },
  };
}

/** GET /clusters and GET /clusters/:cluster (the latter reads nodes live). */
export function clusterRoutes(
  router: PlatformApiRouter,
  options: {
    clusters: ConfiguredCluster[];
    health: HealthReadModel;
    clients: UpstreamClients;
    guard: (req: express.Request) => Promise<void>;
  },
): void {
  const { clusters, health, clients, guard } = options;

  router.get('/clusters', async (req, res) => {
    await guard(req);
    const fleet = await health.fleet();
    const body: ClustersResponse = {
      clusters: clusters.map(c => ({
        ...summaryOf(c),
        verdict:
          fleet.clusters.find(f => f.cluster === c.name)?.verdict ?? 'unknown',
      })),
    };
    res.json(body);
  });

  router.get('/clusters/:cluster', async (req, res) => {
    await guard(req);
    const name = clusterParam(req);
    const cluster = health.requireCluster(name);
    const verdict = await health.verdictOf(name);
    const body: ClusterDetailResponse = {
      ...summaryOf(cluster),
      verdict,
      kubernetesVersions: [],
      nodes: [],
    };
    try {
      const { items } = await clients
        .kubernetes(name)!
        .list<KubeObject>('v1', 'Node');
      body.nodes = items.map(nodeOf);
      body.kubernetesVersions = [
        ...new Set(
          body.nodes
            .map(n => n.kubeletVersion)
            .filter((v): v is string => Boolean(v)),
        ),
      ].sort();
      const capi = await clusterApiStatus(clients, cluster);
      if (capi) {
        body.clusterApi = capi;
      }
    } catch (error) {
      body.liveError = error instanceof Error ? error.message : String(error);
    }
    res.json(body);
  });
}

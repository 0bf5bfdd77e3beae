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
  ClusterDetailResponse,
  ClusterNode,
  ClustersResponse,
  ClusterSummary,
} from '@platform-portal/plugin-platform-common';
import express from 'express';
import { UpstreamClients } from '../clients/UpstreamClients';
import { ConfiguredCluster } from '../config/readPlatformConfig';
import { HealthReadModel } from '../health/HealthReadModel';
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
    } catch (error) {
      body.liveError = error instanceof Error ? error.message : String(error);
    }
    res.json(body);
  });
}

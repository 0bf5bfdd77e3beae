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
import { UpstreamClients } from '../clients/UpstreamClients';
import { ConfiguredCluster } from '../config/readPlatformConfig';
import { KINDS } from '../health/checks/kinds';
import { KubeObject } from '../health/checks/support';
import { ApiRemoval, apiVersionOf } from './deprecations';

const POLICY_V1: [string, string] = ['policy/v1', 'PodDisruptionBudget'];
const CLUSTER_NAME_LABEL = 'cluster.x-k8s.io/cluster-name';

/** Objects of a removed API version, as the cluster serves them now. */
export interface LegacyApiUse {
  removal: ApiRemoval;
  /** Whether discovery still lists the version (it cannot hold objects otherwise). */
  served: boolean;
  objects: KubeObject[];
}

/** The Cluster API objects that declare a workload cluster's versions. */
export interface ClusterApiFacts {
  management: string;
  controlPlanes: KubeObject[];
  machineDeployments: KubeObject[];
}

/** Everything the planner reads from a cluster, read once. */
export interface UpgradeFacts {
  observedAt: string;
  /** `gitVersion` of the API server that answered. */
  apiServerVersion?: string;
  nodes: KubeObject[];
  pods: KubeObject[];
  disruptionBudgets: KubeObject[];
  workloads: KubeObject[];
  legacy: LegacyApiUse[];
  clusterApi?: ClusterApiFacts;
  /** The system-upgrade-controller Plan kind, when the cluster serves it. */
  servesUpgradePlans: boolean;
}

function unavailable(cluster: string, error: unknown): ServiceUnavailableError {
  return new ServiceUnavailableError(
    `Cannot plan an upgrade of cluster ${cluster}: ${
      error instanceof Error ? error.message : String(error)
    }`,
  );
}

/** Reads the cluster (and, for Cluster API clusters, its management cluster) for the planner. */
export async function readUpgradeFacts(
  clients: UpstreamClients,
  cluster: ConfiguredCluster,
  removals: ApiRemoval[],
  readPath: (path: string) => Promise<unknown>,
): Promise<UpgradeFacts> {
  const kubernetes = clients.kubernetes(cluster.name)!;
  try {
    const [version, nodes, pods, budgets, deployments, daemonSets, plans] =
      await Promise.all([
        readPath('/version') as Promise<{ gitVersion?: string } | undefined>,
        kubernetes.list<KubeObject>(...KINDS.node),
        kubernetes.list<KubeObject>(...KINDS.pod),
        kubernetes.list<KubeObject>(...POLICY_V1),
        kubernetes.list<KubeObject>(...KINDS.deployment),
        kubernetes.list<KubeObject>(...KINDS.daemonSet),
        readPath('/apis/upgrade.cattle.io/v1'),
      ]);
    const served = new Map<string, boolean>();
    for (const removal of removals) {
      const apiVersion = apiVersionOf(removal);
      if (!served.has(apiVersion)) {
        const path = removal.group
          ? `/apis/${apiVersion}`
          : `/api/${apiVersion}`;
        served.set(apiVersion, (await readPath(path)) !== undefined);
      }
    }
    const legacy: LegacyApiUse[] = [];
    for (const removal of removals) {
      const isServed = served.get(apiVersionOf(removal))!;
      const objects = isServed
        ? (
            await kubernetes.list<KubeObject>(
              apiVersionOf(removal),
              removal.kind,
            )
          ).items
        : [];
      legacy.push({ removal, served: isServed, objects });
    }
    return {
      observedAt: nodes.observedAt,
      apiServerVersion: version?.gitVersion,
      nodes: nodes.items,
      pods: pods.items,
      disruptionBudgets: budgets.items,
      workloads: [...deployments.items, ...daemonSets.items],
      legacy,
      clusterApi: await readClusterApi(clients, cluster),
      servesUpgradePlans: plans !== undefined,
    };
  } catch (error) {
    throw unavailable(cluster.name, error);
  }
}

async function readClusterApi(
  clients: UpstreamClients,
  cluster: ConfiguredCluster,
): Promise<ClusterApiFacts | undefined> {
  const management = cluster.managementCluster;
  if (cluster.provisioner !== 'cluster-api' || !management) return undefined;
  const reader = clients.kubernetes(management);
  if (!reader) return undefined;
  const belongs = (object: KubeObject) =>
    object.metadata?.labels?.[CLUSTER_NAME_LABEL] === cluster.name ||
    (object as { spec?: { clusterName?: string } }).spec?.clusterName ===
      cluster.name;
  const [controlPlanes, machineDeployments] = await Promise.all([
    reader.list<KubeObject>(...KINDS.kubeadmControlPlane),
    reader.list<KubeObject>(...KINDS.machineDeployment),
  ]);
  return {
    management,
    controlPlanes: controlPlanes.items.filter(belongs),
    machineDeployments: machineDeployments.items.filter(belongs),
  };
}

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
  ClusterAccessService,
  ClusterProvisioner,
} from '@platform-portal/plugin-platform-node';
import { KubeObject, listObjects } from './listObjects';

/** What the catalog shows about one cluster. */
export interface ClusterRecord {
  name: string;
  provisioner: ClusterProvisioner;
  environment?: string;
  region?: string;
  management: boolean;
  managementCluster?: string;
  kubernetesVersion?: string;
  controlPlaneCount?: number;
  workerCount?: number;
  phase?: string;
}

const CONTROL_PLANE_ROLE = 'node-role.kubernetes.io/control-plane';

function lowestVersion(
  versions: Array<string | undefined>,
): string | undefined {
  const parse = (v: string) =>
    v.replace(/^v/, '').split(/[.+-]/).slice(0, 3).map(Number);
  return versions
    .filter((v): v is string => Boolean(v))
    .sort((a, b) => {
      const [x, y] = [parse(a), parse(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
    })[0];
}

/** Version and node counts of a cluster from its own nodes. */
async function fromNodes(
  access: ClusterAccessService,
  name: string,
  timeoutMs: number,
): Promise<
  Pick<ClusterRecord, 'kubernetesVersion' | 'controlPlaneCount' | 'workerCount'>
> {
  const nodes = await listObjects(
    access.kubeConfig(name),
    'v1',
    'Node',
    timeoutMs,
  );
  const controlPlanes = nodes.filter(
    n => n.metadata?.labels?.[CONTROL_PLANE_ROLE] !== undefined,
  );
  return {
    kubernetesVersion: lowestVersion(
      nodes.map(n => n.status?.nodeInfo?.kubeletVersion),
    ),
    controlPlaneCount: controlPlanes.length,
    workerCount: nodes.length - controlPlanes.length,
  };
}

/** Workload clusters a Cluster API management cluster declares. */
async function fromManagementCluster(
  access: ClusterAccessService,
  management: string,
  timeoutMs: number,
): Promise<ClusterRecord[]> {
  const kubeConfig = access.kubeConfig(management);
  const [clusters, controlPlanes, machineDeployments] = await Promise.all([
    listObjects(kubeConfig, 'cluster.x-k8s.io/v1beta2', 'Cluster', timeoutMs),
    listObjects(
      kubeConfig,
      'controlplane.cluster.x-k8s.io/v1beta2',
      'KubeadmControlPlane',
      timeoutMs,
    ),
    listObjects(
      kubeConfig,
      'cluster.x-k8s.io/v1beta2',
      'MachineDeployment',
      timeoutMs,
    ),
  ]);
  const belongsTo = (name: string) => (o: KubeObject) =>
    o.metadata?.labels?.['cluster.x-k8s.io/cluster-name'] === name;
  return clusters.map(cluster => {
    const name = cluster.metadata?.name ?? '';
    const controlPlane: KubeObject | undefined = controlPlanes.find(
      cp =>
        cp.metadata?.name === cluster.spec?.controlPlaneRef?.name &&
        cp.metadata?.namespace === cluster.metadata?.namespace,
    );
    const workers = machineDeployments
      .filter(belongsTo(name))
      .reduce((sum, md) => sum + (md.spec?.replicas ?? 0), 0);
    return {
      name,
      provisioner: 'cluster-api' as const,
      environment: cluster.metadata?.labels?.environment,
      region: cluster.metadata?.labels?.region,
      management: false,
      managementCluster: management,
      kubernetesVersion:
        controlPlane?.status?.version ?? controlPlane?.spec?.version,
      controlPlaneCount:
        cluster.status?.controlPlane?.desiredReplicas ??
        controlPlane?.spec?.replicas,
      workerCount: cluster.status?.workers?.desiredReplicas ?? workers,
      phase: cluster.status?.phase,
    };
  });
}

/**
 * The fleet as the catalog shows it: clusters from config, with the workload
 * clusters of each management cluster discovered from its Cluster API
 * objects. A management cluster that cannot be read fails the whole read, so
 * its clusters are never mistaken for deleted ones.
 */
export async function readFleet(
  access: ClusterAccessService,
  options: {
    timeoutMs: number;
    onNodesUnreadable?: (cluster: string, error: Error) => void;
  },
): Promise<ClusterRecord[]> {
  const configured = access.listClusters();
  const records = new Map<string, ClusterRecord>();
  for (const management of configured.filter(c => c.management)) {
    for (const record of await fromManagementCluster(
      access,
      management.name,
      options.timeoutMs,
    )) {
      records.set(record.name, record);
    }
  }
  for (const cluster of configured) {
    const discovered = records.get(cluster.name);
    const base: ClusterRecord = {
      ...discovered,
      name: cluster.name,
      provisioner: cluster.provisioner,
      environment: cluster.environment ?? discovered?.environment,
      region: cluster.region ?? discovered?.region,
      management: cluster.management,
      managementCluster:
        cluster.managementCluster ?? discovered?.managementCluster,
    };
    if (!discovered) {
      try {
        Object.assign(
          base,
          await fromNodes(access, cluster.name, options.timeoutMs),
        );
      } catch (error) {
        options.onNodesUnreadable?.(cluster.name, error as Error);
      }
    }
    records.set(cluster.name, base);
  }
  return [...records.values()].sort((a, b) => a.name.localeCompare(b.name));
}

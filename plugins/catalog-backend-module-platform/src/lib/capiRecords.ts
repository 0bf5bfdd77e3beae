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

import { ClusterProvisioner } from '@platform-portal/plugin-platform-node';
import { KubeObject } from './listPages';

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

/** The list paths of the Cluster API kinds a record is made of. */
export const CAPI_PATHS = {
  clusters: '/apis/cluster.x-k8s.io/v1beta2/clusters',
  controlPlanes:
    '/apis/controlplane.cluster.x-k8s.io/v1beta2/kubeadmcontrolplanes',
  machineDeployments: '/apis/cluster.x-k8s.io/v1beta2/machinedeployments',
};

const CLUSTER_NAME_LABEL = 'cluster.x-k8s.io/cluster-name';

const keyOf = (namespace: string | undefined, name: string | undefined) =>
  `${namespace ?? ''}/${name ?? ''}`;

/**
 * The control planes and machine deployments of a management cluster,
 * indexed once per pass so each Cluster is joined in constant time.
 */
export class CapiIndex {
  private readonly controlPlanes = new Map<string, KubeObject>();
  private readonly workers = new Map<string, number>();

  constructor(controlPlanes: KubeObject[], machineDeployments: KubeObject[]) {
    for (const cp of controlPlanes) {
      this.controlPlanes.set(
        keyOf(cp.metadata?.namespace, cp.metadata?.name),
        cp,
      );
    }
    for (const md of machineDeployments) {
      const cluster = md.metadata?.labels?.[CLUSTER_NAME_LABEL];
      if (!cluster) continue;
      const key = keyOf(md.metadata?.namespace, cluster);
      this.workers.set(
        key,
        (this.workers.get(key) ?? 0) + (md.spec?.replicas ?? 0),
      );
    }
  }

  /** A workload cluster as its management cluster declares it. */
  record(cluster: KubeObject, management: string): ClusterRecord {
    const name = cluster.metadata?.name ?? '';
    const namespace = cluster.metadata?.namespace;
    const controlPlane = this.controlPlanes.get(
      keyOf(namespace, cluster.spec?.controlPlaneRef?.name),
    );
    return {
      name,
      provisioner: 'cluster-api',
      environment: cluster.metadata?.labels?.environment,
      region: cluster.metadata?.labels?.region,
      management: false,
      managementCluster: management,
      kubernetesVersion:
        controlPlane?.status?.version ?? controlPlane?.spec?.version,
      controlPlaneCount:
        cluster.status?.controlPlane?.desiredReplicas ??
        controlPlane?.spec?.replicas,
      workerCount:
        cluster.status?.workers?.desiredReplicas ??
        this.workers.get(keyOf(namespace, name)) ??
        0,
      phase: cluster.status?.phase,
    };
  }
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
export function fromNodes(
  nodes: KubeObject[],
): Pick<
  ClusterRecord,
  'kubernetesVersion' | 'controlPlaneCount' | 'workerCount'
> {
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

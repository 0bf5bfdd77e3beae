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

import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { InputError } from '@backstage/errors';
import { KubernetesObject } from '@kubernetes/client-node';
import { platformClusterProvisionPermission } from '@platform-portal/plugin-platform-common';
import {
  ClusterObjects,
  PlatformCluster,
  requireCluster,
  requireDnsLabel,
  writableClusterObjects,
} from '@platform-portal/plugin-platform-node';
import { authorizePlatformTeam } from '../../auth/selfServiceAuth';
import { PlatformActionOptions } from '../teamAction';

export const CAPI_VERSION = 'cluster.x-k8s.io/v1beta2';
export const KCP_VERSION = 'controlplane.cluster.x-k8s.io/v1beta2';

/** A Cluster API workload cluster as its management cluster declares it. */
export interface ManagedCluster {
  cluster: PlatformCluster;
  management: ClusterObjects;
  namespace: string;
  controlPlane: KubernetesObject & {
    spec?: { replicas?: number; version?: string };
    status?: Record<string, unknown>;
  };
  machineDeployment: KubernetesObject & {
    spec?: { replicas?: number; template?: { spec?: { version?: string } } };
  };
}

/**
 * Only the platform team changes clusters. The workload cluster is chosen by
 * name; its Cluster API objects are read from its management cluster.
 */
export async function openManagedCluster(
  ctx: ActionContext<any, any>,
  options: PlatformActionOptions,
  name: unknown,
): Promise<ManagedCluster> {
  const clusterName = requireDnsLabel('cluster', name);
  const cluster = requireCluster(options.clusters, clusterName, {
    management: false,
  });
  if (cluster.provisioner !== 'cluster-api' || !cluster.managementCluster) {
    throw new InputError(
      `cluster: "${clusterName}" is not managed by Cluster API (provisioner ${cluster.provisioner})`,
    );
  }
  requireCluster(options.clusters, cluster.managementCluster, {
    field: 'cluster (its management cluster)',
    management: true,
  });
  await authorizePlatformTeam(ctx, options, {
    permission: platformClusterProvisionPermission,
  });
  const management = writableClusterObjects(
    options.clusters,
    cluster.managementCluster,
    options.config,
  );
  const namespace = options.config.capiNamespace;
  const capiCluster = (await management.read(
    CAPI_VERSION,
    'Cluster',
    clusterName,
    namespace,
  )) as
    | (KubernetesObject & {
        spec?: { controlPlaneRef?: { kind?: string; name?: string } };
      })
    | undefined;
  if (!capiCluster) {
    throw new InputError(
      `cluster: no Cluster "${clusterName}" in namespace ${namespace} of management cluster ${cluster.managementCluster}`,
    );
  }
  const ref = capiCluster.spec?.controlPlaneRef;
  if (ref?.kind !== 'KubeadmControlPlane' || !ref.name) {
    throw new InputError(
      `cluster: "${clusterName}" has a ${
        ref?.kind ?? 'missing'
      } control plane; only KubeadmControlPlane is supported`,
    );
  }
  const controlPlane = await management.read(
    KCP_VERSION,
    'KubeadmControlPlane',
    ref.name,
    namespace,
  );
  const machineDeployment = await management.read(
    CAPI_VERSION,
    'MachineDeployment',
    `${clusterName}-md-0`,
    namespace,
  );
  if (!controlPlane || !machineDeployment) {
    throw new InputError(
      `cluster: "${clusterName}" is missing its KubeadmControlPlane or MachineDeployment ${clusterName}-md-0`,
    );
  }
  return {
    cluster,
    management,
    namespace,
    controlPlane,
    machineDeployment,
  } as ManagedCluster;
}

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

import { DiagnosticContext } from './RunbookDiagnostic';
import { AnyObject } from './kubeObjects';

export const CAPI_VERSION = 'cluster.x-k8s.io/v1beta1';
export const CLUSTER_NAME_LABEL = 'cluster.x-k8s.io/cluster-name';

/** Whether a MachineDeployment belongs to the workload cluster. */
export function belongsTo(md: AnyObject, cluster: string): boolean {
  return (
    md.spec?.clusterName === cluster ||
    md.metadata?.labels?.[CLUSTER_NAME_LABEL] === cluster
  );
}

/** The workload cluster's MachineDeployments on its management cluster; undefined unless Cluster API. */
export async function machineDeploymentsOf(
  context: Pick<DiagnosticContext, 'cluster' | 'clients' | 'listOn'>,
): Promise<{ management: string; items: AnyObject[] } | undefined> {
  const management = context.clients.cluster(
    context.cluster,
  )?.managementCluster;
  if (!management) return undefined;
  const items = (
    await context.listOn<AnyObject>(
      management,
      CAPI_VERSION,
      'MachineDeployment',
    )
  ).filter(md => belongsTo(md, context.cluster));
  return { management, items };
}

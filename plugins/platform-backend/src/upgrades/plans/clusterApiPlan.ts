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

import { UpgradePlan } from '@platform-portal/plugin-platform-common';
import { KubeObject } from '../../health/checks/support';
import { ClusterApiFacts } from '../readUpgradeFacts';
import { formatMinor, KubeVersion } from '../versions';

/** The version a bump writes: the chosen release, or a placeholder naming the minor. */
export function clusterApiVersion(target: KubeVersion): string {
  return target.patch === undefined
    ? `v${formatMinor(target)}.<patch>`
    : `v${formatMinor(target)}.${target.patch}`;
}

/**
 * Cluster API: the KubeadmControlPlane's version first; once every
 * control-plane machine runs it, each MachineDeployment's template version
 * — the order platform:cluster:upgrade writes them in.
 */
export function clusterApiPlan(
  cluster: string,
  capi: ClusterApiFacts | undefined,
  target: KubeVersion,
): UpgradePlan {
  const version = clusterApiVersion(target);
  const management = capi?.management ?? '<management cluster>';
  const ns = (o: KubeObject) => o.metadata?.namespace ?? 'default';
  const steps: UpgradePlan['steps'] = [];
  for (const kcp of capi?.controlPlanes ?? []) {
    const name = kcp.metadata?.name;
    const from = (kcp.spec as { version?: string })?.version ?? 'unknown';
    steps.push({
      order: steps.length + 1,
      title: `KubeadmControlPlane ${ns(kcp)}/${name}: ${from} → ${version}`,
      detail: `On ${management}. The control plane provider replaces the control-plane machines one at a time; the machine template's image must carry Kubernetes ${formatMinor(
        target,
      )}.`,
      commands: [
        `kubectl --context ${management} -n ${ns(
          kcp,
        )} patch kubeadmcontrolplane ${name} --type merge -p '{"spec":{"version":"${version}"}}'`,
        `kubectl --context ${management} -n ${ns(
          kcp,
        )} wait kubeadmcontrolplane ${name} --for=jsonpath='{.status.version}'=${version} --timeout=60m`,
      ],
    });
  }
  for (const md of capi?.machineDeployments ?? []) {
    const name = md.metadata?.name;
    const from =
      (md.spec as { template?: { spec?: { version?: string } } })?.template
        ?.spec?.version ?? 'unknown';
    steps.push({
      order: steps.length + 1,
      title: `MachineDeployment ${ns(md)}/${name}: ${from} → ${version}`,
      detail:
        'After the control plane is done. New machines join with the new version; old ones are drained (PodDisruptionBudgets honoured) and deleted.',
      commands: [
        `kubectl --context ${management} -n ${ns(
          md,
        )} patch machinedeployment ${name} --type merge -p '{"spec":{"template":{"spec":{"version":"${version}"}}}}'`,
      ],
    });
  }
  return {
    provisioner: 'cluster-api',
    summary: capi
      ? `The control plane, then ${capi.machineDeployments.length} MachineDeployment(s), on ${management}; the template "Upgrade a cluster" (platform:cluster:upgrade) writes the same bumps in this order.`
      : `${cluster} has no Cluster API objects the portal can read.`,
    steps,
  };
}

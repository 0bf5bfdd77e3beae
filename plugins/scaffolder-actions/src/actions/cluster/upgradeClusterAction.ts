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

import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { audited } from '../../auth/selfServiceAuth';
import {
  formatVersion,
  Manifest,
  parseKubernetesVersion,
  requireUpgradeStep,
} from '@platform-portal/plugin-platform-node';
import { waitFor } from '../../kube/waitFor';
import { PlatformActionOptions } from '../teamAction';
import { refuseWhileBlocked } from './refuseWhileBlocked';
import {
  CAPI_VERSION,
  KCP_VERSION,
  openManagedCluster,
} from './managedCluster';
import { examples } from './upgradeClusterAction.examples';

const UPGRADE_MANAGER = 'platform-portal-selfservice-upgrade';

interface ControlPlaneStatus {
  version?: string;
  replicas?: number;
  readyReplicas?: number;
  upToDateReplicas?: number;
}

/**
 * `platform:cluster:upgrade`: the control plane first, then the workers, one
 * minor version at a time. Running it again after an interruption continues
 * where it stopped.
 *
 * @public
 */
export function upgradeClusterAction(options: PlatformActionOptions) {
  const { config } = options;
  return createTemplateAction({
    id: 'platform:cluster:upgrade',
    description:
      'Upgrades the Kubernetes version of a Cluster API workload cluster: the KubeadmControlPlane first, waits until every control-plane machine runs the new version, then the MachineDeployment. One minor version at a time (Kubernetes version skew policy). Refuses, in a dry run too, while the upgrade planner finds blockers (removed APIs still written, add-ons without support for the version, version skew, nodes not Ready, disruption budgets that block drains). Platform team only.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        cluster: z =>
          z.string().describe('Workload cluster name (from the catalog)'),
        version: z =>
          z
            .string()
            .describe(
              'Target version such as v1.34.1; at most one minor version above the current one',
            ),
      },
      output: {
        cluster: z => z.string().describe('Cluster being upgraded'),
        previousVersion: z =>
          z.string().describe('Control-plane version before the upgrade'),
        version: z => z.string().describe('Version asked for'),
      },
    },
    async handler(ctx) {
      const requested = parseKubernetesVersion('version', ctx.input.version);
      const target = await openManagedCluster(ctx, options, ctx.input.cluster);
      const declared = parseKubernetesVersion(
        'version (current control plane)',
        target.controlPlane.spec?.version,
        { allowBuildSuffix: true },
      );
      const version = formatVersion(requested);
      const alreadyDeclared = formatVersion(declared) === version;
      if (!alreadyDeclared) {
        requireUpgradeStep('version', declared, requested);
        await refuseWhileBlocked(options, target.cluster.name, version);
      }
      const dryRun = !!ctx.isDryRun;
      const kcpName = target.controlPlane.metadata!.name!;
      const mdName = target.machineDeployment.metadata!.name!;
      const meta = {
        cluster: target.cluster.name,
        managementCluster: target.management.cluster,
        from: formatVersion(declared),
        to: version,
      };
      await audited(ctx, options, 'cluster-upgrade', meta, async () => {
        await ctx.checkpoint({
          key: `platform.cluster.upgrade.${
            target.cluster.name
          }.${version}.control-plane.${dryRun ? 'dry-run' : 'apply'}`,
          fn: async () => {
            await target.management.applyAs(
              {
                apiVersion: KCP_VERSION,
                kind: 'KubeadmControlPlane',
                metadata: { name: kcpName, namespace: target.namespace },
                spec: { version },
              } as Manifest,
              { dryRun, fieldManager: UPGRADE_MANAGER, force: true },
            );
          },
        });
        ctx.logger.info(
          `${
            dryRun ? 'Would set' : 'Set'
          } KubeadmControlPlane ${kcpName} to ${version}`,
        );
        if (!dryRun) {
          const rolled = await waitFor(
            async () => {
              const kcp = await target.management.read(
                KCP_VERSION,
                'KubeadmControlPlane',
                kcpName,
                target.namespace,
              );
              const status = ((
                kcp as { status?: ControlPlaneStatus } | undefined
              )?.status ?? {}) as ControlPlaneStatus;
              const wanted = (
                kcp as { spec?: { replicas?: number } } | undefined
              )?.spec?.replicas;
              const done =
                status.version?.split('+')[0] === version &&
                status.upToDateReplicas === wanted &&
                status.readyReplicas === wanted &&
                status.replicas === wanted;
              return done ? true : undefined;
            },
            {
              timeoutMs: config.waitTimeoutMs,
              intervalMs: config.pollIntervalMs,
              signal: ctx.signal,
            },
          );
          if (!rolled) {
            throw new Error(
              `The control plane of ${target.cluster.name} is still rolling out to ${version}; workers were not touched. Run the upgrade again to continue once it is done.`,
            );
          }
        }
        await ctx.checkpoint({
          key: `platform.cluster.upgrade.${
            target.cluster.name
          }.${version}.workers.${dryRun ? 'dry-run' : 'apply'}`,
          fn: async () => {
            await target.management.applyAs(
              {
                apiVersion: CAPI_VERSION,
                kind: 'MachineDeployment',
                metadata: { name: mdName, namespace: target.namespace },
                spec: { template: { spec: { version } } },
              } as Manifest,
              { dryRun, fieldManager: UPGRADE_MANAGER, force: true },
            );
          },
        });
        ctx.logger.info(
          `${
            dryRun ? 'Would set' : 'Set'
          } MachineDeployment ${mdName} to ${version}`,
        );
      });
      ctx.output('cluster', target.cluster.name);
      ctx.output('previousVersion', formatVersion(declared));
      ctx.output('version', version);
    },
  });
}

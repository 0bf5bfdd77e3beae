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
  invalid,
  Manifest,
  requireInteger,
  requireOneOf,
} from '@platform-portal/plugin-platform-node';
import { PlatformActionOptions } from '../teamAction';
import { examples } from './scaleClusterAction.examples';
import {
  CAPI_VERSION,
  KCP_VERSION,
  openManagedCluster,
} from './managedCluster';

const POOLS = ['workers', 'control-plane'] as const;
const SCALE_MANAGER = 'platform-portal-selfservice-scale';

/** Control planes run stacked etcd: odd sizes keep quorum, production needs at least 3. */
export function requireControlPlaneReplicas(
  replicas: number,
  environment: string | undefined,
): void {
  if (replicas % 2 === 0)
    invalid(
      'replicas',
      `${replicas} control-plane nodes cannot keep etcd quorum; use an odd number`,
    );
  if (environment === 'production' && replicas < 3)
    invalid(
      'replicas',
      'production clusters need at least 3 control-plane nodes',
    );
}

/** `platform:cluster:scale`: changes worker or control-plane replicas of a Cluster API cluster. */
export function scaleClusterAction(options: PlatformActionOptions) {
  return createTemplateAction({
    id: 'platform:cluster:scale',
    description:
      'Scales the workers (MachineDeployment) or the control plane (KubeadmControlPlane) of a Cluster API workload cluster on its management cluster. Platform team only. Control planes take odd sizes, at least 3 in production; production keeps at least 3 workers.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        cluster: z =>
          z.string().describe('Workload cluster name (from the catalog)'),
        pool: z => z.enum(POOLS).describe('workers or control-plane'),
        replicas: z => z.number().int().describe('New number of nodes'),
      },
      output: {
        cluster: z => z.string().describe('Cluster that was scaled'),
        object: z => z.string().describe('Cluster API object that was changed'),
        previousReplicas: z =>
          z.number().optional().describe('Replicas before the change'),
        replicas: z => z.number().describe('Replicas asked for'),
      },
    },
    async handler(ctx) {
      const pool = requireOneOf('pool', ctx.input.pool, POOLS);
      const replicas = requireInteger(
        'replicas',
        ctx.input.replicas,
        pool === 'workers' ? 0 : 1,
        pool === 'workers' ? 200 : 7,
      );
      const target = await openManagedCluster(ctx, options, ctx.input.cluster);
      const environment = target.cluster.environment;
      if (pool === 'control-plane')
        requireControlPlaneReplicas(replicas, environment);
      if (pool === 'workers' && environment === 'production' && replicas < 3) {
        invalid(
          'replicas',
          'production clusters keep at least 3 workers (N+1)',
        );
      }
      const object =
        pool === 'workers' ? target.machineDeployment : target.controlPlane;
      const manifest = {
        apiVersion: pool === 'workers' ? CAPI_VERSION : KCP_VERSION,
        kind: pool === 'workers' ? 'MachineDeployment' : 'KubeadmControlPlane',
        metadata: { name: object.metadata!.name!, namespace: target.namespace },
        spec: { replicas },
      } as Manifest;
      const previous = object.spec?.replicas;
      await audited(
        ctx,
        options,
        'cluster-scale',
        {
          cluster: target.cluster.name,
          managementCluster: target.management.cluster,
          pool,
          from: previous ?? null,
          to: replicas,
        },
        () =>
          ctx.checkpoint({
            key: `platform.cluster.scale.${
              target.cluster.name
            }.${pool}.${replicas}.${ctx.isDryRun ? 'dry-run' : 'apply'}`,
            fn: async () => {
              await target.management.applyAs(manifest, {
                dryRun: !!ctx.isDryRun,
                fieldManager: SCALE_MANAGER,
                force: true,
              });
            },
          }),
      );
      ctx.logger.info(
        `${ctx.isDryRun ? 'Would scale' : 'Scaled'} ${manifest.kind} ${
          target.namespace
        }/${manifest.metadata.name} on ${
          target.management.cluster
        } from ${previous} to ${replicas} replicas`,
      );
      ctx.output('cluster', target.cluster.name);
      ctx.output('object', `${manifest.kind} ${manifest.metadata.name}`);
      if (previous !== undefined) ctx.output('previousReplicas', previous);
      ctx.output('replicas', replicas);
    },
  });
}

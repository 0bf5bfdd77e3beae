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

import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  LABELS,
  platformClusterProvisionPermission,
} from '@platform-portal/plugin-platform-common';
import { audited, authorizePlatformTeam } from '../../auth/selfServiceAuth';
import { checkpointedApply } from '../../kube/checkpointedApply';
import {
  formatVersion,
  invalid,
  orDefault,
  parseKubernetesVersion,
  requireCluster,
  requireDnsLabel,
  requireInteger,
  requireOneOf,
  writableClusterObjects,
} from '@platform-portal/plugin-platform-node';
import { PlatformActionOptions } from '../teamAction';
import { examples } from './createClusterAction.examples';
import { CAPI_VERSION } from './managedCluster';
import { newClusterManifests } from './newClusterManifests';
import { requireControlPlaneReplicas } from './scaleClusterAction';

const ENVIRONMENTS = ['production', 'staging', 'development'] as const;

/**
 * `platform:cluster:create`: a new workload cluster from the platform's Cluster API template.
 *
 * @public
 */
export function createClusterAction(options: PlatformActionOptions) {
  const { config, clusters } = options;
  return createTemplateAction({
    id: 'platform:cluster:create',
    description:
      "Declares a new workload cluster on a Cluster API management cluster from the platform's template (Cluster, KubeadmControlPlane, MachineDeployment on vSphere, OIDC against Dex). Platform team only. Production clusters get at least 3 control-plane nodes (odd counts only) and 3 workers.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe('New cluster name, an RFC 1123 label'),
        managementCluster: z =>
          z.string().describe('Management cluster that declares it'),
        environment: z =>
          z.enum(ENVIRONMENTS).describe('production, staging or development'),
        region: z =>
          z.string().describe('Region or data centre, e.g. eu-central'),
        version: z => z.string().describe('Kubernetes version such as v1.33.4'),
        controlPlaneReplicas: z =>
          z
            .number()
            .int()
            .default(3)
            .describe('Control-plane nodes: 1, 3 or 5'),
        workerReplicas: z =>
          z.number().int().default(3).describe('Worker nodes'),
      },
      output: {
        cluster: z => z.string().describe('Name of the new cluster'),
        managementCluster: z =>
          z.string().describe('Management cluster that declares it'),
        objects: z =>
          z
            .array(z.string())
            .describe('What happened to each Cluster API object'),
      },
    },
    async handler(ctx) {
      const name = requireDnsLabel('name', ctx.input.name);
      const managementName = requireDnsLabel(
        'managementCluster',
        ctx.input.managementCluster,
      );
      const environment = requireOneOf(
        'environment',
        ctx.input.environment,
        ENVIRONMENTS,
      );
      const region = requireDnsLabel('region', ctx.input.region);
      const version = formatVersion(
        parseKubernetesVersion('version', ctx.input.version),
      );
      const controlPlaneReplicas = requireInteger(
        'controlPlaneReplicas',
        orDefault(ctx.input.controlPlaneReplicas, 3),
        1,
        7,
      );
      const workerReplicas = requireInteger(
        'workerReplicas',
        orDefault(ctx.input.workerReplicas, 3),
        1,
        200,
      );
      try {
        requireControlPlaneReplicas(controlPlaneReplicas, environment);
      } catch (error) {
        throw new InputError(
          (error as Error).message.replace(/^replicas/, 'controlPlaneReplicas'),
        );
      }
      if (environment === 'production' && workerReplicas < 3) {
        invalid(
          'workerReplicas',
          'production clusters need at least 3 workers (N+1)',
        );
      }
      if (clusters.listClusters().some(c => c.name === name)) {
        invalid('name', `a cluster named "${name}" already exists`);
      }
      requireCluster(clusters, managementName, {
        field: 'managementCluster',
        management: true,
      });
      await authorizePlatformTeam(ctx, options, {
        permission: platformClusterProvisionPermission,
      });
      const clusterOidc = config.clusterOidc;
      if (!clusterOidc) {
        // The new API servers would trust no identity provider: nobody could sign in.
        throw new Error(
          'platform.selfService.clusterOidc.issuerUrl is not configured (nor auth.providers.oidc for this auth.environment): new clusters need the OIDC issuer their API servers trust',
        );
      }
      const management = writableClusterObjects(
        clusters,
        managementName,
        options.config,
      );
      const existing = await management.read(
        CAPI_VERSION,
        'Cluster',
        name,
        config.capiNamespace,
      );
      if (
        existing &&
        existing.metadata?.labels?.[LABELS.owner] !== config.platformTeam
      ) {
        throw new ConflictError(
          `name: Cluster "${name}" already exists on ${managementName} and was not created by the portal`,
        );
      }
      const manifests = newClusterManifests(
        {
          name,
          environment,
          region,
          version,
          controlPlaneReplicas,
          workerReplicas,
        },
        config.capiNamespace,
        config.platformTeam,
        clusterOidc,
      );
      const results = await audited(
        ctx,
        options,
        'cluster-create',
        {
          cluster: name,
          managementCluster: managementName,
          environment,
          version,
          controlPlaneReplicas,
          workerReplicas,
        },
        () =>
          checkpointedApply(ctx, management, manifests, {
            key: `platform.cluster.create.${managementName}.${name}`,
          }),
      );
      ctx.output('cluster', name);
      ctx.output('managementCluster', managementName);
      ctx.output('objects', results);
    },
  });
}

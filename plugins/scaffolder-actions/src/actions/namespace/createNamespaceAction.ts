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
import { audited, authorizeForTeam } from '../../auth/selfServiceAuth';
import { SelfServiceConfig } from '../../config/readSelfServiceConfig';
import { checkpointedApply } from '../../kube/checkpointedApply';
import {
  checkNamespaceOwnership,
  namespaceManifests,
  parseNamespaceRequest,
  requireCluster,
  writableClusterObjects,
} from '@platform-portal/plugin-platform-node';
import { examples } from './createNamespaceAction.examples';
import { PlatformActionOptions } from '../teamAction';

function dashboardUrl(
  config: SelfServiceConfig,
  cluster: string,
  namespace: string,
): string | undefined {
  if (!config.grafana) return undefined;
  const query = new URLSearchParams({
    'var-cluster': cluster,
    'var-namespace': namespace,
  });
  return `${config.grafana.baseUrl.replace(
    /\/$/,
    '',
  )}/d/k8s-namespace/namespace?${query}`;
}

/**
 * `platform:namespace:create`: a team namespace with quota, limits, the
 * team's edit RoleBinding and default-deny network policies.
 */
export function createNamespaceAction(options: PlatformActionOptions) {
  const { clusters, config } = options;
  return createTemplateAction({
    id: 'platform:namespace:create',
    description:
      "Creates a team namespace on a platform cluster: owner and entity labels, a ResourceQuota and LimitRange from the size (S, M or L), a RoleBinding of the team's group to the namespaced `edit` role, and a default-deny CiliumNetworkPolicy with the allow rules you choose. Re-running with the same input changes nothing; a namespace owned by another team is refused.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        cluster: z =>
          z
            .string()
            .describe(
              'Name of the workload cluster (from the catalog), e.g. prod-eu-1',
            ),
        namespace: z =>
          z
            .string()
            .describe('Namespace name, an RFC 1123 label such as payments'),
        team: z =>
          z
            .string()
            .describe(
              'Catalog group that owns the namespace, e.g. team-payments',
            ),
        entity: z =>
          z
            .string()
            .optional()
            .describe('Catalog component name the namespace serves'),
        size: z =>
          z
            .enum(['S', 'M', 'L'])
            .default('S')
            .describe(
              'Quota size: S (2 CPU, 4Gi), M (8 CPU, 16Gi) or L (32 CPU, 64Gi)',
            ),
        quota: z =>
          z
            .object({
              cpu: z
                .number()
                .int()
                .describe('CPU cores requested in total (1-64)'),
              memoryGi: z
                .number()
                .int()
                .describe(
                  'Memory requested in GiB (1-256); the limit is twice that',
                ),
              pods: z.number().int().optional().describe('Pods (default 50)'),
              storageGi: z
                .number()
                .int()
                .optional()
                .describe('Storage requested in GiB (default 100)'),
            })
            .optional()
            .describe(
              "An explicit quota instead of the size's; container defaults still follow the size",
            ),
        allowSameNamespace: z =>
          z
            .boolean()
            .default(true)
            .describe('Allow traffic between pods of this namespace'),
        allowIngressFromGateway: z =>
          z
            .boolean()
            .default(true)
            .describe('Allow ingress from the Traefik gateway'),
        allowDnsEgress: z =>
          z.boolean().default(true).describe('Allow DNS lookups to kube-dns'),
      },
      output: {
        cluster: z => z.string().describe('Cluster the namespace is on'),
        namespace: z => z.string().describe('Namespace name'),
        objects: z =>
          z.array(z.string()).describe('Each object and what happened to it'),
        changed: z =>
          z
            .boolean()
            .describe('False when every object was already as requested'),
        dashboardUrl: z =>
          z.string().optional().describe('Grafana dashboard of the namespace'),
      },
    },
    async handler(ctx) {
      const request = parseNamespaceRequest(ctx.input);
      requireCluster(clusters, request.cluster, { management: false });
      await authorizeForTeam(ctx, options, { team: request.team });
      const objects = writableClusterObjects(
        clusters,
        request.cluster,
        options.config,
      );
      const namespaceExists = await checkNamespaceOwnership(
        objects,
        request.namespace,
        request.team,
      );
      const manifests = namespaceManifests(request, config.gateway.namespace);
      const results = await audited(
        ctx,
        options,
        'namespace-create',
        {
          cluster: request.cluster,
          namespace: request.namespace,
          team: request.team,
        },
        () =>
          checkpointedApply(ctx, objects, manifests, {
            key: `platform.namespace.create.${request.cluster}.${request.namespace}`,
            namespaceExists,
          }),
      );
      ctx.output('cluster', request.cluster);
      ctx.output('namespace', request.namespace);
      ctx.output('objects', results);
      ctx.output(
        'changed',
        results.some(r => !r.endsWith(': unchanged')),
      );
      const url = dashboardUrl(config, request.cluster, request.namespace);
      if (url) ctx.output('dashboardUrl', url);
    },
  });
}

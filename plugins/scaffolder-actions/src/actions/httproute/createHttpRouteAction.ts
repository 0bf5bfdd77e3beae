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
import { checkpointedApply } from '../../kube/checkpointedApply';
import { createdBy, failAfterPartialWrite } from '../../kube/removeOnFailure';
import {
  clusterReader,
  httpRouteManifest,
  parseHttpRouteRequest,
  requireBackendServices,
  requireHostnamesFree,
} from '@platform-portal/plugin-platform-node';
import { waitFor } from '../../kube/waitFor';
import {
  openTeamNamespace,
  PlatformActionOptions,
  refuseOtherOwners,
} from '../teamAction';
import { examples } from './createHttpRouteAction.examples';
import { routeVerdict } from './routeVerdict';

/**
 * `platform:httproute:create`: an HTTPRoute on the platform Gateway, then
 * waits until the gateway controller accepts it and resolves its backends.
 */
export function createHttpRouteAction(options: PlatformActionOptions) {
  const { config } = options;
  return createTemplateAction({
    id: 'platform:httproute:create',
    description: `Creates an HTTPRoute in a team namespace, attached to the platform Gateway (${
      config.gateway.namespace
    }/${config.gateway.name}, listener ${
      config.gateway.sectionName
    }). Hostnames must be below ${
      config.allowedDomains.join(', ') || 'the allowed domains'
    }; backends are Services of the same namespace, with weights for canaries. Waits for the gateway's status and explains Accepted or ResolvedRefs problems.`,
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        cluster: z =>
          z
            .string()
            .describe('Name of the workload cluster (from the catalog)'),
        namespace: z =>
          z.string().describe('A namespace the team owns on that cluster'),
        team: z => z.string().describe('Catalog group that owns the namespace'),
        name: z => z.string().describe('Route name, an RFC 1123 label'),
        hostnames: z =>
          z.array(z.string()).describe('Hostnames below the allowed domains'),
        path: z =>
          z
            .string()
            .optional()
            .describe('Path prefix when no rules are given (default /)'),
        backends: z =>
          z
            .array(
              z.object({
                service: z.string(),
                port: z.number(),
                weight: z.number().optional(),
              }),
            )
            .optional()
            .describe('Backends when no rules are given'),
        allowMissingBackends: z =>
          z
            .boolean()
            .default(false)
            .describe(
              'Succeed while backend Services do not exist yet (they come with the first deployment)',
            ),
        rules: z =>
          z
            .array(
              z.object({
                path: z.string().optional(),
                backends: z.array(
                  z.object({
                    service: z.string(),
                    port: z.number(),
                    weight: z.number().optional(),
                  }),
                ),
              }),
            )
            .optional()
            .describe('Path rules, each with weighted Service backends'),
      },
      output: {
        routeName: z => z.string().describe('Name of the HTTPRoute'),
        hostnames: z =>
          z.array(z.string()).describe('Hostnames the route serves'),
        url: z => z.string().describe('https URL of the first hostname'),
        objects: z =>
          z.array(z.string()).describe('What happened to the route'),
        created: z =>
          z
            .array(
              z.object({
                apiVersion: z.string(),
                kind: z.string(),
                namespace: z.string(),
                name: z.string(),
              }),
            )
            .describe(
              "The route when this run created it: a later step's removeOnFailure, so a failure after it leaves nothing behind",
            ),
      },
    },
    async handler(ctx) {
      const request = parseHttpRouteRequest(ctx.input, config.allowedDomains);
      const objects = await openTeamNamespace(ctx, options, request);
      await refuseOtherOwners(
        objects,
        {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'HTTPRoute',
          name: request.name,
        },
        request,
      );
      await requireHostnamesFree(
        clusterReader(options.clusters, request.cluster),
        { ...request, field: 'hostnames' },
      );
      if (ctx.input.allowMissingBackends !== true) {
        // Named as the input names them: `rules[i]…` or the `backends` shorthand.
        const prefix = (i: number) =>
          ctx.input.rules === undefined ? 'backends' : `rules[${i}].backends`;
        await requireBackendServices(
          objects,
          request.namespace,
          request.rules.flatMap((rule, i) =>
            rule.backends.map((backend, j) => ({
              ...backend,
              field: `${prefix(i)}[${j}]`,
            })),
          ),
        );
      }
      const manifest = httpRouteManifest(request, config.gateway);
      const results = await audited(
        ctx,
        options,
        'httproute-create',
        {
          cluster: request.cluster,
          namespace: request.namespace,
          route: request.name,
          hostnames: request.hostnames,
        },
        () =>
          checkpointedApply(ctx, objects, [manifest], {
            key: `platform.httproute.create.${request.cluster}.${request.namespace}.${request.name}`,
          }),
      );
      const created = createdBy(results, {
        apiVersion: manifest.apiVersion,
        kind: manifest.kind,
        namespace: request.namespace,
        name: request.name,
      });
      if (!ctx.isDryRun) {
        try {
          const verdict = await waitFor(
            async () => {
              const route = await objects.read(
                'gateway.networking.k8s.io/v1',
                'HTTPRoute',
                request.name,
                request.namespace,
              );
              return route ? routeVerdict(route, config.gateway) : undefined;
            },
            {
              timeoutMs: config.waitTimeoutMs,
              intervalMs: config.pollIntervalMs,
              signal: ctx.signal,
            },
          );
          if (!verdict) {
            throw new Error(
              `HTTPRoute ${request.namespace}/${
                request.name
              } was applied, but the gateway controller has not reported on it within ${
                config.waitTimeoutMs / 1000
              } s`,
            );
          }
          if (
            verdict.onlyMissingBackends &&
            ctx.input.allowMissingBackends === true
          ) {
            ctx.logger.warn(
              `HTTPRoute ${request.namespace}/${
                request.name
              } is accepted by the gateway and will serve traffic once its backends exist. ${verdict.problems.join(
                ' ',
              )}`,
            );
          } else if (!verdict.accepted) {
            throw new Error(
              `HTTPRoute ${request.namespace}/${
                request.name
              } was applied but does not work yet. ${verdict.problems.join(
                ' ',
              )}`,
            );
          } else {
            ctx.logger.info(
              `HTTPRoute ${request.namespace}/${request.name} is accepted by the gateway and its backends resolve`,
            );
          }
        } catch (error) {
          // A route the gateway does not accept is not left behind.
          await failAfterPartialWrite(error, {
            objects,
            written: created,
            target: request,
            logger: ctx.logger,
          });
        }
      }
      ctx.output('created', created);
      ctx.output('routeName', request.name);
      ctx.output('hostnames', request.hostnames);
      ctx.output(
        'url',
        `https://${request.hostnames[0]}${request.rules[0].path}`,
      );
      ctx.output('objects', results);
    },
  });
}

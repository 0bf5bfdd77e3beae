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

import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { audited } from '../../auth/selfServiceAuth';
import { checkpointedApply } from '../../kube/checkpointedApply';
import {
  createdBy,
  failAfterPartialWrite,
  parseWrittenObjects,
  WrittenObject,
} from '../../kube/removeOnFailure';
import {
  certificateManifest,
  ClusterObjects,
  clusterReader,
  parseCertificateRequest,
  requireHostnamesFree,
  uncoveredDnsNames,
} from '@platform-portal/plugin-platform-node';
import { waitFor } from '../../kube/waitFor';
import {
  openTeamNamespace,
  PlatformActionOptions,
  refuseOtherOwners,
} from '../teamAction';
import { examples } from './createCertificateAction.examples';

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** Ready, or the condition that explains why not; undefined while cert-manager works. */
function certificateState(
  status: unknown,
): { ready: boolean; problem?: string } | undefined {
  const conditions =
    (status as { conditions?: Condition[] } | undefined)?.conditions ?? [];
  const ready = conditions.find(c => c.type === 'Ready');
  if (ready?.status === 'True') return { ready: true };
  const failed = conditions.find(
    c => c.type === 'Issuing' && c.status === 'False',
  );
  if (failed)
    return {
      ready: false,
      problem: `issuing failed (${failed.reason}): ${failed.message ?? ''}`,
    };
  return undefined;
}

function lastKnownProblem(status: unknown): string {
  const conditions =
    (status as { conditions?: Condition[] } | undefined)?.conditions ?? [];
  const ready = conditions.find(c => c.type === 'Ready');
  return ready
    ? `Ready is ${ready.status} (${ready.reason}): ${ready.message ?? ''}`
    : 'cert-manager has not reported any condition';
}

/** `platform:certificate:create`: a cert-manager Certificate from an allowed issuer; waits for Ready. */
export function createCertificateAction(options: PlatformActionOptions) {
  const { config } = options;
  return createTemplateAction({
    id: 'platform:certificate:create',
    description: `Requests a TLS certificate with cert-manager in a team namespace from one of the allowed ClusterIssuers (${config.issuers.join(
      ', ',
    )}). DNS names must be below the allowed domains and, when a route is named, among that route's hostnames. Waits until the certificate is Ready and reports the failing condition otherwise.`,
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
        name: z => z.string().describe('Certificate name, an RFC 1123 label'),
        dnsNames: z =>
          z.array(z.string()).describe('DNS names below the allowed domains'),
        issuer: z =>
          z
            .string()
            .default(config.issuers[0] ?? 'letsencrypt-prod')
            .describe('ClusterIssuer to use'),
        routeName: z =>
          z
            .string()
            .optional()
            .describe('HTTPRoute whose hostnames must cover the DNS names'),
        removeOnFailure: z =>
          z
            .array(
              z.object({
                apiVersion: z.string(),
                kind: z.string(),
                namespace: z.string(),
                name: z.string(),
              }),
            )
            .optional()
            .describe(
              "Objects earlier steps of the task created (their `created` output), removed with this step's own Certificate if this step fails",
            ),
      },
      output: {
        certificateName: z => z.string().describe('Name of the Certificate'),
        secretName: z =>
          z.string().describe('Secret cert-manager writes the key pair to'),
        objects: z =>
          z.array(z.string()).describe('What happened to the Certificate'),
      },
    },
    async handler(ctx) {
      const request = parseCertificateRequest(ctx.input, config);
      const { name, dnsNames, issuer, routeName, secretName } = request;
      const target = request;
      const earlier = parseWrittenObjects(
        'removeOnFailure',
        ctx.input.removeOnFailure,
        target,
      );
      // What the task has written so far: removed again if this step fails,
      // once the user is known to act for the team.
      const written: WrittenObject[] = [...earlier];
      let writer: ClusterObjects | undefined;
      let results: string[] = [];
      try {
        const objects = await openTeamNamespace(
          ctx,
          options,
          target,
          authorized => {
            writer = authorized;
          },
        );
        if (routeName && !objects.pendingNamespaces.has(target.namespace)) {
          const route = await objects.read(
            'gateway.networking.k8s.io/v1',
            'HTTPRoute',
            routeName,
            target.namespace,
          );
          if (!route)
            throw new InputError(
              `routeName: HTTPRoute "${routeName}" does not exist in ${target.namespace}`,
            );
          const hostnames =
            (route as { spec?: { hostnames?: string[] } }).spec?.hostnames ??
            [];
          const uncovered = uncoveredDnsNames(dnsNames, hostnames);
          if (uncovered.length > 0) {
            throw new InputError(
              `dnsNames: ${uncovered.join(
                ', ',
              )} not among the hostnames of HTTPRoute ${routeName} (${hostnames.join(
                ', ',
              )})`,
            );
          }
        }
        await requireHostnamesFree(
          clusterReader(options.clusters, target.cluster),
          {
            namespace: target.namespace,
            hostnames: dnsNames,
            field: 'dnsNames',
          },
        );
        await refuseOtherOwners(
          objects,
          { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', name },
          target,
        );
        const manifest = certificateManifest(request);
        results = await audited(
          ctx,
          options,
          'certificate-create',
          {
            cluster: target.cluster,
            namespace: target.namespace,
            certificate: name,
            dnsNames,
            issuer,
          },
          () =>
            checkpointedApply(ctx, objects, [manifest], {
              key: `platform.certificate.create.${target.cluster}.${target.namespace}.${name}`,
            }),
        );
        written.push(
          ...createdBy(results, {
            apiVersion: 'cert-manager.io/v1',
            kind: 'Certificate',
            namespace: target.namespace,
            name,
          }),
        );
        if (!ctx.isDryRun) {
          let lastStatus: unknown;
          const state = await waitFor(
            async () => {
              const cert = await objects.read(
                'cert-manager.io/v1',
                'Certificate',
                name,
                target.namespace,
              );
              lastStatus = (cert as { status?: unknown } | undefined)?.status;
              return certificateState(lastStatus);
            },
            {
              timeoutMs: config.waitTimeoutMs,
              intervalMs: config.pollIntervalMs,
              signal: ctx.signal,
            },
          );
          if (!state) {
            throw new Error(
              `Certificate ${target.namespace}/${name} is not Ready after ${
                config.waitTimeoutMs / 1000
              } s: ${lastKnownProblem(lastStatus)}`,
            );
          }
          if (!state.ready)
            throw new Error(
              `Certificate ${target.namespace}/${name} is not Ready: ${state.problem}`,
            );
          ctx.logger.info(
            `Certificate ${target.namespace}/${name} is Ready; the key pair is in Secret ${secretName}`,
          );
        }
      } catch (error) {
        if (ctx.isDryRun || !writer) throw error;
        await failAfterPartialWrite(error, {
          objects: writer,
          written,
          target,
          logger: ctx.logger,
        });
      }
      ctx.output('certificateName', name);
      ctx.output('secretName', secretName);
      ctx.output('objects', results);
    },
  });
}

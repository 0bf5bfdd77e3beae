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

import { ArgoApplication } from '../clients/argocd/argoTypes';
import { managedResourceHealth } from '../clients/argocd/managedResourceHealth';
import { RunbookDiagnostic } from './RunbookDiagnostic';

async function applications(
  context: Parameters<RunbookDiagnostic['steps'][number]['run']>[0],
): Promise<ArgoApplication[] | undefined> {
  const argocd = context.clients.argocd(context.cluster);
  if (!argocd) return undefined;
  const apps = await argocd.listApplications(
    context.name ? { name: context.name } : {},
    context.signal,
  );
  return apps.filter(
    a =>
      (!context.name || a.metadata.name === context.name) &&
      (!context.namespace ||
        a.spec.destination?.namespace === context.namespace),
  );
}

const failedOperation = (a: ArgoApplication) =>
  ['Failed', 'Error'].includes(a.status?.operationState?.phase ?? '');

/** Sync errors, conflicts and drift of the cluster's Argo CD applications. */
export const argocdDiagnostic: RunbookDiagnostic = {
  runbook: 'argocd-sync-failure',
  steps: [
    {
      id: 'applications',
      title: 'Applications synced and healthy',
      runbookStep: 0,
      async run(context) {
        const apps = await applications(context);
        if (!apps) {
          return {
            result: 'warn',
            summary: 'No Argo CD configured (platform.upstreams.argocd)',
          };
        }
        if (context.name && apps.length === 0) {
          return {
            result: 'fail',
            summary: `No Argo CD application named ${context.name}`,
          };
        }
        const bad = apps.filter(
          a =>
            a.status?.sync?.status !== 'Synced' ||
            a.status?.health?.status !== 'Healthy',
        );
        return {
          result: bad.length ? 'warn' : 'pass',
          summary: bad.length
            ? `${bad.length} of ${apps.length} application(s) not synced or not healthy`
            : `${apps.length} application(s) synced and healthy`,
          evidence: apps.map(
            a =>
              `${a.metadata.name}: ${a.status?.sync?.status ?? '?'}, ${
                a.status?.health?.status ?? '?'
              }`,
          ),
        };
      },
    },
    {
      id: 'sync-errors',
      title: 'Sync errors of the last operation',
      runbookStep: 1,
      async run(context) {
        const failed = ((await applications(context)) ?? []).filter(
          failedOperation,
        );
        return failed.length
          ? {
              result: 'fail',
              summary: `Last sync of ${failed[0].metadata.name} failed: ${failed[0].status?.operationState?.message}`,
              evidence: failed.map(
                a => `${a.metadata.name}: ${a.status?.operationState?.message}`,
              ),
              remediations: failed.map(a => ({
                action: 'argocd-sync' as const,
                title: `Sync ${a.metadata.name}`,
                description:
                  'Starts a sync to the target revision (without prune).',
                request: {
                  name: a.metadata.name,
                  project: a.spec.project ?? 'default',
                },
              })),
            }
          : { result: 'pass', summary: 'No failed sync operation' };
      },
    },
    {
      id: 'conflicts',
      title: 'Resource conflicts and degraded resources',
      runbookStep: 2,
      async run(context) {
        const apps = (await applications(context)) ?? [];
        const argocd = context.clients.argocd(context.cluster);
        const resources = await Promise.all(
          apps.map(a =>
            argocd
              ? managedResourceHealth(argocd, a, context.signal)
              : a.status?.resources ?? [],
          ),
        );
        const degraded = apps.flatMap((a, i) =>
          resources[i]
            .filter(
              r =>
                r.health?.status &&
                !['Healthy', 'Progressing'].includes(r.health.status),
            )
            .map(
              r =>
                `${a.metadata.name}: ${r.kind} ${r.namespace ?? ''}/${r.name} ${
                  r.health?.status
                }${r.health?.message ? `: ${r.health.message}` : ''}`,
            ),
        );
        return degraded.length
          ? {
              result: 'fail',
              summary: `Degraded resource: ${degraded[0]}`,
              evidence: degraded,
            }
          : { result: 'pass', summary: 'No degraded resource' };
      },
    },
    {
      id: 'drift',
      title: 'Drift from Git',
      runbookStep: 3,
      async run(context) {
        const drifted = ((await applications(context)) ?? []).filter(
          a => a.status?.sync?.status === 'OutOfSync',
        );
        if (drifted.length === 0) {
          return { result: 'pass', summary: 'Every application matches Git' };
        }
        return {
          result: 'fail',
          summary: `${drifted
            .map(a => a.metadata.name)
            .join(', ')} drifted from Git: ${(
            drifted[0].status?.resources ?? []
          )
            .filter(r => r.status === 'OutOfSync')
            .map(r => `${r.kind} ${r.name}`)
            .join(', ')} OutOfSync`,
          evidence: drifted.flatMap(a =>
            (a.status?.resources ?? [])
              .filter(r => r.status === 'OutOfSync')
              .map(
                r =>
                  `${a.metadata.name}: ${r.kind} ${r.namespace ?? ''}/${
                    r.name
                  } OutOfSync`,
              ),
          ),
          remediations: drifted.map(a => ({
            action: 'argocd-sync' as const,
            title: `Sync ${a.metadata.name}`,
            description:
              'Starts a sync to the target revision (without prune), bringing the cluster back to Git.',
            request: {
              name: a.metadata.name,
              project: a.spec.project ?? 'default',
            },
          })),
        };
      },
    },
  ],
};

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

import { ConflictError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { LABELS } from '@platform-portal/plugin-platform-common';
import { audited } from '../../auth/selfServiceAuth';
import { checkpointedApply } from '../../kube/checkpointedApply';
import {
  invalid,
  Manifest,
  orDefault,
  ownerLabels,
  requireBoolean,
  requireDnsLabel,
  requireDnsSubdomain,
  requireGitRevision,
  requireRepoPath,
} from '@platform-portal/plugin-platform-node';
import {
  openTeamNamespace,
  parseTeamTarget,
  PlatformActionOptions,
} from '../teamAction';
import { examples } from './createArgoCdAppAction.examples';

/**
 * `platform:argocd:create-app`: an ArgoCD Application in the team's project
 * that deploys a path of the team's GitLab repository into the team's
 * namespace on the same cluster.
 */
export function createArgoCdAppAction(options: PlatformActionOptions) {
  const { config } = options;
  // Without a GitLab the action cannot tell the team's repositories apart.
  const gitlab =
    config.gitlab?.baseUrl ?? '(integrations.gitlab not configured)';
  return createTemplateAction({
    id: 'platform:argocd:create-app',
    description: `Creates an ArgoCD Application (namespace ${config.argocd.namespace}) in the team's AppProject, deploying a path of one of the team's repositories on ${gitlab} into the team's namespace, with automated sync (prune and self-heal optional).`,
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        cluster: z =>
          z
            .string()
            .describe('Name of the workload cluster (from the catalog)'),
        namespace: z =>
          z
            .string()
            .describe(
              'A namespace the team owns; the Application deploys into it',
            ),
        team: z =>
          z
            .string()
            .describe(
              'Catalog group that owns the namespace; also the ArgoCD project',
            ),
        name: z => z.string().describe('Application name, an RFC 1123 label'),
        repoPath: z =>
          z
            .string()
            .describe(
              `GitLab project path below ${gitlab}, starting with the team, e.g. team-payments/payments-api`,
            ),
        path: z =>
          z
            .string()
            .default('deploy')
            .describe('Directory of the manifests inside the repository'),
        targetRevision: z =>
          z.string().default('main').describe('Branch or tag to follow'),
        prune: z =>
          z.boolean().default(true).describe('Delete objects removed from git'),
        selfHeal: z =>
          z.boolean().default(true).describe('Undo changes made outside git'),
      },
      output: {
        appName: z => z.string().describe('Name of the Application'),
        repoUrl: z => z.string().describe('Repository the Application follows'),
        argocdUrl: z =>
          z.string().optional().describe('The Application in the ArgoCD UI'),
        objects: z =>
          z.array(z.string()).describe('What happened to the Application'),
      },
    },
    async handler(ctx) {
      if (!config.gitlab) {
        throw new Error(
          'integrations.gitlab is not configured: Applications may only follow repositories of the platform GitLab',
        );
      }
      const target = parseTeamTarget(ctx.input);
      const name = requireDnsLabel('name', ctx.input.name);
      const repoPath = requireDnsSubdomainPath(ctx.input.repoPath);
      if (!repoPath.startsWith(`${target.team}/`)) {
        invalid(
          'repoPath',
          `must be a project of the team's GitLab group ${target.team}/`,
        );
      }
      const path = requireRepoPath('path', orDefault(ctx.input.path, 'deploy'));
      const targetRevision = requireGitRevision(
        'targetRevision',
        orDefault(ctx.input.targetRevision, 'main'),
      );
      const prune = requireBoolean('prune', ctx.input.prune, true);
      const selfHeal = requireBoolean('selfHeal', ctx.input.selfHeal, true);
      const objects = await openTeamNamespace(ctx, options, target);
      const existing = await objects.read(
        'argoproj.io/v1alpha1',
        'Application',
        name,
        config.argocd.namespace,
      );
      if (
        existing &&
        existing.metadata?.labels?.[LABELS.owner] !== target.team
      ) {
        throw new ConflictError(
          `name: Application "${name}" already exists and is not managed for ${target.team}`,
        );
      }
      const repoUrl = `${gitlab}/${repoPath}.git`;
      const manifest = {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: {
          name,
          namespace: config.argocd.namespace,
          labels: ownerLabels(target.team, name),
        },
        spec: {
          project: target.team,
          source: { repoURL: repoUrl, path, targetRevision },
          destination: {
            server: 'https://kubernetes.default.svc',
            namespace: target.namespace,
          },
          syncPolicy: {
            automated: { prune, selfHeal },
            syncOptions: ['ServerSideApply=true'],
            retry: {
              limit: 5,
              backoff: { duration: '5s', factor: 2, maxDuration: '3m' },
            },
          },
        },
      } as Manifest;
      const results = await audited(
        ctx,
        options,
        'argocd-app-create',
        {
          cluster: target.cluster,
          namespace: target.namespace,
          application: name,
          repoUrl,
        },
        () =>
          checkpointedApply(ctx, objects, [manifest], {
            key: `platform.argocd.create-app.${target.cluster}.${name}`,
          }),
      );
      ctx.output('appName', name);
      ctx.output('repoUrl', repoUrl);
      if (config.argocd.baseUrl) {
        ctx.output(
          'argocdUrl',
          `${config.argocd.baseUrl
            .replace('{cluster}', encodeURIComponent(target.cluster))
            .replace(/\/$/, '')}/applications/${
            config.argocd.namespace
          }/${name}`,
        );
      }
      ctx.output('objects', results);
    },
  });
}

/** `group/project` or `group/subgroup/project`, each part an RFC 1123 subdomain. */
function requireDnsSubdomainPath(value: unknown): string {
  if (typeof value !== 'string') invalid('repoPath', 'must be a string');
  const parts = value.split('/');
  if (parts.length < 2 || parts.length > 4)
    invalid('repoPath', 'must look like group/project');
  parts.forEach((part, i) =>
    requireDnsSubdomain(`repoPath (part ${i + 1})`, part),
  );
  return value;
}

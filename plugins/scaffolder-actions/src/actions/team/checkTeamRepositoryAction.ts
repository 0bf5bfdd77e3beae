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

import { InputError, NotAllowedError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import {
  createTemplateAction,
  parseRepoUrl,
} from '@backstage/plugin-scaffolder-node';
import {
  CatalogTrust,
  requireDnsLabel,
} from '@platform-portal/plugin-platform-node';
import {
  authorizeForTeam,
  groupRef,
  SelfServiceDeps,
} from '../../auth/selfServiceAuth';
import { examples } from './checkTeamRepositoryAction.examples';

/** Group and project path segments as GitLab allows them, no dot segments. */
const GITLAB_PATH =
  /^(?!.*(?:^|\/)\.{1,2}(?:\/|$))[A-Za-z0-9_][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_][A-Za-z0-9_.-]*)+$/;

export interface CheckTeamRepositoryOptions extends SelfServiceDeps {
  trust: CatalogTrust;
  integrations: ScmIntegrationRegistry;
}

/**
 * `platform:team:check-repository`: before a template publishes with the
 * portal's GitLab token, the initiator must act for the team and the
 * repository must lie in that team's GitLab group
 * (`platform.catalog.locationOwners`). Writes nothing.
 */
export function checkTeamRepositoryAction(options: CheckTeamRepositoryOptions) {
  return createTemplateAction({
    id: 'platform:team:check-repository',
    description:
      "Checks, before any step that writes, that the user running the task may act for the team and that the repository lies in the team's GitLab group (platform.catalog.locationOwners). Use it before publish:gitlab: the project is created with the portal's GitLab token, not the user's.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        team: z =>
          z
            .string()
            .describe(
              'Catalog group the repository is for, e.g. team-payments',
            ),
        repoUrl: z =>
          z
            .string()
            .describe(
              'The RepoUrlPicker value, e.g. gitlab.example.com?owner=team-payments&repo=checkout',
            ),
      },
      output: {
        repository: z => z.string().describe("The checked project's web URL"),
      },
    },
    async handler(ctx) {
      const team = requireDnsLabel('team', ctx.input.team);
      await authorizeForTeam(ctx, options, { team });
      let repository: { host: string; owner?: string; repo: string };
      try {
        repository = parseRepoUrl(ctx.input.repoUrl, options.integrations);
      } catch (error) {
        throw new InputError(
          `repoUrl: not a repository of a configured integration: ${
            (error as Error).message
          }`.slice(0, 300),
        );
      }
      if (!repository.owner) {
        throw new InputError('repoUrl: names no owner (GitLab group)');
      }
      const path = `${repository.owner}/${repository.repo}`;
      if (!GITLAB_PATH.test(path)) {
        throw new InputError(
          `repoUrl: "${path.slice(
            0,
            100,
          )}" is not a GitLab group and project path`,
        );
      }
      const gitlab = options.integrations.gitlab.byHost(repository.host);
      if (!gitlab) {
        throw new InputError(
          `repoUrl: ${repository.host.slice(
            0,
            100,
          )} is not a configured GitLab integration`,
        );
      }
      const name = `${gitlab.config.baseUrl.replace(/\/+$/, '')}/${path}`;
      if (!options.trust.isRepositoryOfGroup(name, groupRef(team))) {
        throw new NotAllowedError(
          `repoUrl: ${path} is not in a GitLab group of ${team} (platform.catalog.locationOwners)`,
        );
      }
      ctx.output('repository', name);
    },
  });
}

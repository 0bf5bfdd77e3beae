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

import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { CatalogTrust } from '@platform-portal/plugin-platform-node';
import { platformPolicyDecisions } from '../../__testUtils__/platformPolicyPermissions';
import { contextFor, userOf } from '../../__testUtils__/sandboxSupport';
import { checkTeamRepositoryAction } from './checkTeamRepositoryAction';

const config = new ConfigReader({
  integrations: {
    gitlab: [
      {
        host: 'gitlab.example.com',
        token: 'glpat-not-used',
        apiBaseUrl: 'https://gitlab.example.com/api/v4',
      },
    ],
  },
  platform: {
    catalog: {
      locationOwners: [
        {
          url: 'https://gitlab.example.com/team-payments/',
          owner: 'team-payments',
        },
        { url: 'https://gitlab.example.com/platform/', owner: 'platform-team' },
      ],
    },
  },
});

const action = checkTeamRepositoryAction({
  permissions: mockServices.permissions.mock({
    authorize: platformPolicyDecisions(),
  }),
  trust: CatalogTrust.fromConfig(config),
  integrations: ScmIntegrations.fromConfig(config),
});

async function run(team: string, repoUrl: string, groups = ['team-payments']) {
  const { ctx, outputs } = contextFor(
    { team, repoUrl },
    { user: userOf('pat', groups) },
  );
  try {
    await action.handler(ctx);
    return { outputs };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

describe('platform:team:check-repository', () => {
  it("passes a project in the team's own GitLab group", async () => {
    expect(
      await run(
        'team-payments',
        'gitlab.example.com?owner=team-payments&repo=checkout',
      ),
    ).toEqual({
      outputs: {
        repository: 'https://gitlab.example.com/team-payments/checkout',
      },
    });
  });

  it("refuses a project in the platform's group, naming repoUrl", async () => {
    expect(
      await run(
        'team-payments',
        'gitlab.example.com?owner=platform&repo=gitops-apps',
      ),
    ).toEqual({
      error:
        'NotAllowedError: repoUrl: platform/gitops-apps is not in a GitLab group of team-payments (platform.catalog.locationOwners)',
    });
  });

  it('refuses a team the user does not belong to, naming the permission', async () => {
    expect(
      await run(
        'team-storefront',
        'gitlab.example.com?owner=team-payments&repo=x',
      ),
    ).toEqual({
      error: expect.stringMatching(
        /^NotAllowedError: .*platform\.namespace\.write on group:default\/team-storefront was denied/,
      ),
    });
  });

  it('refuses dot segments and hosts that are no GitLab integration', async () => {
    expect([
      await run(
        'team-payments',
        'gitlab.example.com?owner=team-payments/..&repo=platform',
      ),
      await run(
        'team-payments',
        'gitlab.evil.example?owner=team-payments&repo=x',
      ),
    ]).toEqual([
      { error: expect.stringMatching(/^InputError: repoUrl: /) },
      { error: expect.stringMatching(/^InputError: repoUrl: /) },
    ]);
  });
});

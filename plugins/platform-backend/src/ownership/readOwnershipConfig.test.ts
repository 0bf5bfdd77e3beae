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

import { ConfigReader } from '@backstage/config';
import { readOwnershipConfig } from './readOwnershipConfig';

const read = (ownership: object, platformTeams?: string[]) =>
  readOwnershipConfig(
    new ConfigReader({
      platform: { ownership },
      ...(platformTeams
        ? { permission: { platformPolicy: { platformTeams } } }
        : {}),
    }),
  );

describe('readOwnershipConfig', () => {
  it('reads the mappings with owners as normalised group refs', () => {
    const config = read({
      argocdProjects: [{ project: 'payments', owner: 'team-payments' }],
      gitlabGroups: [
        { group: 'platform', owner: 'group:default/Platform-Team' },
      ],
      nexus: [
        {
          repository: 'docker-hosted',
          path: 'team-payments/',
          owner: 'group:default/team-payments',
        },
      ],
    });
    expect([...config.argocdProjects]).toEqual([
      ['payments', 'group:default/team-payments'],
    ]);
    expect([...config.gitlabGroups]).toEqual([
      ['platform', 'group:default/platform-team'],
    ]);
    expect(config.nexus).toEqual([
      {
        repository: 'docker-hosted',
        path: 'team-payments/',
        owner: 'group:default/team-payments',
      },
    ]);
    expect(config.platformTeams).toEqual(['group:default/platform-team']);
  });

  it.each([
    [
      {
        argocdProjects: [{ project: 'payments', owner: 'user:default/alice' }],
      },
      'platform.ownership.argocdProjects[0].owner',
    ],
    [
      {
        argocdProjects: [
          { project: 'payments', owner: 'team-payments' },
          { project: 'payments', owner: 'team-storefront' },
        ],
      },
      'platform.ownership.argocdProjects[1].project',
    ],
    [
      { gitlabGroups: [{ group: '../etc', owner: 'team-payments' }] },
      'platform.ownership.gitlabGroups[0].group',
    ],
    [
      {
        nexus: [
          { repository: 'docker-hosted', path: '/team-a/', owner: 'team-a' },
        ],
      },
      'platform.ownership.nexus[0].path',
    ],
    [
      { nexus: [{ repository: 'Docker Hosted', path: 'a/', owner: 'team-a' }] },
      'platform.ownership.nexus[0].repository',
    ],
  ])('refuses %j naming %s', (ownership, key) => {
    expect(() => read(ownership)).toThrow(`Invalid config at ${key}`);
  });

  it('refuses a platform team that is not a group, naming the key', () => {
    expect(() => read({}, ['user:default/alice'])).toThrow(
      'Invalid config at permission.platformPolicy.platformTeams[0]',
    );
  });
});

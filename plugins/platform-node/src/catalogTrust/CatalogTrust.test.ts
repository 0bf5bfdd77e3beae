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
import path from 'node:path';
import { CatalogTrust } from './CatalogTrust';

const GITLAB = 'https://gitlab.example.com';

function trust(platform: Record<string, unknown> = {}) {
  return CatalogTrust.fromConfig(
    new ConfigReader({
      catalog: {
        locations: [{ type: 'file', target: '../../templates/all.yaml' }],
      },
      platform: {
        catalog: {
          trustedLocations: [`${GITLAB}/platform/templates/`],
          locationOwners: [
            { url: `${GITLAB}/team-payments/`, owner: 'team-payments' },
            {
              url: `${GITLAB}/team-payments/shared/`,
              owner: 'group:default/team-storefront',
            },
          ],
        },
        ...platform,
      },
    }),
  );
}

describe('CatalogTrust', () => {
  it('trusts configured locations, trusted prefixes and entity providers', () => {
    const t = trust();
    expect(
      [
        `file:${path.resolve('../../templates/all.yaml')}`,
        `url:${GITLAB}/platform/templates/-/blob/main/all.yaml`,
        'ldap://ldap.example.com',
        'platform-clusters:PlatformClusterEntityProvider',
      ].map(ref => t.isTrustedOrigin(ref)),
    ).toEqual([true, true, true, true]);
  });

  it('does not trust other files, other groups or paths that decode elsewhere', () => {
    const t = trust();
    expect(
      [
        `file:${path.resolve('../../catalog/all.yaml')}`,
        `url:${GITLAB}/team-payments/app/-/blob/main/catalog-info.yaml`,
        `url:${GITLAB}/platform/templates-evil/x.yaml`,
        `url:${GITLAB}/platform/templates/..%2F..%2Fteam-payments/x.yaml`,
        `url:${GITLAB}/platform/templates/%2e%2e/%2e%2e/team-payments/x.yaml`,
        `url:https://user:pw@gitlab.example.com/platform/templates/x.yaml`,
        'not-a-ref',
        undefined,
      ].map(ref => t.isTrustedOrigin(ref)),
    ).toEqual([false, false, false, false, false, false, false, false]);
  });

  it('gives a registered location the team of its longest GitLab group prefix', () => {
    const t = trust();
    const owner = (target: string) =>
      t.ownerOfLocation({ type: 'url', target });
    expect([
      owner(`${GITLAB}/team-payments/app/-/blob/main/catalog-info.yaml`),
      owner(`${GITLAB}/team-payments/shared/lib/catalog-info.yaml`),
      owner(`${GITLAB}/team-paymentsx/app/catalog-info.yaml`),
      owner(`${GITLAB}/team-payments/%2e%2e/platform/catalog-info.yaml`),
    ]).toEqual([
      'group:default/team-payments',
      'group:default/team-storefront',
      undefined,
      undefined,
    ]);
  });

  it('knows which GitLab group a team may publish into', () => {
    const t = trust();
    const repo = (group: string) => `${GITLAB}/${group}/checkout`;
    expect([
      t.isRepositoryOfGroup(repo('team-payments'), 'group:default/team-payments'),
      t.isRepositoryOfGroup(repo('team-payments'), 'team-payments'),
      t.isRepositoryOfGroup(repo('platform'), 'group:default/team-payments'),
      t.isRepositoryOfGroup(repo('team-payments/shared'), 'team-payments'),
      t.isRepositoryOfGroup(repo('team-payments/%2e%2e/platform'), 'team-payments'),
    ]).toEqual([true, true, false, false, false]);
  });

  it('refuses a malformed entry at start-up and names its key', () => {
    expect(() =>
      trust({
        catalog: {
          locationOwners: [{ url: `${GITLAB}/team-payments`, owner: 'x' }],
        },
      }),
    ).toThrow(/platform\.catalog\.locationOwners\[0\]\.url must be/);
    expect(() =>
      trust({
        catalog: {
          locationOwners: [{ url: `${GITLAB}/a/`, owner: 'user:default/pat' }],
        },
      }),
    ).toThrow(
      /platform\.catalog\.locationOwners\[0\]\.owner must name a group/,
    );
    expect(() =>
      trust({
        catalog: { trustedLocations: ['gitlab.example.com/platform/'] },
      }),
    ).toThrow(/platform\.catalog\.trustedLocations\[0\] must be/);
  });
});

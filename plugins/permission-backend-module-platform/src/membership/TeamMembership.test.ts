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

import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogTrust } from '@platform-portal/plugin-platform-node';
import path from 'node:path';
import { TeamMembership } from './TeamMembership';

const ORG = path.resolve('../../catalog/all.yaml');

function user(name: string, origin: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'backstage.io/managed-by-origin-location': origin },
    },
    spec: { memberOf: ['platform-team'] },
    relations: [
      { type: 'memberOf', targetRef: 'group:default/platform-team' },
    ],
  };
}

describe('TeamMembership', () => {
  const membership = new TeamMembership({
    catalog: catalogServiceMock({
      entities: [
        user('ada', `file:${ORG}`),
        user('ldap-ada', 'ldap://ldap.example.com'),
        user('mallory', 'url:https://gitlab.example.com/team-payments/x/users.yaml'),
      ],
    }),
    auth: mockServices.auth(),
    userInfo: mockServices.userInfo(),
    trust: CatalogTrust.fromConfig(
      new ConfigReader({
        catalog: { locations: [{ type: 'file', target: ORG }] },
      }),
    ),
  });

  it.each([
    ['ada', true],
    ['ldap-ada', true],
    ['mallory', false],
  ])(
    "takes %s's catalog memberships only from a trusted location (%s)",
    async (name, platform) => {
      const refs = await membership.ownershipRefs(
        mockCredentials.user(`user:default/${name}`),
      );
      expect(refs.includes('group:default/platform-team')).toBe(platform);
    },
  );
});

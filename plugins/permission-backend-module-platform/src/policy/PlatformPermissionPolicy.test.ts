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

import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  platformArgocdRollbackPermission,
  platformArgocdSyncPermission,
} from '@platform-portal/plugin-platform-common';
import { PlatformPermissionPolicy } from './PlatformPermissionPolicy';

describe('PlatformPermissionPolicy without a user principal', () => {
  const membership = {
    ownershipRefs: jest.fn(async () => ['group:default/platform-team']),
  };
  const policy = new PlatformPermissionPolicy({
    membership,
    platformTeams: ['group:default/platform-team'],
  });

  it.each([platformArgocdSyncPermission, platformArgocdRollbackPermission])(
    'denies $name to a service principal, even with refs that would be allowed',
    async permission => {
      const service = {
        credentials: mockCredentials.service('external:ci'),
        info: { userEntityRef: 'user:default/ci', ownershipEntityRefs: [] },
      } as unknown as PolicyQueryUser;
      expect(await policy.handle({ permission }, service)).toEqual({
        result: AuthorizeResult.DENY,
      });
      expect(await policy.handle({ permission }, undefined)).toEqual({
        result: AuthorizeResult.DENY,
      });
      expect(membership.ownershipRefs).not.toHaveBeenCalled();
    },
  );
});

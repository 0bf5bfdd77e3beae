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
import {
  AuthorizeResult,
  Permission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  taskCancelPermission,
  taskCreatePermission,
  taskReadPermission,
  templateManagementPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import { PlatformPermissionPolicy } from './PlatformPermissionPolicy';

const PLATFORM_ENGINEER = 'user:default/guest';
const APP_DEVELOPER = 'user:default/heidi';
// The sign-in of Backstage's guest provider: a user the catalog does not know.
const GUEST = 'user:development/guest';

/** The groups each user acts as, as the catalog would resolve them. */
const GROUPS: Record<string, string[]> = {
  [PLATFORM_ENGINEER]: ['group:default/platform-team'],
  [APP_DEVELOPER]: ['group:default/team-payments'],
  [GUEST]: [],
};

const policy = new PlatformPermissionPolicy({
  membership: {
    async ownershipRefs(credentials) {
      const { userEntityRef } = credentials.principal as {
        userEntityRef: string;
      };
      return [userEntityRef, ...GROUPS[userEntityRef]];
    },
  },
  platformTeams: ['group:default/platform-team'],
});

function signedIn(userEntityRef: string): PolicyQueryUser {
  return {
    credentials: mockCredentials.user(userEntityRef),
    info: {
      userEntityRef,
      ownershipEntityRefs: [userEntityRef, ...GROUPS[userEntityRef]],
    },
  } as unknown as PolicyQueryUser;
}

const decide = (user: string, permission: Permission) =>
  policy.handle({ permission }, signedIn(user));

describe('scaffolder decisions', () => {
  it('lets only the platform team manage templates (the editor, actions and templating extensions pages)', async () => {
    expect(
      await decide(PLATFORM_ENGINEER, templateManagementPermission),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(await decide(APP_DEVELOPER, templateManagementPermission)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await decide(GUEST, templateManagementPermission)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it("shows app developers and guests only the tasks they started, the platform team everyone's", async () => {
    expect(await decide(PLATFORM_ENGINEER, taskReadPermission)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    for (const user of [APP_DEVELOPER, GUEST]) {
      for (const permission of [taskReadPermission, taskCancelPermission]) {
        expect(await decide(user, permission)).toEqual({
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'scaffolder',
          resourceType: 'scaffolder-task',
          conditions: {
            rule: 'IS_TASK_OWNER',
            resourceType: 'scaffolder-task',
            params: { createdBy: [user] },
          },
        });
      }
    }
  });

  it('still lets everyone signed in start a task from the templates they see', async () => {
    for (const user of [PLATFORM_ENGINEER, APP_DEVELOPER, GUEST]) {
      expect(await decide(user, taskCreatePermission)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });
});

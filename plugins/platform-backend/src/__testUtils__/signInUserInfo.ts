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
import { Entity } from '@backstage/catalog-model';

/**
 * The UserInfoService a sign-in resolver's tokens give: the user's ref and,
 * as ownership claims, the groups the catalog says they are a member of.
 */
export function signInUserInfo(entities: Entity[]) {
  return mockServices.userInfo.mock({
    getUserInfo: async credentials => {
      const ref = (
        credentials.principal as { userEntityRef: string }
      ).userEntityRef.toLocaleLowerCase('en-US');
      const user = entities.find(
        e =>
          e.kind === 'User' &&
          `user:${e.metadata.namespace ?? 'default'}/${
            e.metadata.name
          }`.toLocaleLowerCase('en-US') === ref,
      );
      const groups = (user?.relations ?? [])
        .filter(r => r.type === 'memberOf')
        .map(r => r.targetRef);
      return { userEntityRef: ref, ownershipEntityRefs: [ref, ...groups] };
    },
  }).factory;
}

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

import {
  BackstageCredentials,
  BackstageNonePrincipal,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { Permission } from '@backstage/plugin-permission-common';

/**
 * Writes go to upstreams with the portal's own credentials, so they need
 * someone to answer for them: a user, or a service principal whose access
 * restrictions name the permission. Backstage lets a service principal
 * without restrictions through every permission check (the policy never
 * sees it), so any token signed with the backend secret would otherwise do.
 */
export function requireWritePrincipal(
  credentials: BackstageCredentials,
  permission: Permission,
): void {
  const principal = credentials.principal as
    | BackstageUserPrincipal
    | BackstageServicePrincipal
    | BackstageNonePrincipal;
  if (principal.type === 'user') return;
  if (
    principal.type === 'service' &&
    principal.accessRestrictions?.permissionNames?.includes(permission.name)
  ) {
    return;
  }
  throw new NotAllowedError(
    `Missing permission ${permission.name}: a service principal needs backend.auth access restrictions naming it`,
  );
}

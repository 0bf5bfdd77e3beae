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
  AuthService,
  BackstageUserInfo,
  UserInfoService,
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_ORIGIN_LOCATION,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CatalogTrust } from '@platform-portal/plugin-platform-node';

/** How long a user's catalog memberships are reused between decisions. */
const CACHE_TTL_MS = 10_000;

/**
 * The entity refs a signed-in user acts as: the user itself and its groups.
 *
 * The sign-in token already carries ownership refs, but it lives for an hour;
 * the catalog's memberOf relations (from LDAP in production) are read as well,
 * so a membership change in the directory reaches decisions at the next
 * catalog refresh instead of the next sign-in.
 */
export class TeamMembership {
  private readonly cache = new Map<
    string,
    { refs: string[]; expiresAt: number }
  >();

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      userInfo: UserInfoService;
      /** Which catalog locations may say who belongs to a team. */
      trust: CatalogTrust;
    },
  ) {}

  async ownershipRefs(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<string[]> {
    const info = await this.deps.userInfo.getUserInfo(credentials);
    const key = info.userEntityRef;
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt > Date.now()) {
      return cached.refs;
    }
    const { refs, inCatalog } = await this.resolve(info);
    // A user the catalog does not have yet may be ingested any moment.
    if (inCatalog) {
      this.cache.set(key, { refs, expiresAt: Date.now() + CACHE_TTL_MS });
    }
    return refs;
  }

  private async resolve(
    info: BackstageUserInfo,
  ): Promise<{ refs: string[]; inCatalog: boolean }> {
    const refs = new Set(
      [info.userEntityRef, ...info.ownershipEntityRefs].map(normalize),
    );
    const user = await this.deps.catalog.getEntityByRef(info.userEntityRef, {
      credentials: await this.deps.auth.getOwnServiceCredentials(),
    });
    // A User from a location the platform does not control (should the
    // catalog's rules ever let one in) says nothing about its teams.
    const trusted = this.deps.trust.isTrustedOrigin(
      user?.metadata.annotations?.[ANNOTATION_ORIGIN_LOCATION],
    );
    for (const relation of trusted ? user?.relations ?? [] : []) {
      if (relation.type === 'memberOf') {
        refs.add(normalize(relation.targetRef));
      }
    }
    return { refs: [...refs], inCatalog: user !== undefined };
  }
}

function normalize(ref: string): string {
  return stringifyEntityRef(parseEntityRef(ref)).toLocaleLowerCase('en-US');
}

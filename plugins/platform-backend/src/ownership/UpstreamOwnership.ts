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
  BackstageCredentials,
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { OWNERSHIP_KEYS, OwnershipConfig } from './readOwnershipConfig';

/** Who is asking: a user with their groups, or a service the route already let through. */
export type Actor =
  | {
      type: 'user';
      userEntityRef: string;
      groups: Set<string>;
      platform: boolean;
    }
  | { type: 'service' };

export type Upstream = keyof typeof UPSTREAM_KEYS;

const UPSTREAM_KEYS = {
  argocd: OWNERSHIP_KEYS.argocd,
  gitlab: OWNERSHIP_KEYS.gitlab,
  nexus: OWNERSHIP_KEYS.nexus,
} as const;

const MEMBERSHIP_TTL_MS = 10_000;

function normalize(ref: string, defaultNamespace = 'default'): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind: 'group', defaultNamespace }),
  ).toLocaleLowerCase('en-US');
}

/**
 * The owner of an upstream object comes from the platform's config, never
 * from catalog data: an entity may select what to show, but whoever wrote it
 * chose its annotations and its owner.
 */
export class UpstreamOwnership {
  private readonly platformTeams: Set<string>;
  private readonly memberships = new Map<
    string,
    { groups: Set<string>; expiresAt: number }
  >();

  constructor(
    private readonly config: OwnershipConfig,
    private readonly deps: {
      userInfo: UserInfoService;
      catalog: CatalogService;
      auth: AuthService;
    },
  ) {
    this.platformTeams = new Set(config.platformTeams);
  }

  /** The config key that decides ownership for an upstream, for messages. */
  keyOf(upstream: Upstream): string {
    return UPSTREAM_KEYS[upstream];
  }

  argocdOwner(project: string): string | undefined {
    return this.config.argocdProjects.get(project);
  }

  /** The owner of the GitLab project at `projectPath` (`group/sub/project`): its nearest mapped group. */
  gitlabOwner(projectPath: string): string | undefined {
    const segments = projectPath.split('/').slice(0, -1);
    for (let n = segments.length; n > 0; n--) {
      const owner = this.config.gitlabGroups.get(
        segments.slice(0, n).join('/'),
      );
      if (owner) return owner;
    }
    return undefined;
  }

  nexusOwner(repository: string, name: string): string | undefined {
    let best: { path: string; owner: string } | undefined;
    for (const entry of this.config.nexus) {
      if (entry.repository !== repository) continue;
      const matches = entry.path.endsWith('/')
        ? name.startsWith(entry.path)
        : name === entry.path;
      if (matches && (!best || entry.path.length > best.path.length)) {
        best = entry;
      }
    }
    return best?.owner;
  }

  /** The entity's owner group as the catalog states it, in normal form. */
  entityOwner(entity: Entity): string | undefined {
    const related = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
    if (related) return normalize(related.targetRef);
    const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
    return typeof owner === 'string' && owner
      ? normalize(owner, entity.metadata.namespace ?? 'default')
      : undefined;
  }

  async actor(credentials: BackstageCredentials): Promise<Actor> {
    if ((credentials.principal as { type?: string }).type !== 'user') {
      return { type: 'service' };
    }
    const user = credentials as BackstageCredentials<BackstageUserPrincipal>;
    const userEntityRef =
      user.principal.userEntityRef.toLocaleLowerCase('en-US');
    const groups = await this.groupsOf(user, userEntityRef);
    return {
      type: 'user',
      userEntityRef,
      groups,
      platform: [...groups].some(g => this.platformTeams.has(g)),
    };
  }

  /**
   * Reads: an object is shown on an entity's page when the config gives it to
   * the entity's owner group and the viewer could read it themselves (a member
   * of that group, or of a platform team). An unmapped object is nobody's.
   */
  mayShow(owner: string | undefined, entity: Entity, actor: Actor): boolean {
    if (!owner || owner !== this.entityOwner(entity)) return false;
    return (
      actor.type === 'service' || actor.platform || actor.groups.has(owner)
    );
  }

  /** As `mayShow`, for a single object a page cannot show without: 403 saying why. */
  requireShown(
    upstream: Upstream,
    object: string,
    owner: string | undefined,
    entity: Entity,
    actor: Actor,
  ): void {
    if (this.mayShow(owner, entity, actor)) return;
    const entityOwner = this.entityOwner(entity) ?? 'nobody';
    if (owner !== entityOwner) {
      throw new NotAllowedError(
        `${object} belongs to ${owner ?? 'no team'} by ${this.keyOf(
          upstream,
        )}, not to the entity's owner ${entityOwner}`,
      );
    }
    throw new NotAllowedError(
      `${object} belongs to ${owner} by ${this.keyOf(upstream)}, and ${
        actor.type === 'user' ? actor.userEntityRef : 'the caller'
      } is not a member`,
    );
  }

  /**
   * Writes on a user's behalf: the user is a member of the owning group, or of
   * a platform team. A service principal got here only with an access
   * restriction naming the permission, which the platform configured.
   */
  requireWriter(
    actor: Actor,
    upstream: Upstream,
    object: string,
    owner: string | undefined,
  ): void {
    if (actor.type === 'service' || actor.platform) return;
    if (!owner) {
      throw new NotAllowedError(
        `${object} has no owner in ${this.keyOf(
          upstream,
        )}; only a platform team may act on it`,
      );
    }
    if (!actor.groups.has(owner)) {
      throw new NotAllowedError(
        `${object} belongs to ${owner} by ${this.keyOf(upstream)}, and ${
          actor.userEntityRef
        } is not a member`,
      );
    }
  }

  private async groupsOf(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    userEntityRef: string,
  ): Promise<Set<string>> {
    const cached = this.memberships.get(userEntityRef);
    if (cached && cached.expiresAt > Date.now()) return cached.groups;
    const info = await this.deps.userInfo.getUserInfo(credentials);
    const groups = new Set(
      info.ownershipEntityRefs
        .map(ref => normalize(ref))
        .filter(ref => ref.startsWith('group:')),
    );
    // The catalog's relations, read with the plugin's own credentials: the
    // token's claims may predate a membership change either way.
    const user = await this.deps.catalog.getEntityByRef(userEntityRef, {
      credentials: await this.deps.auth.getOwnServiceCredentials(),
    });
    for (const relation of user?.relations ?? []) {
      if (relation.type === 'memberOf')
        groups.add(normalize(relation.targetRef));
    }
    if (user) {
      this.memberships.set(userEntityRef, {
        groups,
        expiresAt: Date.now() + MEMBERSHIP_TTL_MS,
      });
    }
    return groups;
  }
}

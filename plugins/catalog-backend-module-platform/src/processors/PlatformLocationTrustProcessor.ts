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
  Entity,
  parseEntityRef,
  stringifyEntityRef,
  stringifyLocationRef,
} from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { CatalogProcessor, LocationSpec } from '@backstage/plugin-catalog-node';
import { CatalogTrust } from '@platform-portal/plugin-platform-node';
import { CLUSTER_ENTITY_TYPE } from '../lib/clusterEntity';

/** Kinds that decide who belongs to a team or what runs with the portal's credentials. */
const PLATFORM_KINDS = new Set(['template', 'group', 'user', 'system']);

/**
 * Refuses, from locations the platform does not control, the entities only
 * the platform may define (Templates, Groups, Users, Systems, clusters), and
 * any entity not owned by the team the location belongs to
 * (`platform.catalog.locationOwners`). `catalog.rules` refuses kinds too, but
 * cannot tell a cluster from another Resource nor one team from another.
 *
 * @public
 */
export class PlatformLocationTrustProcessor implements CatalogProcessor {
  constructor(private readonly trust: CatalogTrust) {}

  getProcessorName(): string {
    return 'PlatformLocationTrustProcessor';
  }

  async preProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    _emit: unknown,
    originLocation: LocationSpec,
  ): Promise<Entity> {
    if (this.trust.isTrustedOrigin(originLocation)) {
      return entity;
    }
    const kind = entity.kind.toLocaleLowerCase('en-US');
    const what = `${stringifyEntityRef(entity)} from ${stringifyLocationRef(
      originLocation,
    )}`;
    if (
      PLATFORM_KINDS.has(kind) ||
      (kind === 'resource' && entity.spec?.type === CLUSTER_ENTITY_TYPE)
    ) {
      throw new NotAllowedError(
        `${what} refused by the platform's trusted-locations rule: ${
          kind === 'resource'
            ? `${CLUSTER_ENTITY_TYPE} Resources`
            : `${entity.kind} entities`
        } are accepted only from locations the platform controls (catalog.locations, platform.catalog.trustedLocations)`,
      );
    }
    // A Location only points further; what it points at is checked in turn.
    if (kind === 'location') {
      return entity;
    }
    const locationOwner = this.trust.ownerOfLocation(originLocation);
    if (!locationOwner) {
      throw new NotAllowedError(
        `${what} refused by the platform's location-owner rule: the location belongs to no team in platform.catalog.locationOwners, so it may hold no owned entities`,
      );
    }
    const owner = ownerRef(entity);
    if (owner !== locationOwner) {
      throw new NotAllowedError(
        `${what} refused by the platform's location-owner rule: spec.owner is ${
          owner ?? 'missing'
        } but the location belongs to ${locationOwner} (platform.catalog.locationOwners)`,
      );
    }
    return entity;
  }
}

function ownerRef(entity: Entity): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || owner.length === 0) {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

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
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { platformEntityReadPermission } from '@platform-portal/plugin-platform-common';
import express from 'express';
import { entityRefParams } from './entityRefParams';

/** An entity as the caller may see it, with the credentials that read it. */
export interface LoadedEntity {
  entity: Entity;
  /** `kind:namespace/name`, lower case: the same for every viewer. */
  ref: string;
  credentials: BackstageCredentials;
}

/**
 * Loads the entity a request names from the catalog with the caller's own
 * credentials, so a viewer never gets data for an entity the catalog hides
 * from them.
 */
export class EntityLoader {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      httpAuth: HttpAuthService;
      permissions: PermissionsService;
    },
  ) {}

  /** 400 on a malformed ref, 401/403 without credentials or permission, 404 when absent or hidden. */
  async load(req: express.Request): Promise<LoadedEntity> {
    const compound = entityRefParams(req);
    const { httpAuth, permissions, catalog } = this.options;
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: platformEntityReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Missing permission ${platformEntityReadPermission.name}`,
      );
    }
    const ref = stringifyEntityRef(compound).toLocaleLowerCase('en-US');
    const entity = await catalog.getEntityByRef(compound, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity ${ref} in the catalog`);
    }
    return { entity, ref, credentials };
  }
}

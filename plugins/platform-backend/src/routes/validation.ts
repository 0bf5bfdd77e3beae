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
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  isLayerId,
  platformHealthReadPermission,
} from '@platform-portal/plugin-platform-common';
import express from 'express';
import { echo } from './echo';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Throws 401 without credentials and 403 without the health read permission. */
export function healthReadGuard(
  httpAuth: HttpAuthService,
  permissions: PermissionsService,
) {
  return async (req: express.Request) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: platformHealthReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Missing permission ${platformHealthReadPermission.name}`,
      );
    }
  };
}

/**
 * The calling person's credentials, 401 for a service or nobody and 403
 * without the permission: for actions a person answers for.
 */
export async function requireUserPermission(
  httpAuth: HttpAuthService,
  permissions: PermissionsService,
  req: express.Request,
  permission: BasicPermission,
) {
  const credentials = await httpAuth.credentials(req, { allow: ['user'] });
  const [decision] = await permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(`Missing permission ${permission.name}`);
  }
  return credentials;
}

/** The `:cluster` path parameter, 400 when it cannot be a cluster name. */
export function clusterParam(req: express.Request): string {
  const cluster = req.params.cluster;
  if (!DNS_1123_LABEL.test(cluster) || cluster.length > 63) {
    throw new InputError(
      `Invalid path parameter 'cluster': '${echo(
        cluster,
      )}' is not a cluster name (DNS-1123 label)`,
    );
  }
  return cluster;
}

/** The `:layer` path parameter, 404 when no such layer exists. */
export function layerParam(req: express.Request) {
  const layer = req.params.layer;
  if (!isLayerId(layer)) {
    throw new NotFoundError(
      `No layer '${echo(layer)}'; the layers are the 13 ids of GET /layers`,
    );
  }
  return layer;
}

/** An optional positive integer query parameter, 400 naming it otherwise. */
export function intQuery(
  req: express.Request,
  name: string,
  options: { default: number; max: number },
): number {
  const raw = req.query[name];
  if (raw === undefined) {
    return options.default;
  }
  const value =
    typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(value) || value < 1 || value > options.max) {
    throw new InputError(
      `Invalid query parameter '${name}': must be an integer from 1 to ${options.max}`,
    );
  }
  return value;
}

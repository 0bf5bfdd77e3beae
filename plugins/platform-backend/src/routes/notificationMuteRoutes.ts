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
import { InputError } from '@backstage/errors';
import { platformHealthReadPermission } from '@platform-portal/plugin-platform-common';
import express from 'express';
import { HealthReadModel } from '../health/HealthReadModel';
import { ClusterMuteStore } from '../notifications/ClusterMuteStore';
import { PlatformApiRouter } from './PlatformApiRouter';
import { clusterParam, requireUserPermission } from './validation';

/** `{ muted: boolean }`, 400 naming the field otherwise. */
function mutedOf(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError(
      `Invalid body: must be a JSON object with the field 'muted'`,
    );
  }
  const muted = (body as Record<string, unknown>).muted;
  if (typeof muted !== 'boolean') {
    throw new InputError(
      muted === undefined
        ? `Missing field 'muted'`
        : `Invalid field 'muted': must be true or false`,
    );
  }
  return muted;
}

/**
 * GET and PUT /clusters/:cluster/notifications: the signed-in person's mute
 * of the owner notifications about one cluster. Only the person's own
 * settings change, so reading the platform is the right it needs.
 */
export function notificationMuteRoutes(
  router: PlatformApiRouter,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    health: HealthReadModel;
    mutes: ClusterMuteStore;
  },
): void {
  const { httpAuth, permissions, health, mutes } = options;
  const person = (req: express.Request) =>
    requireUserPermission(
      httpAuth,
      permissions,
      req,
      platformHealthReadPermission,
    );

  router.get('/clusters/:cluster/notifications', async (req, res) => {
    const { principal } = await person(req);
    const cluster = health.requireCluster(clusterParam(req)).name;
    res.json({
      cluster,
      muted: await mutes.isMuted(principal.userEntityRef, cluster),
    });
  });

  router.put('/clusters/:cluster/notifications', async (req, res) => {
    const { principal } = await person(req);
    const cluster = health.requireCluster(clusterParam(req)).name;
    const muted = mutedOf(req.body);
    await mutes.set(principal.userEntityRef, cluster, muted);
    res.json({ cluster, muted });
  });
}

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

import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { EntityWorkloadsResponse } from '@platform-portal/plugin-platform-common';
import express from 'express';
import { UpstreamOwnership } from '../../ownership/UpstreamOwnership';
import { EntityLoader } from '../entity/EntityLoader';
import { PlatformApiRouter } from '../PlatformApiRouter';
import { logQueryOf } from './logQuery';
import { FOLLOW_LIMITS, FollowLimits, streamPodLog } from './streamPodLog';
import {
  WorkloadReaderFor,
  WorkloadService,
} from '../../workloads/WorkloadService';

export interface WorkloadRouteOptions {
  router: PlatformApiRouter;
  entities: EntityLoader;
  ownership: UpstreamOwnership;
  service: WorkloadService;
  /** As whom this request reads the clusters. */
  readersFor: (credentials: BackstageCredentials) => WorkloadReaderFor;
  followLimits?: FollowLimits;
}

/**
 * GET /workloads/:namespace/:kind/:name and its /logs: the entity must be
 * one the catalog shows the caller (the entity routes' own check), and each
 * cluster's namespace its owner's.
 */
export function workloadRoutes(options: WorkloadRouteOptions): void {
  const { router, entities, ownership, service, readersFor } = options;
  router.get('/workloads/:namespace/:kind/:name', async (req, res) => {
    const { entity, credentials } = await entities.load(req);
    const actor = await ownership.actor(credentials);
    const body: EntityWorkloadsResponse = await service.describe(
      entity,
      actor,
      readersFor(credentials),
    );
    res.json(body);
  });
  router.get('/workloads/:namespace/:kind/:name/logs', async (req, res) => {
    const { entity, credentials } = await entities.load(req);
    const query = logQueryOf(req);
    const actor = await ownership.actor(credentials);
    const target = await service.locatePod(
      entity,
      actor,
      readersFor(credentials),
      query,
    );
    // The log is streamed (text/plain, chunked), which the typed response,
    // knowing only send(string), does not describe.
    await streamPodLog(
      req,
      res as express.Response,
      target,
      query,
      options.followLimits ?? FOLLOW_LIMITS,
    );
  });
}

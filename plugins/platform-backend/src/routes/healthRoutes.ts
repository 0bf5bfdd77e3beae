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

import express from 'express';
import { HealthReadModel } from '../health/HealthReadModel';
import { PlatformApiRouter } from './PlatformApiRouter';
import { clusterParam, intQuery, layerParam } from './validation';

/** The health API, served from the store only: a page view never calls upstreams. */
export function healthRoutes(
  router: PlatformApiRouter,
  options: {
    health: HealthReadModel;
    guard: (req: express.Request) => Promise<void>;
  },
): void {
  const { health, guard } = options;

  router.get('/health', async (req, res) => {
    await guard(req);
    const { body, etag } = await health.fleetSnapshot();
    // Express answers 304 when If-None-Match carries this tag.
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'private, no-cache');
    // The store keeps the FleetHealth answer already serialised, so it is
    // sent as bytes rather than through the typed res.json.
    (res as express.Response).type('application/json').send(body);
  });

  router.get('/health/:cluster', async (req, res) => {
    await guard(req);
    res.json(await health.cluster(clusterParam(req)));
  });

  router.get('/health/:cluster/history', async (req, res) => {
    await guard(req);
    const cluster = clusterParam(req);
    const limit = intQuery(req, 'limit', { default: 100, max: 1000 });
    res.json(await health.history(cluster, limit));
  });

  router.get('/health/:cluster/:layer', async (req, res) => {
    await guard(req);
    const cluster = clusterParam(req);
    const layer = layerParam(req);
    res.json(await health.layer(cluster, layer));
  });
}

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
import { ConfiguredCluster } from '../config/readPlatformConfig';
import { HealthReadModel } from '../health/HealthReadModel';
import { UpgradePlanner } from '../upgrades/UpgradePlanner';
import { PlatformApiRouter } from './PlatformApiRouter';
import { clusterParam } from './validation';

export function upgradeRoutes(
  router: PlatformApiRouter,
  options: {
    clusters: ConfiguredCluster[];
    health: HealthReadModel;
    upgrades: UpgradePlanner;
    guard: (req: express.Request) => Promise<void>;
  },
): void {
  const { clusters, health, upgrades, guard } = options;
  router.get('/upgrades', async (req, res) => {
    await guard(req);
    res.json(await upgrades.fleet(clusters));
  });
  router.get('/upgrades/:cluster', async (req, res) => {
    await guard(req);
    const cluster = health.requireCluster(clusterParam(req));
    res.json(await upgrades.plan(cluster, req.query.target));
  });
}

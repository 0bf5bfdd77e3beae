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

import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { HealthStore } from '../store/HealthStore';
import { HealthEngine } from './HealthEngine';

export const HEALTH_REFRESH_TASK_ID = 'platform-health-refresh';

/**
 * Schedules the fleet refresh once across replicas; each cluster's result is
 * stored as soon as it is ready, so a slow cluster never delays the others.
 */
export async function scheduleHealthRefresh(options: {
  scheduler: SchedulerService;
  engine: HealthEngine;
  store: HealthStore;
  logger: LoggerService;
  intervalSeconds: number;
}): Promise<void> {
  const { scheduler, engine, store, logger, intervalSeconds } = options;
  await scheduler.scheduleTask({
    id: HEALTH_REFRESH_TASK_ID,
    scope: 'global',
    frequency: { seconds: intervalSeconds },
    timeout: { seconds: Math.max(intervalSeconds * 5, 300) },
    fn: async signal => {
      await engine.evaluateFleet(signal, async (cluster, layers, outage) => {
        const changes = await store.saveCluster(cluster, layers, outage);
        if (outage) {
          logger.warn(
            `Kubernetes API of ${cluster} cannot be reached (${outage.errorClass}); its layers keep their last known verdicts`,
          );
        }
        for (const change of changes) {
          logger.info(
            `Platform health of ${cluster}/${change.layer}: ${
              change.from ?? 'none'
            } -> ${change.to}`,
          );
        }
      });
    },
  });
}

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

import { SchedulerService } from '@backstage/backend-plugin-api';
import { HealthEngine } from './HealthEngine';
import { RecordClusterHealth } from './healthRecorder';

export const HEALTH_REFRESH_TASK_ID = 'platform-health-refresh';

/**
 * Schedules the fleet refresh once across replicas; each cluster's result is
 * stored as soon as it is ready, so a slow cluster never delays the others.
 * With watches on, this poll is the safety net for what they miss.
 */
export async function scheduleHealthRefresh(options: {
  scheduler: SchedulerService;
  engine: HealthEngine;
  record: RecordClusterHealth;
  intervalSeconds: number;
}): Promise<void> {
  const { scheduler, engine, record, intervalSeconds } = options;
  await scheduler.scheduleTask({
    id: HEALTH_REFRESH_TASK_ID,
    scope: 'global',
    frequency: { seconds: intervalSeconds },
    timeout: { seconds: Math.max(intervalSeconds * 5, 300) },
    fn: async signal => {
      await engine.evaluateFleet(signal, record);
    },
  });
}

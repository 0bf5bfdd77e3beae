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
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { HEALTH_REFRESH_TASK_ID } from '../health/scheduleHealthRefresh';

/**
 * A module that hands the platform plugin's scheduler to the test, so it can
 * run a health refresh and wait for it to finish.
 *
 * @public
 */
export function captureScheduler() {
  let scheduler: SchedulerService | undefined;
  return {
    module: createBackendModule({
      pluginId: 'platform',
      moduleId: 'test-scheduler-capture',
      register(env) {
        env.registerInit({
          deps: { scheduler: coreServices.scheduler },
          async init(deps) {
            scheduler = deps.scheduler;
          },
        });
      },
    }),
    /** Runs one health refresh across the fleet and resolves when it is done. */
    refreshHealth: () => {
      if (!scheduler) {
        throw new Error('The backend has not started');
      }
      return scheduler.triggerTask(HEALTH_REFRESH_TASK_ID);
    },
  };
}

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
  DatabaseService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { OwnerNotice } from './ownerNotices';
import { OwnerNotifier } from './OwnerNotifier';
import { OwnerNoticeStore } from './OwnerNoticeStore';
import { ClusterMuteStore } from './ClusterMuteStore';

export const OWNER_NOTICES_TASK_ID = 'platform-owner-notices';

/**
 * Every replica looks for notices every five minutes, the first a minute
 * after start-up; the notice store lets one replica send each.
 */
export async function scheduleOwnerNotices(deps: {
  scheduler: SchedulerService;
  database: DatabaseService;
  notifications: Pick<NotificationService, 'send'>;
  logger: LoggerService;
  collect: () => Promise<OwnerNotice[]>;
  mutes: ClusterMuteStore;
}): Promise<void> {
  const notifier = new OwnerNotifier({
    store: await OwnerNoticeStore.create(deps.database),
    notifications: deps.notifications,
    collect: deps.collect,
    logger: deps.logger,
    mutedBy: cluster => deps.mutes.mutedBy(cluster),
  });
  await deps.scheduler.scheduleTask({
    id: OWNER_NOTICES_TASK_ID,
    frequency: { minutes: 5 },
    timeout: { minutes: 4 },
    initialDelay: { minutes: 1 },
    scope: 'local',
    fn: async () => {
      const sent = await notifier.run();
      if (sent > 0) deps.logger.info(`Sent ${sent} owner notice(s)`);
    },
  });
}

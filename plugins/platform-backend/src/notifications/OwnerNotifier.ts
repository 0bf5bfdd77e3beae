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

import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { getLayer } from '@platform-portal/plugin-platform-common';
import { OwnerNotice } from './ownerNotices';
import { OwnerNoticeStore } from './OwnerNoticeStore';

/** The catalog groups that own a layer (platform.md's owners column). */
export function layerOwners(notice: Pick<OwnerNotice, 'layer'>): string[] {
  return getLayer(notice.layer).owners.map(owner => `group:default/${owner}`);
}

/**
 * Tells a layer's owning groups about each notice once: every replica runs
 * this on the same stored state, and the notice store lets one of them send.
 */
export class OwnerNotifier {
  constructor(
    private readonly deps: {
      store: OwnerNoticeStore;
      notifications: Pick<NotificationService, 'send'>;
      collect: () => Promise<OwnerNotice[]>;
      logger: LoggerService;
      /** The people who muted a cluster; none when left out. */
      mutedBy?: (cluster: string) => Promise<string[]>;
    },
  ) {}

  /** Sends what is new; answers how many this replica sent. */
  async run(now: Date = new Date()): Promise<number> {
    const { store, notifications, collect, logger, mutedBy } = this.deps;
    let sent = 0;
    for (const notice of await collect()) {
      if (!(await store.claim(notice.key, notice.cluster, now))) continue;
      try {
        // The notifications backend drops excluded people after resolving the groups.
        const muted = mutedBy ? await mutedBy(notice.cluster) : [];
        await notifications.send({
          recipients: {
            type: 'entity',
            entityRef: layerOwners(notice),
            ...(muted.length > 0 ? { excludeEntityRef: muted } : {}),
          },
          payload: {
            title: notice.title,
            description: notice.description,
            link: notice.link,
            severity: notice.severity,
            // One topic per cluster in the notification settings page.
            topic: notice.cluster,
            scope: notice.key,
          },
        });
        sent++;
      } catch (error) {
        await store.release(notice.key);
        logger.warn(
          `Could not notify the owners of ${notice.layer} on ${
            notice.cluster
          }: ${(error as Error).message}`,
        );
      }
    }
    return sent;
  }
}

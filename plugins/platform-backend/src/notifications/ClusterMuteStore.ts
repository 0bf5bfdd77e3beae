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

import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { migratedClient } from '../store/migratedClient';

const TABLE = 'platform_notification_mutes';

/**
 * Who muted which cluster's owner notices, kept in the plugin's database so
 * every replica leaves the same people out. The notifications backend's own
 * topic settings would not do: its settings endpoint only carries topics a
 * person has already received, so a mute of a quiet cluster would be dropped
 * by the next save of their settings.
 */
export class ClusterMuteStore {
  static async create(database: DatabaseService): Promise<ClusterMuteStore> {
    return new ClusterMuteStore(await migratedClient(database));
  }

  constructor(private readonly knex: Knex) {}

  async isMuted(userEntityRef: string, cluster: string): Promise<boolean> {
    const row = await this.knex(TABLE)
      .where({ user_entity_ref: userEntityRef, cluster })
      .first();
    return Boolean(row);
  }

  /** Mutes or unmutes; doing it twice changes nothing. */
  async set(
    userEntityRef: string,
    cluster: string,
    muted: boolean,
    now: Date = new Date(),
  ): Promise<void> {
    const key = { user_entity_ref: userEntityRef, cluster };
    if (!muted) {
      await this.knex(TABLE).where(key).delete();
      return;
    }
    await this.knex(TABLE)
      .insert({ ...key, muted_at: now })
      .onConflict(['user_entity_ref', 'cluster'])
      .ignore();
  }

  /** The people who muted the cluster, as user entity refs. */
  async mutedBy(cluster: string): Promise<string[]> {
    const rows: Array<{ user_entity_ref: string }> = await this.knex(TABLE)
      .where({ cluster })
      .select('user_entity_ref')
      .orderBy('user_entity_ref');
    return rows.map(r => r.user_entity_ref);
  }
}

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

const TABLE = 'platform_owner_notices';

/**
 * Which owner notices were sent, shared by every replica through the
 * database: the first replica to claim a notice's key sends it, the others
 * find it taken.
 */
export class OwnerNoticeStore {
  static async create(database: DatabaseService): Promise<OwnerNoticeStore> {
    return new OwnerNoticeStore(await migratedClient(database));
  }

  constructor(private readonly knex: Knex) {}

  /** True when this caller is the first to claim the key. */
  async claim(key: string, cluster: string, now: Date): Promise<boolean> {
    try {
      await this.knex(TABLE).insert({
        notice_key: key,
        cluster,
        sent_at: now,
      });
      return true;
    } catch (error) {
      // The primary key refused a second insert: another replica has it.
      if (await this.knex(TABLE).where({ notice_key: key }).first()) {
        return false;
      }
      throw error;
    }
  }

  /** Gives a claim back when its notice could not be sent, so it is tried again. */
  async release(key: string): Promise<void> {
    await this.knex(TABLE).where({ notice_key: key }).delete();
  }
}

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

import { mockServices } from '@backstage/backend-test-utils';
import { platformTestDatabases } from '../__testUtils__/testDatabases';
import { ClusterMuteStore } from './ClusterMuteStore';

const databases = platformTestDatabases();
jest.setTimeout(60_000);

describe.each(databases.eachSupportedId())(
  'ClusterMuteStore on %s',
  databaseId => {
    it('keeps each person’s mute per cluster; muting twice or unmuting what was never muted changes nothing', async () => {
      const knex = await databases.init(databaseId);
      const store = await ClusterMuteStore.create(
        mockServices.database({ knex }),
      );
      await store.set('user:default/alice', 'prod-eu-2', true);
      await store.set('user:default/alice', 'prod-eu-2', true);
      await store.set('user:default/bob', 'prod-eu-2', true);
      await store.set('user:default/bob', 'prod-eu-1', false);
      expect(await store.mutedBy('prod-eu-2')).toEqual([
        'user:default/alice',
        'user:default/bob',
      ]);
      expect(await store.mutedBy('prod-eu-1')).toEqual([]);
      expect(await store.isMuted('user:default/alice', 'prod-eu-1')).toBe(
        false,
      );

      await store.set('user:default/bob', 'prod-eu-2', false);
      expect(await store.mutedBy('prod-eu-2')).toEqual(['user:default/alice']);
      expect(await store.isMuted('user:default/alice', 'prod-eu-2')).toBe(true);
    });
  },
);

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
import { resolve } from 'node:path';
import { platformTestDatabases } from '../__testUtils__/testDatabases';
import { AttestationStore } from './AttestationStore';

const databases = platformTestDatabases();
jest.setTimeout(60_000);

describe.each(databases.eachSupportedId())(
  'AttestationStore on %s',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      return {
        knex,
        store: await AttestationStore.create(mockServices.database({ knex })),
      };
    }

    it('keeps every attestation and serves the latest per cluster and step', async () => {
      const { store } = await createStore();
      await store.add({
        cluster: 'c1',
        step: 6,
        attestedBy: 'user:default/alice',
        attestedAt: '2026-11-26T10:00:00.000Z',
      });
      await store.add({
        cluster: 'c1',
        step: 6,
        attestedBy: 'user:default/bob',
        attestedAt: '2026-11-26T11:00:00.000Z',
        note: 'kubeadm, see the platform RFC',
      });
      await store.add({
        cluster: 'c2',
        step: 3,
        attestedBy: 'user:default/carol',
        attestedAt: '2026-11-26T09:00:00.000Z',
      });
      expect(await store.latest('c1')).toEqual([
        {
          cluster: 'c1',
          step: 6,
          attestedBy: 'user:default/bob',
          attestedAt: '2026-11-26T11:00:00.000Z',
          note: 'kubeadm, see the platform RFC',
        },
      ]);
      expect((await store.latest()).map(a => a.attestedBy).sort()).toEqual([
        'user:default/bob',
        'user:default/carol',
      ]);
      expect(await store.latest('c3')).toEqual([]);
    });

    it('migrates down and up again', async () => {
      const { knex } = await createStore();
      expect(
        await knex.schema.hasTable('platform_build_out_attestations'),
      ).toBe(true);
      // Roll back this migration (and the later ones), then re-apply them.
      const directory = resolve(__dirname, '../../migrations');
      await knex.migrate.down({
        directory,
        name: '20261126180000_build_out_attestations.js',
      });
      expect(
        await knex.schema.hasTable('platform_build_out_attestations'),
      ).toBe(false);
      await knex.migrate.latest({ directory });
      expect(
        await knex.schema.hasTable('platform_build_out_attestations'),
      ).toBe(true);
    });
  },
);

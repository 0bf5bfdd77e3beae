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
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { LayerHealth } from '@platform-portal/plugin-platform-common';
import knexFactory, { Knex } from 'knex';
import { platformTestDatabases } from '../__testUtils__/testDatabases';
import { OwnerNotifier } from './OwnerNotifier';
import { OwnerNoticeStore } from './OwnerNoticeStore';
import {
  backupNotices,
  certificateNotices,
  layerNotices,
  OwnerNotice,
} from './ownerNotices';

const databases = platformTestDatabases();
jest.setTimeout(60_000);

const storage = (since: string): LayerHealth => ({
  cluster: 'prod-eu-2',
  layer: 'storage',
  verdict: 'critical',
  observedAt: '2026-11-26T12:00:00.000Z',
  since,
  checks: [
    {
      id: 'storage.longhorn-backup-age',
      title: 'Every volume with data was backed up within 26h',
      verdict: 'critical',
      message: 'Volume/longhorn-system/pvc-payments-db never backed up',
      evidence: [],
    },
  ],
});

function notices(since: string): OwnerNotice[] {
  return [
    ...layerNotices('prod-eu-2', 'production', [storage(since)]),
    ...certificateNotices([
      {
        cluster: 'prod-eu-2',
        source: 'cert-manager',
        name: 'payments-api-tls',
        namespace: 'payments',
        notAfter: '2026-12-05T12:00:00.000Z',
        daysLeft: 9,
        renewing: false,
        lastFailure: { message: 'rate limited' },
      },
    ]),
    ...backupNotices('onprem-kubeadm-1', [
      {
        subject: 'etcd',
        source: 'CronJob/kube-system/etcd-snapshot',
        lastSuccessAt: '2026-11-23T06:00:40.000Z',
        ageHours: 77,
        limitHours: 26,
        overLimit: true,
      },
    ]),
  ];
}

describe('owner notices', () => {
  it('tells a production layer that turned critical, a certificate under 14 days that is not renewing and a stale backup, each to its layer', () => {
    const [layer, certificate, backup] = notices('2026-11-26T11:00:00.000Z');
    expect(layer).toMatchObject({
      title: 'Storage is critical on prod-eu-2',
      link: '/platform/clusters/prod-eu-2/layers/storage',
      layer: 'storage',
    });
    expect(certificate).toMatchObject({
      title:
        'Certificate payments/payments-api-tls on prod-eu-2 expires in 9 days',
      description:
        'Expires 2026-12-05T12:00:00.000Z and is not renewing: rate limited',
      layer: 'security',
      link: '/platform/certificates',
    });
    expect(backup).toMatchObject({
      title: 'etcd on onprem-kubeadm-1 was last backed up 3d 5h ago',
      layer: 'provisioning',
    });
  });

  it('stays quiet about staging, a renewing certificate and a backup within its limit', () => {
    expect(layerNotices('staging-1', 'staging', [storage('t')])).toEqual([]);
    expect(
      certificateNotices([
        {
          cluster: 'c',
          source: 'cert-manager',
          name: 'n',
          notAfter: 'x',
          daysLeft: 9,
          renewing: true,
        },
        {
          cluster: 'c',
          source: 'cert-manager',
          name: 'n',
          notAfter: 'x',
          daysLeft: 20,
          renewing: false,
        },
      ]),
    ).toEqual([]);
    expect(
      backupNotices('c', [
        {
          subject: 'etcd',
          source: 's',
          lastSuccessAt: 'x',
          ageHours: 3,
          limitHours: 26,
          overLimit: false,
        },
      ]),
    ).toEqual([]);
  });
});

describe.each(databases.eachSupportedId())(
  'two replicas on one %s database',
  databaseId => {
    let first: Knex;
    let second: Knex;

    beforeAll(async () => {
      first = await databases.init(databaseId);
      // A second connection pool to the same database, as another replica
      // has; SQLite's in-memory database is only shared through its one pool.
      second = databaseId.startsWith('POSTGRES')
        ? knexFactory(first.client.config)
        : first;
    });

    afterAll(async () => {
      if (second !== first) await second.destroy();
    });

    it('sends each notice once between them, nothing while it stays the same, and once more when it changes', async () => {
      const sent: NotificationSendOptions[] = [];
      const notifications = {
        send: async (options: NotificationSendOptions) => {
          sent.push(options);
        },
      };
      let current = notices('2026-11-26T11:00:00.000Z');
      const replica = async (knex: Knex) =>
        new OwnerNotifier({
          store: await OwnerNoticeStore.create(mockServices.database({ knex })),
          notifications,
          collect: async () => current,
          logger: mockServices.logger.mock(),
        });
      // Replicas start one after the other (migrations run once); they run together.
      const a = await replica(first);
      const b = await replica(second);

      const [fromA, fromB] = await Promise.all([a.run(), b.run()]);
      expect(fromA + fromB).toBe(3);
      expect(sent.map(s => s.payload.title).sort()).toEqual(
        current.map(n => n.title).sort(),
      );
      expect(
        sent.find(s => s.payload.link === '/platform/certificates')!.recipients,
      ).toEqual({
        type: 'entity',
        entityRef: ['group:default/platform-team'],
      });
      expect(
        sent.find(s => s.payload.title.startsWith('etcd'))!.recipients,
      ).toEqual({
        type: 'entity',
        entityRef: [
          'group:default/platform-team',
          'group:default/infrastructure-team',
        ],
      });

      expect(
        (await Promise.all([a.run(), b.run()])).reduce((x, y) => x + y),
      ).toBe(0);

      // The storage layer recovered and turned critical again: a new change.
      current = notices('2026-11-26T14:00:00.000Z');
      expect(
        (await Promise.all([a.run(), b.run()])).reduce((x, y) => x + y),
      ).toBe(1);
      expect(sent).toHaveLength(4);
    });

    it('tries again on the next run when the notifications backend failed', async () => {
      const knex = await databases.init(databaseId);
      let failing = true;
      const sent: string[] = [];
      const notifier = new OwnerNotifier({
        store: await OwnerNoticeStore.create(mockServices.database({ knex })),
        notifications: {
          send: async options => {
            if (failing) throw new Error('notifications backend unavailable');
            sent.push(options.payload.title);
          },
        },
        collect: async () => notices('t').slice(0, 1),
        logger: mockServices.logger.mock(),
      });
      expect(await notifier.run()).toBe(0);
      failing = false;
      expect(await notifier.run()).toBe(1);
      expect(sent).toEqual(['Storage is critical on prod-eu-2']);
    });
  },
);

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
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { DefaultNotificationService } from '@backstage/plugin-notifications-node';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { platformPlugin } from '../plugin';
import { ClusterMuteStore } from './ClusterMuteStore';
import { OwnerNotifier } from './OwnerNotifier';
import { OwnerNoticeStore } from './OwnerNoticeStore';
import { certificateNotices } from './ownerNotices';

jest.setTimeout(60_000);

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';

// The platform team (owner of the security layer) has two members.
const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'platform-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [
      { type: 'hasMember', targetRef: ALICE },
      { type: 'hasMember', targetRef: BOB },
    ],
  },
  ...['alice', 'bob'].map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: ['platform-team'] },
  })),
];

const cluster = (name: string) => ({
  name,
  provisioner: 'cluster-api',
  kubernetes: { url: `http://127.0.0.1:1/k8s/${name}`, token: 't' },
});

const config = {
  app: { baseUrl: 'http://localhost:3000' },
  platform: {
    sandbox: { enabled: true },
    health: { watch: { enabled: false } },
    clusters: [cluster('prod-eu-1'), cluster('prod-eu-2')],
  },
};

/** A certificate notice about the cluster, as the owner notifier sends it. */
const stuckCertificate = (name: string) =>
  certificateNotices([
    {
      cluster: name,
      source: 'cert-manager',
      name: 'payments-api-tls',
      namespace: 'payments',
      notAfter: '2026-12-05T12:00:00.000Z',
      daysLeft: 9,
      renewing: false,
    },
  ]);

const sqlite = () =>
  knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });

describe('muting a cluster', () => {
  let server: Server;
  // The platform plugin's database, which the test's notifier reads too.
  const platformDb: Knex = sqlite();

  afterAll(async () => {
    await platformDb.destroy();
  });

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        createServiceFactory({
          service: coreServices.database,
          deps: { plugin: coreServices.pluginMetadata },
          factory: ({ plugin }) =>
            mockServices.database({
              knex: plugin.getId() === 'platform' ? platformDb : sqlite(),
            }),
        }),
        platformPlugin,
        notificationsPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({ data: config }),
      ],
    }));
  });

  const mute = (user: string, name: string, body: unknown) =>
    request(server)
      .put(`/api/platform/clusters/${name}/notifications`)
      .set('Authorization', mockCredentials.user.header(user))
      .send(body as object);

  const inbox = async (user: string) => {
    const res = await request(server)
      .get('/api/notifications')
      .set('Authorization', mockCredentials.user.header(user));
    expect(res.status).toBe(200);
    return (res.body.notifications as Array<{ payload: { title: string } }>)
      .map(n => n.payload.title)
      .sort();
  };

  it("leaves a person who muted a cluster out of its owner notifications, while the other owners and the person's other clusters still get theirs, until unmuted", async () => {
    const port = (server.address() as AddressInfo).port;
    const sender = {
      store: await OwnerNoticeStore.create(
        mockServices.database({ knex: sqlite() }),
      ),
      mutedBy: (name: string) => new ClusterMuteStore(platformDb).mutedBy(name),
      // Sent as the platform plugin, the origin a mute applies to.
      notifications: DefaultNotificationService.create({
        auth: mockServices.auth({ pluginId: 'platform' }),
        discovery: {
          getBaseUrl: async id => `http://localhost:${port}/api/${id}`,
          getExternalBaseUrl: async id => `http://localhost:${port}/api/${id}`,
        },
      }),
      logger: mockServices.logger.mock(),
    };
    const notifier = new OwnerNotifier({
      ...sender,
      collect: async () => [
        ...stuckCertificate('prod-eu-1'),
        ...stuckCertificate('prod-eu-2'),
      ],
    });

    const muted = await mute(ALICE, 'prod-eu-2', { muted: true });
    expect(muted.status).toBe(200);
    expect(muted.body).toEqual({ cluster: 'prod-eu-2', muted: true });
    const state = (user: string, name: string) =>
      request(server)
        .get(`/api/platform/clusters/${name}/notifications`)
        .set('Authorization', mockCredentials.user.header(user))
        .then(r => r.body.muted);
    expect(await state(ALICE, 'prod-eu-2')).toBe(true);
    expect(await state(ALICE, 'prod-eu-1')).toBe(false);
    expect(await state(BOB, 'prod-eu-2')).toBe(false);

    expect(await notifier.run()).toBe(2);
    const prodEu1 =
      'Certificate payments/payments-api-tls on prod-eu-1 expires in 9 days';
    const prodEu2 =
      'Certificate payments/payments-api-tls on prod-eu-2 expires in 9 days';
    expect(await inbox(ALICE)).toEqual([prodEu1]);
    expect(await inbox(BOB)).toEqual([prodEu1, prodEu2]);

    // Unmuted, the next change on prod-eu-2 reaches her again.
    expect((await mute(ALICE, 'prod-eu-2', { muted: false })).body).toEqual({
      cluster: 'prod-eu-2',
      muted: false,
    });
    expect(await state(ALICE, 'prod-eu-1')).toBe(false);
    const renewedAndStuckAgain = new OwnerNotifier({
      ...sender,
      collect: async () =>
        stuckCertificate('prod-eu-2').map(n => ({ ...n, key: `${n.key}:2` })),
    });
    expect(await renewedAndStuckAgain.run()).toBe(1);
    expect(await inbox(ALICE)).toEqual([prodEu1, prodEu2]);
  });

  it('404 naming an unknown cluster, 400 naming the field of a bad body, and nothing stored', async () => {
    const unknown = await mute(ALICE, 'prod-xx-9', { muted: true });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain("'prod-xx-9'");

    for (const [body, message] of [
      [{}, "Missing field 'muted'"],
      [{ muted: 'yes' }, "Invalid field 'muted': must be true or false"],
      [[true], "field 'muted'"],
    ] as const) {
      const res = await mute(BOB, 'prod-eu-1', body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    }
    const state = await request(server)
      .get('/api/platform/clusters/prod-eu-1/notifications')
      .set('Authorization', mockCredentials.user.header(BOB));
    expect(state.body).toEqual({ cluster: 'prod-eu-1', muted: false });
  });

  it('refuses a service: a mute belongs to a person', async () => {
    const res = await request(server)
      .get('/api/platform/clusters/prod-eu-1/notifications')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(403);
  });
});

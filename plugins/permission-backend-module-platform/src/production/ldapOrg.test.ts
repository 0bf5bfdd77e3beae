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
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import ldapOrgModule from '@backstage/plugin-catalog-backend-module-ldap';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { platformNamespaceWritePermission } from '@platform-portal/plugin-platform-common';
import { Attribute, Change, Client } from 'ldapts';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { oboAuthServiceFactory } from '../__testUtils__/oboAuthServiceFactory';
import { productionConfig } from '../__testUtils__/productionConfig';
import { permissionModulePlatformPolicy } from '../module';

// scripts/services.sh starts slapd with the directory in
// packages/backend/test-fixtures/ldap and prints this; make test exports it.
const LDAP_URL = process.env.PLATFORM_TEST_LDAP_URL;
const BASE_DN = 'dc=example,dc=internal';
const ADMIN_DN = `cn=admin,${BASE_DN}`;
const ADMIN_PASSWORD = 'platform-portal-test';

const TEAMS = {
  'platform-team': ['alice', 'bob'],
  'infrastructure-team': ['carol'],
  'network-team': ['dave'],
  'security-team': ['erin'],
  'devops-team': ['frank'],
  'sre-team': ['grace'],
  'team-payments': ['heidi', 'ivan'],
  'team-storefront': ['judy'],
};

const describeWithLdap = LDAP_URL ? describe : describe.skip;
if (!LDAP_URL) {
  process.stderr.write(
    'ldapOrg.test.ts: skipped, PLATFORM_TEST_LDAP_URL is unset (scripts/services.sh start prints it; make test exports it)\n',
  );
}

describeWithLdap(
  LDAP_URL
    ? 'organisation from LDAP with the production config'
    : 'organisation from LDAP (skipped: PLATFORM_TEST_LDAP_URL is unset; run scripts/services.sh start, as make test does)',
  () => {
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
    let stop: () => Promise<void>;
    let scheduler: SchedulerService;
    let ldap: Client;

    /** Gives the test the catalog's scheduler, to run the LDAP sync again. */
    const schedulerProbe = createBackendModule({
      pluginId: 'catalog',
      moduleId: 'scheduler-probe',
      register(reg) {
        reg.registerInit({
          deps: { catalogScheduler: coreServices.scheduler },
          async init({ catalogScheduler }) {
            scheduler = catalogScheduler;
          },
        });
      },
    });

    beforeAll(async () => {
      ldap = new Client({ url: LDAP_URL! });
      await ldap.bind(ADMIN_DN, ADMIN_PASSWORD);
      const { factory } = await productionConfig(
        {
          PORTAL_BASE_URL: 'http://localhost:3000',
          BACKEND_SECRET: randomBytes(24).toString('hex'),
          AUTH_SESSION_SECRET: randomBytes(24).toString('hex'),
          LDAP_URL: LDAP_URL!,
          LDAP_BIND_DN: `cn=portal,ou=services,${BASE_DN}`,
          LDAP_BIND_PASSWORD: 'portal-bind-test',
          LDAP_BASE_DN: BASE_DN,
        },
        { catalog: { locations: [] } },
      );
      const backend = await startTestBackend({
        features: [
          factory,
          oboAuthServiceFactory,
          catalogPlugin,
          ldapOrgModule,
          schedulerProbe,
          permissionPlugin,
          permissionModulePlatformPolicy,
        ],
      });
      server = backend.server;
      stop = () => backend.stop();
    }, 60_000);

    afterAll(async () => {
      await stop?.();
      await ldap?.unbind();
    });

    async function entity(ref: string): Promise<Entity | undefined> {
      const { kind, namespace, name } = parseEntityRef(ref);
      const res = await request(server)
        .get(`/api/catalog/entities/by-name/${kind}/${namespace}/${name}`)
        .set('Authorization', mockCredentials.service.header());
      return res.status === 200 ? res.body : undefined;
    }

    /** Polls until `check` holds: the catalog stitches in the background. */
    async function eventually<T>(
      read: () => Promise<T>,
      check: (v: T) => boolean,
    ) {
      for (;;) {
        const value = await read();
        if (check(value)) {
          return value;
        }
        await new Promise(resolve => setTimeout(resolve, 200));
      }
    }

    const relationTargets = (e: Entity | undefined, type: string) =>
      (e?.relations ?? [])
        .filter(r => r.type === type)
        .map(r => r.targetRef)
        .sort();

    async function mayWriteNamespacesOf(user: string, team: string) {
      const res = await request(server)
        .post('/api/permission/authorize')
        .set('Authorization', mockCredentials.user.header(user))
        .send({
          items: [
            {
              id: '1',
              permission: platformNamespaceWritePermission,
              resourceRef: `group:default/${team}`,
            },
          ],
        });
      expect(res.status).toBe(200);
      return res.body.items[0].result === AuthorizeResult.ALLOW;
    }

    const member = (operation: 'add' | 'delete', userDn: string) =>
      new Change({
        operation,
        modification: new Attribute({ type: 'member', values: [userDn] }),
      });

    async function syncLdap() {
      const tasks = await scheduler.getScheduledTasks();
      const task = tasks.find(t => t.id.startsWith('LdapOrgEntityProvider:'));
      expect(task?.id).toBe('LdapOrgEntityProvider:corporate:refresh');
      await scheduler.triggerTask(task!.id);
    }

    it('ingests every team as a Group with its members', async () => {
      for (const [team, members] of Object.entries(TEAMS)) {
        const group = await eventually(
          () => entity(`group:default/${team}`),
          g => relationTargets(g, 'hasMember').length === members.length,
        );
        expect(group!.spec).toMatchObject({ type: 'team' });
        expect(group!.metadata.description).toBeTruthy();
        expect(group!.metadata.annotations?.['backstage.io/ldap-dn']).toBe(
          `cn=${team},ou=groups,${BASE_DN}`,
        );
        expect(relationTargets(group, 'hasMember')).toEqual(
          members.map(m => `user:default/${m}`).sort(),
        );
      }
    }, 30_000);

    it('ingests people as Users with profile and memberOf from the directory', async () => {
      const heidi = await eventually(
        () => entity('user:default/heidi'),
        u => relationTargets(u, 'memberOf').length > 0,
      );
      expect(heidi!.spec!.profile).toEqual({
        displayName: 'Heidi Payments',
        email: 'heidi@example.internal',
      });
      expect(relationTargets(heidi, 'memberOf')).toEqual([
        'group:default/team-payments',
      ]);
      // The bind account and passwords never become entities or fields.
      expect(await entity('user:default/portal')).toBeUndefined();
      expect(JSON.stringify(heidi)).not.toMatch(/password/i);
    }, 30_000);

    it('adds a person added to LDAP and removes one removed from it', async () => {
      const uid = `trent-${randomBytes(3).toString('hex')}`;
      const userDn = `uid=${uid},ou=people,${BASE_DN}`;
      const groupDn = `cn=team-storefront,ou=groups,${BASE_DN}`;
      await ldap.add(userDn, {
        objectClass: 'inetOrgPerson',
        uid,
        cn: 'Trent Temporary',
        sn: 'Temporary',
        mail: `${uid}@example.internal`,
      });
      try {
        await ldap.modify(
          groupDn,
          new Change({
            operation: 'add',
            modification: new Attribute({ type: 'member', values: [userDn] }),
          }),
        );
        await syncLdap();
        const added = await eventually(
          () => entity(`user:default/${uid}`),
          u => relationTargets(u, 'memberOf').length > 0,
        );
        expect(relationTargets(added, 'memberOf')).toEqual([
          'group:default/team-storefront',
        ]);
      } finally {
        // memberof-refint also drops the user from the group's members.
        await ldap.del(userDn);
      }

      await syncLdap();
      await eventually(
        () => entity(`user:default/${uid}`),
        u => u === undefined,
      );
      const storefront = await eventually(
        () => entity('group:default/team-storefront'),
        g => !relationTargets(g, 'hasMember').includes(`user:default/${uid}`),
      );
      expect(relationTargets(storefront, 'hasMember')).toEqual([
        'user:default/judy',
      ]);
    }, 30_000);

    it('moves the rights of a person who changes team in LDAP', async () => {
      const uid = `mover-${randomBytes(3).toString('hex')}`;
      const userRef = `user:default/${uid}`;
      const userDn = `uid=${uid},ou=people,${BASE_DN}`;
      const payments = `cn=team-payments,ou=groups,${BASE_DN}`;
      const storefront = `cn=team-storefront,ou=groups,${BASE_DN}`;
      await ldap.add(userDn, {
        objectClass: 'inetOrgPerson',
        uid,
        cn: 'Mo Ver',
        sn: 'Ver',
        mail: `${uid}@example.internal`,
      });
      try {
        await ldap.modify(payments, member('add', userDn));
        await syncLdap();
        await eventually(
          () => mayWriteNamespacesOf(userRef, 'team-payments'),
          allowed => allowed,
        );
        expect(await mayWriteNamespacesOf(userRef, 'team-storefront')).toBe(
          false,
        );

        await ldap.modify(payments, member('delete', userDn));
        await ldap.modify(storefront, member('add', userDn));
        await syncLdap();
        // Decisions reuse a user's groups for a few seconds, then follow.
        await eventually(
          () => mayWriteNamespacesOf(userRef, 'team-storefront'),
          allowed => allowed,
        );
        expect(await mayWriteNamespacesOf(userRef, 'team-payments')).toBe(
          false,
        );
      } finally {
        await ldap.del(userDn);
      }
    }, 60_000);
  },
);

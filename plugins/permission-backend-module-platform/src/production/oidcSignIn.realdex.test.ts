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

import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import { startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import oidcProviderModule from '@backstage/plugin-auth-backend-module-oidc-provider';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { platformClusterProvisionPermission } from '@platform-portal/plugin-platform-common';
import { randomBytes } from 'node:crypto';
import { AddressInfo, createConnection, createServer, Server } from 'node:net';
import path from 'node:path';
import { BrowserSession } from '../__testUtils__/BrowserSession';
import { productionConfig, REPO_ROOT } from '../__testUtils__/productionConfig';
import {
  RealDex,
  realDexForSuite,
  startRealDex,
} from '../__testUtils__/startRealDex';
import { permissionModulePlatformPolicy } from '../module';

const SUITE = 'OIDC sign-in with the production config through the real Dex';
const dexSetup = realDexForSuite(SUITE);

const CLIENT_ID = 'platform-portal';
const CLIENT_SECRET = randomBytes(16).toString('hex');

/**
 * Real Dex redirects only to a redirect URI registered before it starts,
 * matched exactly, port included, while the test backend learns its port
 * when it starts. So the portal's callback goes to a loopback port taken
 * first, which forwards to the backend once it listens.
 */
async function forwarder(): Promise<{
  port: number;
  target(port: number): void;
  close(): Promise<void>;
}> {
  let targetPort = 0;
  const server: Server = createServer(socket => {
    const upstream = createConnection(targetPort, '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    target: port => {
      targetPort = port;
    },
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}

(dexSetup ? describe : describe.skip)(SUITE, () => {
  let dex: RealDex;
  let backendUrl: string;
  let stopBackend: () => Promise<void>;
  let callback: Awaited<ReturnType<typeof forwarder>>;

  beforeAll(async () => {
    callback = await forwarder();
    const callbackUrl = `http://localhost:${callback.port}/api/auth/oidc/handler/frame`;
    dex = await startRealDex({
      ...dexSetup!,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectURIs: [callbackUrl],
    });
    const { factory } = await productionConfig(
      {
        PORTAL_BASE_URL: 'http://localhost:3000',
        BACKEND_SECRET: randomBytes(24).toString('hex'),
        AUTH_SESSION_SECRET: randomBytes(24).toString('hex'),
        OIDC_ISSUER_URL: dex.issuer,
        OIDC_CLIENT_ID: CLIENT_ID,
        OIDC_CLIENT_SECRET: CLIENT_SECRET,
      },
      {
        auth: { providers: { oidc: { production: { callbackUrl } } } },
        // The organisation LDAP would provide, from the repo's catalog files.
        catalog: {
          locations: ['org.yaml', 'users.yaml'].map(file => ({
            type: 'file',
            target: path.join(REPO_ROOT, 'catalog', file),
            rules: [{ allow: ['User', 'Group'] }],
          })),
        },
      },
    );
    const backend = await startTestBackend({
      features: [
        factory,
        authServiceFactory,
        httpAuthServiceFactory,
        userInfoServiceFactory,
        authPlugin,
        oidcProviderModule,
        catalogPlugin,
        permissionPlugin,
        permissionModulePlatformPolicy,
      ],
    });
    callback.target(backend.server.port());
    backendUrl = `http://localhost:${backend.server.port()}`;
    stopBackend = () => backend.stop();
    await waitForCatalogUser('heidi-password');
  }, 90_000);

  afterAll(async () => {
    await stopBackend?.();
    await dex?.stop();
    await callback?.close();
  });

  function start(session: BrowserSession, login: string, password: string) {
    return session.signIn(
      `${backendUrl}/api/auth/oidc/start?env=production`,
      login,
      password,
    );
  }

  async function signIn(login: string, password: string) {
    const page = await start(new BrowserSession(), login, password);
    const html = await page.text();
    expect({ path: new URL(page.url).pathname, html }).toEqual({
      path: '/api/auth/oidc/handler/frame',
      html: expect.stringContaining('authResponse'),
    });
    const encoded = /authResponse = decodeURIComponent\('([^']*)'\)/.exec(html);
    return JSON.parse(decodeURIComponent(encoded![1]));
  }

  async function waitForCatalogUser(password: string) {
    // The catalog ingests the repo's users shortly after start-up; until then
    // the portal refuses the sign-in. A refusal that outlasts it is the answer.
    const deadline = Date.now() + 40_000;
    for (;;) {
      const result = await signIn('heidi', password);
      if (result.response) return;
      if (Date.now() > deadline) {
        throw new Error(
          `heidi could not sign in: ${JSON.stringify(result.error)}`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  }

  it('signs a directory user in as the catalog User, with the groups Dex read from LDAP in the ID token', async () => {
    const { response } = await signIn('heidi', 'heidi-password');
    expect(response.backstageIdentity.identity.userEntityRef).toBe(
      'user:default/heidi',
    );
    expect(response.backstageIdentity.identity.ownershipEntityRefs).toEqual(
      expect.arrayContaining([
        'user:default/heidi',
        'group:default/team-payments',
      ]),
    );
    const idToken = JSON.parse(
      Buffer.from(
        response.providerInfo.idToken.split('.')[1],
        'base64url',
      ).toString(),
    );
    expect(idToken).toMatchObject({
      iss: dex.issuer,
      aud: CLIENT_ID,
      email: 'heidi@example.internal',
      email_verified: true,
      name: 'Heidi Payments',
      preferred_username: 'heidi',
      groups: ['team-payments'],
    });
  });

  it("gives a platform-team member's token the platform's rights", async () => {
    const { response } = await signIn('alice', 'alice-password');
    const res = await fetch(`${backendUrl}/api/permission/authorize`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${response.backstageIdentity.token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        items: [{ id: '1', permission: platformClusterProvisionPermission }],
      }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).items[0].result).toBe(AuthorizeResult.ALLOW);
  });

  it('never reaches the portal with a wrong password: Dex answers 401 with its form', async () => {
    const page = await start(new BrowserSession(), 'heidi', 'not-her-password');
    expect(page.status).toBe(401);
    expect(new URL(page.url).pathname).toBe('/dex/auth/ldap/login');
    expect(await page.text()).toContain('Invalid Username and password.');
  });
});

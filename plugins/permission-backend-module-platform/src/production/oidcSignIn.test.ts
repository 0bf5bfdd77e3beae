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
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { BrowserSession } from '../__testUtils__/BrowserSession';
import { productionConfig, REPO_ROOT } from '../__testUtils__/productionConfig';
import {
  DexLikeProvider,
  startDexLikeProvider,
} from '../__testUtils__/startDexLikeProvider';
import { permissionModulePlatformPolicy } from '../module';

const CLIENT_ID = 'platform-portal';
const CLIENT_SECRET = randomBytes(16).toString('hex');

/** The web message the sign-in popup posts back to the app. */
interface AuthorizationResponse {
  type: string;
  response?: {
    providerInfo: { idToken: string };
    backstageIdentity: {
      token: string;
      identity: { userEntityRef: string; ownershipEntityRefs: string[] };
    };
  };
  error?: { name: string; message: string };
}

// The sign-in itself runs against the real Dex in oidcSignIn.realdex.test.ts.
// This Dex-like provider stays for what the real directory cannot do: vouch
// for someone (mallory) the catalog does not know, with groups in the token.
describe('OIDC sign-in with the production config against a Dex-like provider', () => {
  let dex: DexLikeProvider;
  let backendUrl: string;
  let stopBackend: () => Promise<void>;

  beforeAll(async () => {
    dex = await startDexLikeProvider({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      users: {
        heidi: {
          email: 'heidi@example.internal',
          name: 'Heidi Payments',
          groups: ['team-payments'],
        },
        mallory: {
          email: 'mallory@example.internal',
          name: 'Mallory',
          groups: ['platform-team'],
        },
      },
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
        // The organisation LDAP would provide, from the repo's catalog files.
        catalog: {
          // As the production locations do: the org only where the platform
          // says so (catalog.rules apply to the file that holds each entity).
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
    backendUrl = `http://localhost:${backend.server.port()}`;
    stopBackend = () => backend.stop();
    await waitForUser('heidi');
  }, 60_000);

  afterAll(async () => {
    await stopBackend?.();
    await dex?.stop();
  });

  async function waitForUser(name: string) {
    // The catalog ingests the repo's users shortly after start-up; until then
    // sign-in is refused. A refusal that outlasts ingestion is the answer.
    const session = new BrowserSession();
    const deadline = Date.now() + 40_000;
    for (;;) {
      const response = await signIn(session, name);
      if (response.response) {
        return;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `${name} could not sign in within 40 s: ${JSON.stringify(
            response.error,
          )}`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  }

  async function signIn(
    session: BrowserSession,
    login: string,
  ): Promise<AuthorizationResponse> {
    const page = await session.signIn(
      `${backendUrl}/api/auth/oidc/start?env=production`,
      login,
    );
    const html = await page.text();
    expect({ path: new URL(page.url).pathname, html }).toEqual({
      path: '/api/auth/oidc/handler/frame',
      html: expect.stringContaining('authResponse'),
    });
    const encoded = /authResponse = decodeURIComponent\('([^']*)'\)/.exec(html);
    return JSON.parse(decodeURIComponent(encoded![1]));
  }

  it('refuses a directory user the catalog does not know, whatever groups the token claims', async () => {
    const result = await signIn(new BrowserSession(), 'mallory');
    expect(result.response).toBeUndefined();
    expect(result.error?.message).toMatch(/unable to resolve user identity/);
  });
});

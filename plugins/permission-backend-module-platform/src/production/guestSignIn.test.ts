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

import { ServiceFactory } from '@backstage/backend-plugin-api';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import authPlugin from '@backstage/plugin-auth-backend';
import guestProviderModule from '@backstage/plugin-auth-backend-module-guest-provider';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '@backstage/config-loader';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { productionConfig, REPO_ROOT } from '../__testUtils__/productionConfig';

/**
 * Starts the auth backend with the guest provider under `nodeEnv`, as the
 * guest provider decides from NODE_ENV both at start-up and at sign-in, and
 * asks it for a guest session.
 */
async function guestSignIn(nodeEnv: string, configFactory: ServiceFactory) {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = nodeEnv;
  try {
    const backend = await startTestBackend({
      features: [
        configFactory,
        authServiceFactory,
        httpAuthServiceFactory,
        authPlugin,
        guestProviderModule,
      ],
    });
    try {
      return await guestRefresh(backend.server.port());
    } finally {
      await backend.stop();
    }
  } finally {
    process.env.NODE_ENV = previous;
  }
}

async function guestRefresh(port: number) {
  const res = await fetch(`http://localhost:${port}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  return { status: res.status, body: await res.json() };
}

describe('guest sign-in', () => {
  it('works in the embedded default under yarn start', async () => {
    const { appConfigs } = await loadConfig({
      configRoot: REPO_ROOT,
      configTargets: [{ path: path.join(REPO_ROOT, 'app-config.yaml') }],
    });
    const { status, body } = await guestSignIn(
      'development',
      mockServices.rootConfig.factory({
        data: ConfigReader.fromConfigs(appConfigs).get(),
      }),
    );
    expect(status).toBe(200);
    expect(body.backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/guest',
      ownershipEntityRefs: [
        'user:default/guest',
        'group:default/platform-team',
      ],
    });
  }, 30_000);

  it('signs the embedded default in as a catalog User of the platform team', async () => {
    const users = parseAllDocuments(
      await fs.readFile(path.join(REPO_ROOT, 'catalog/users.yaml'), 'utf8'),
    ).map(doc => doc.toJS());
    expect(users.find(user => user.metadata.name === 'guest')).toMatchObject({
      kind: 'User',
      spec: { memberOf: ['platform-team'] },
    });
  });

  it('is refused with the production config', async () => {
    const { factory } = await productionConfig({
      PORTAL_BASE_URL: 'http://localhost:3000',
      BACKEND_SECRET: randomBytes(24).toString('hex'),
      AUTH_SESSION_SECRET: randomBytes(24).toString('hex'),
    });
    const { status, body } = await guestSignIn('production', factory);
    expect(status).toBe(403);
    expect(body.error.message).toMatch(/guest provider cannot be used/);
    expect(body).not.toHaveProperty('backstageIdentity');
  }, 30_000);
});

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

import { loadConfigSchema } from '@backstage/config-loader';
import { productionConfig } from '../__testUtils__/productionConfig';

const SECRETS = {
  BACKEND_SECRET: 'backend-secret-value',
  AUTH_SESSION_SECRET: 'session-secret-value',
  OIDC_CLIENT_SECRET: 'oidc-client-secret-value',
  LDAP_BIND_PASSWORD: 'ldap-bind-password-value',
};

describe('secrets of the production identity config', () => {
  it('are declared secret, so the backend redacts them from logs and never serves them to the frontend', async () => {
    const { appConfigs } = await productionConfig({
      PORTAL_BASE_URL: 'http://localhost:3000',
      OIDC_ISSUER_URL: 'http://dex.example.internal/dex',
      OIDC_CLIENT_ID: 'platform-portal',
      LDAP_URL: 'ldap://ldap.example.internal',
      LDAP_BIND_DN: 'cn=portal,ou=services,dc=example,dc=internal',
      LDAP_BASE_DN: 'dc=example,dc=internal',
      ...SECRETS,
    });
    const schema = await loadConfigSchema({
      dependencies: [
        '@backstage/backend-defaults',
        '@backstage/plugin-auth-backend',
        '@backstage/plugin-auth-backend-module-oidc-provider',
        '@backstage/plugin-catalog-backend-module-ldap',
      ],
      excludePackageDependencies: true,
    });

    const secret = JSON.stringify(
      schema.process(appConfigs, {
        visibility: ['secret'],
        ignoreSchemaErrors: true,
      }),
    );
    const frontend = JSON.stringify(
      schema.process(appConfigs, {
        visibility: ['frontend'],
        ignoreSchemaErrors: true,
      }),
    );
    for (const value of Object.values(SECRETS)) {
      expect(secret).toContain(value);
      expect(frontend).not.toContain(value);
    }
  }, 60_000);
});

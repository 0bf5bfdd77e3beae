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

// An OpenID provider configured the way Dex is for the portal: a static
// confidential client, the scopes openid/email/profile/groups, the groups
// claim from the directory, RS256 ID tokens and an opaque subject. It runs in
// its own process on loopback and prints its issuer URL once it listens.
//
//   node dexLikeProvider.mjs '<json: { clientId, clientSecret, users }>'

import { randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

const { clientId, clientSecret, users } = JSON.parse(process.argv[2]);

const server = (await import('node:http')).createServer();
await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}/dex`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      // The portal's port is only known once it runs; the check below allows
      // this callback path on any loopback port.
      redirect_uris: ['http://localhost/api/auth/oidc/handler/frame'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  scopes: ['openid', 'email', 'profile', 'groups', 'offline_access'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'preferred_username'],
    groups: ['groups'],
  },
  // Dex puts the requested claims into the ID token itself.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => false },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  async findAccount(_ctx, id) {
    const user = users[id];
    if (!user) {
      return undefined;
    }
    return {
      accountId: id,
      async claims() {
        return {
          // Dex's subject is an opaque encoding of user id and connector.
          sub: Buffer.from(`${id}\u0012ldap`).toString('base64'),
          email: user.email,
          email_verified: true,
          name: user.name,
          preferred_username: id,
          groups: user.groups,
        };
      },
    };
  },
});

const allowed = provider.Client.prototype.redirectUriAllowed;
provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(
  value,
) {
  const url = new URL(value);
  if (url.hostname === 'localhost' || url.hostname === '127.0.0.1') {
    url.port = '';
    url.hostname = 'localhost';
  }
  return allowed.call(this, url.toString());
};

const callback = provider.callback();
server.on('request', (req, res) => {
  if (req.url.startsWith('/dex')) {
    // Mounted under /dex as Dex is; the provider builds its URLs from
    // originalUrl, as under an Express mount.
    req.originalUrl = req.url;
    req.url = req.url.slice('/dex'.length) || '/';
    callback(req, res);
    return;
  }
  res.statusCode = 404;
  res.end();
});

process.stdout.write(`${JSON.stringify({ issuer })}\n`);

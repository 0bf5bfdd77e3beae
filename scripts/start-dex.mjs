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

// Starts the real Dex (PLATFORM_TEST_DEX_BIN, which scripts/dex-binary.sh
// builds and prints) for a test run: HTTP on a free loopback port, in-memory
// storage, the LDAP connector against the tests' slapd (scripts/services.sh
// start) and one static client for the portal. Prints one JSON line,
// {"issuer": ...}, once /healthz answers; stops Dex and removes its config on
// SIGTERM, SIGINT, or when stdin is a pipe and its writer goes away (a test
// process that died).
//
//   PLATFORM_TEST_DEX_CLIENT_SECRET=... node scripts/start-dex.mjs \
//     '{"ldapUrl":"ldap://127.0.0.1:10389","clientId":"platform-portal",
//       "redirectURIs":["http://localhost:7007/api/auth/oidc/handler/frame"]}'
//
// The client secret comes only through the environment and reaches Dex the
// same way (secretEnv): it is in no argv, file or log.

import { spawn } from 'node:child_process';
import {
  accessSync,
  constants,
  fstatSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SECRET_ENV = 'PLATFORM_TEST_DEX_CLIENT_SECRET';
const READY_WITHIN_MS = 30_000;

// The test directory of packages/backend/test-fixtures/ldap: its read-only
// bind account (a test-only password, also in directory.ldif) and layout.
const DIRECTORY = {
  baseDN: 'dc=example,dc=internal',
  bindDN: 'cn=portal,ou=services,dc=example,dc=internal',
  bindPW: 'portal-bind-test',
};

function fail(message) {
  process.stderr.write(`start-dex: ${message}\n`);
  process.exit(1);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function dexConfig({ issuer, port, ldapUrl, clientId, redirectURIs }) {
  const ldap = new URL(ldapUrl);
  return {
    issuer,
    storage: { type: 'memory' },
    web: { http: `127.0.0.1:${port}` },
    logger: { level: 'info', format: 'json' },
    // The portal is the directory's own client: no consent page.
    oauth2: { skipApprovalScreen: true },
    connectors: [
      {
        type: 'ldap',
        id: 'ldap',
        name: 'Example Corp directory',
        config: {
          host: ldap.host,
          insecureNoSSL: ldap.protocol === 'ldap:',
          bindDN: DIRECTORY.bindDN,
          bindPW: DIRECTORY.bindPW,
          usernamePrompt: 'Username',
          userSearch: {
            baseDN: `ou=people,${DIRECTORY.baseDN}`,
            filter: '(objectClass=inetOrgPerson)',
            username: 'uid',
            idAttr: 'uid',
            emailAttr: 'mail',
            nameAttr: 'cn',
            preferredUsernameAttr: 'uid',
          },
          groupSearch: {
            baseDN: `ou=groups,${DIRECTORY.baseDN}`,
            filter: '(objectClass=groupOfNames)',
            userMatchers: [{ userAttr: 'DN', groupAttr: 'member' }],
            nameAttr: 'cn',
          },
        },
      },
    ],
    staticClients: [
      {
        id: clientId,
        name: 'Platform Portal',
        secretEnv: SECRET_ENV,
        redirectURIs,
      },
    ],
  };
}

async function waitHealthy(issuer, dex) {
  const deadline = Date.now() + READY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (dex.exitCode !== null) {
      throw new Error(`Dex exited with ${dex.exitCode} before it was healthy`);
    }
    try {
      const res = await fetch(`${issuer}/healthz`, {
        signal: AbortSignal.timeout(1000),
      });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(
    `Dex did not answer ${issuer}/healthz within ${READY_WITHIN_MS / 1000} s`,
  );
}

async function main() {
  const options = JSON.parse(process.argv[2] ?? '{}');
  if (!options.ldapUrl || !options.clientId || !options.redirectURIs?.length) {
    fail('options need ldapUrl, clientId and redirectURIs');
  }
  if (!process.env[SECRET_ENV]) {
    fail(`${SECRET_ENV} is not set`);
  }
  const binary = process.env.PLATFORM_TEST_DEX_BIN;
  try {
    accessSync(binary ?? '', constants.X_OK);
  } catch {
    fail(
      'Dex is not built: run scripts/dex-binary.sh and export the PLATFORM_TEST_DEX_BIN line it prints',
    );
  }

  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}/dex`;
  const dir = mkdtempSync(join(tmpdir(), 'platform-portal-dex-'));
  const configPath = join(dir, 'config.json');
  writeFileSync(
    configPath,
    JSON.stringify(dexConfig({ issuer, port, ...options })),
    { mode: 0o600 },
  );

  const dex = spawn(binary, ['serve', configPath], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    if (dex.exitCode === null) dex.kill('SIGTERM');
  };
  dex.once('exit', code => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(stopping ? 0 : code ?? 1);
  });
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  if (fstatSync(0).isFIFO()) {
    process.stdin.on('end', stop);
    process.stdin.resume();
  }

  try {
    await waitHealthy(issuer, dex);
  } catch (error) {
    process.stderr.write(`start-dex: ${error.message}\n`);
    stop();
    return;
  }
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
}

main().catch(error => fail(error.stack ?? String(error)));

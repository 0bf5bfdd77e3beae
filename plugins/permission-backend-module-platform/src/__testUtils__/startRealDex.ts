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

import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { REPO_ROOT } from './productionConfig';

/*
 * The real Dex (scripts/dex-binary.sh builds it, make test exports
 * PLATFORM_TEST_DEX_BIN), started by scripts/start-dex.mjs as scripts/e2e.sh
 * starts it: a free loopback port, in-memory storage, the LDAP connector
 * against the tests' slapd, one static client.
 */

const STARTED_WITHIN_MS = 40_000;

export interface RealDex {
  /** http://127.0.0.1:PORT/dex */
  issuer: string;
  stop(): Promise<void>;
}

/**
 * Dex's binary and the directory's URL for a suite that signs in through
 * them. Without either a CI run fails the suite (a skipped suite would hide
 * that nothing ran); elsewhere the suite is skipped with a note.
 */
export function realDexForSuite(
  suite: string,
): { binary: string; ldapUrl: string } | undefined {
  const binary = process.env.PLATFORM_TEST_DEX_BIN;
  const ldapUrl = process.env.PLATFORM_TEST_LDAP_URL;
  let missing: string | undefined;
  try {
    accessSync(binary ?? '', constants.X_OK);
  } catch {
    missing =
      'Dex is not built: run scripts/dex-binary.sh and export the PLATFORM_TEST_DEX_BIN line it prints';
  }
  if (!missing && !ldapUrl) {
    missing =
      "PLATFORM_TEST_LDAP_URL is unset: run 'scripts/services.sh start' and export what it prints";
  }
  if (!missing) {
    return { binary: binary!, ldapUrl: ldapUrl! };
  }
  if (process.env.CI) {
    throw new Error(`${suite}: ${missing}`);
  }
  // eslint-disable-next-line no-console
  console.warn(`Skipping "${suite}": ${missing}`);
  return undefined;
}

/** Starts Dex with one static client; resolves once its /healthz answers. */
export async function startRealDex(options: {
  binary: string;
  ldapUrl: string;
  clientId: string;
  clientSecret: string;
  redirectURIs: string[];
}): Promise<RealDex> {
  const child = spawn(
    process.execPath,
    [
      path.join(REPO_ROOT, 'scripts/start-dex.mjs'),
      JSON.stringify({
        ldapUrl: options.ldapUrl,
        clientId: options.clientId,
        redirectURIs: options.redirectURIs,
      }),
    ],
    {
      // stdin stays a pipe: if this process dies, the launcher stops Dex.
      stdio: ['pipe', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PLATFORM_TEST_DEX_BIN: options.binary,
        PLATFORM_TEST_DEX_CLIENT_SECRET: options.clientSecret,
      },
    },
  );
  let stderr = '';
  child.stderr!.on('data', chunk => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<void>(done => child.once('exit', () => done()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`Dex did not start within ${STARTED_WITHIN_MS} ms`));
    }, STARTED_WITHIN_MS);
    readline.createInterface({ input: child.stdout! }).once('line', line => {
      clearTimeout(timer);
      resolve(JSON.parse(line).issuer);
    });
    child.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`Dex exited with ${code}: ${stderr}`));
    });
  });
  return {
    issuer,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
      }
      await exited;
    },
  };
}

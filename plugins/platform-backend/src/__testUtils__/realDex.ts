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
import { randomBytes } from 'node:crypto';
import { accessSync, constants, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import readline from 'node:readline';

/*
 * The real Dex for tests, built by scripts/dex-binary.sh and started by
 * scripts/start-dex.mjs (the launcher scripts/e2e.sh uses too): a free
 * loopback port, a temporary config, in-memory storage, the LDAP connector
 * against the tests' slapd.
 */

const REPO_ROOT = resolve(__dirname, '../../../..');
const LAUNCHER = join(REPO_ROOT, 'scripts/start-dex.mjs');
const DEFAULT_LDAP_URL = 'ldap://127.0.0.1:10389';
const STARTED_WITHIN_MS = 40_000;

export interface RealDex {
  /** http://127.0.0.1:PORT/dex */
  issuer: string;
  stop(): Promise<void>;
}

/** Where scripts/dex-binary.sh puts the pinned version when no env says so. */
function defaultBinary(): string | undefined {
  try {
    const goMod = readFileSync(join(REPO_ROOT, 'tools/dex/go.mod'), 'utf8');
    const version = goMod.match(/^\s*github\.com\/dexidp\/dex\s+(v\S+)/m)?.[1];
    const release = goMod.match(/^\/\/ dex-release: (v\S+)/m)?.[1];
    const cache =
      process.env.DEX_BINARY_CACHE ||
      join(
        process.env.XDG_CACHE_HOME || join(homedir(), '.cache'),
        'platform-portal/dex',
      );
    return version && release
      ? join(cache, `dex-${release}-${version}`, 'dex')
      : undefined;
  } catch {
    return undefined;
  }
}

function findDexBinary(): string | undefined {
  const binary = process.env.PLATFORM_TEST_DEX_BIN || defaultBinary();
  if (!binary) return undefined;
  try {
    accessSync(binary, constants.X_OK);
    return binary;
  } catch {
    return undefined;
  }
}

/**
 * The Dex binary for a suite that needs it. Without it a CI run fails the
 * suite (a skipped suite would hide that nothing ran); elsewhere the suite is
 * skipped with a note saying how to get it.
 */
export function realDexForSuite(suite: string): string | undefined {
  const binary = findDexBinary();
  if (binary) {
    return binary;
  }
  const message =
    'Dex is not built: run scripts/dex-binary.sh and export the PLATFORM_TEST_DEX_BIN line it prints';
  if (process.env.CI) {
    throw new Error(`${suite}: ${message}`);
  }
  // eslint-disable-next-line no-console
  console.warn(`Skipping "${suite}": ${message}`);
  return undefined;
}

/** Starts Dex with one static client; resolves once its /healthz answers. */
export async function startRealDex(options: {
  binary: string;
  clientId: string;
  redirectURIs: string[];
}): Promise<RealDex> {
  const child = spawn(
    process.execPath,
    [
      LAUNCHER,
      JSON.stringify({
        ldapUrl: process.env.PLATFORM_TEST_LDAP_URL || DEFAULT_LDAP_URL,
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
        PLATFORM_TEST_DEX_CLIENT_SECRET: randomBytes(24).toString('hex'),
      },
    },
  );
  let stderr = '';
  child.stderr!.on('data', chunk => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<void>(done => child.once('exit', () => done()));
  const issuer = await new Promise<string>((resolveIssuer, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`Dex did not start within ${STARTED_WITHIN_MS} ms`));
    }, STARTED_WITHIN_MS);
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', line => {
      clearTimeout(timer);
      resolveIssuer(JSON.parse(line).issuer);
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

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

import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './BackendReplica';

/** The real services the replica tests run on, as `scripts/services.sh start` prints them. */
export interface ReplicaServices {
  postgresUrl: string;
  redisUrl: string;
  haproxyBin: string;
  ldapUrl?: string;
}

/** The services, or what is missing (the suite is skipped then, saying so). */
export function replicaServices(): ReplicaServices | { missing: string[] } {
  const postgresUrl = process.env.PLATFORM_TEST_POSTGRES_URL;
  const redisUrl = process.env.PLATFORM_TEST_REDIS_URL;
  const haproxyBin =
    process.env.PLATFORM_TEST_HAPROXY_BIN ?? '/usr/sbin/haproxy';
  const missing = [
    ...(postgresUrl ? [] : ['PLATFORM_TEST_POSTGRES_URL']),
    ...(redisUrl ? [] : ['PLATFORM_TEST_REDIS_URL']),
    ...(existsSync(haproxyBin) ? [] : [`HAProxy at ${haproxyBin}`]),
  ];
  if (missing.length > 0 || !postgresUrl || !redisUrl) {
    return { missing };
  }
  return {
    postgresUrl,
    redisUrl,
    haproxyBin,
    ldapUrl: process.env.PLATFORM_TEST_LDAP_URL,
  };
}

/**
 * A suite on the real services: run, or skipped with a title that says
 * what is missing (and a warning, so a skip is seen in the output).
 */
export function describeOnServices(
  title: string,
  suite: (services: ReplicaServices) => void,
): void {
  const services = replicaServices();
  if ('missing' in services) {
    const reason = `${services.missing.join(
      ', ',
    )} not available; scripts/services.sh start provides them`;
    // eslint-disable-next-line no-console
    console.warn(`Skipping ${title}: ${reason}`);
    // eslint-disable-next-line jest/no-disabled-tests
    describe.skip(`${title} (skipped: ${reason})`, () => {});
    return;
  }
  // eslint-disable-next-line jest/valid-title
  describe(title, () => {
    suite(services);
  });
}

/** `.test-results/<name>/`, emptied: where `make test` keeps the portal's logs. */
export function freshLogDir(name: string): string {
  const logDir = join(REPO_ROOT, '.test-results', name);
  rmSync(logDir, { recursive: true, force: true });
  mkdirSync(logDir, { recursive: true });
  return logDir;
}

/** The production configuration on the sandbox's fleet, then the tests' overlays. */
export function productionConfigs(
  sandboxAppConfig: string,
  ...overlays: string[]
): string[] {
  return [
    join(REPO_ROOT, 'app-config.yaml'),
    join(REPO_ROOT, 'app-config.production.yaml'),
    sandboxAppConfig,
    ...overlays,
  ];
}

/**
 * The environment app-config.production.yaml reads, pointed at the test
 * services; the portal's public URL is the HAProxy in front of the replicas.
 */
export function productionEnv(
  services: ReplicaServices,
  options: {
    publicUrl: string;
    secret: string;
    redisUrl?: string;
    postgresUrl?: string;
  },
): NodeJS.ProcessEnv {
  const pg = new URL(options.postgresUrl ?? services.postgresUrl);
  return {
    ...process.env,
    PORTAL_BASE_URL: options.publicUrl,
    BACKEND_SECRET: options.secret,
    AUTH_SESSION_SECRET: options.secret,
    POSTGRES_HOST: pg.hostname,
    POSTGRES_PORT: pg.port || '5432',
    POSTGRES_USER: decodeURIComponent(pg.username),
    POSTGRES_PASSWORD: decodeURIComponent(pg.password),
    REDIS_URL: options.redisUrl ?? services.redisUrl,
    // No Dex here: nobody signs in through OIDC in these tests.
    OIDC_ISSUER_URL: 'http://127.0.0.1:7399',
    OIDC_CLIENT_ID: 'platform-portal',
    OIDC_CLIENT_SECRET: options.secret,
    LDAP_URL: services.ldapUrl ?? 'ldap://127.0.0.1:7398',
    LDAP_BIND_DN: 'cn=portal,ou=services,dc=example,dc=internal',
    LDAP_BIND_PASSWORD: 'portal-bind-test',
    LDAP_BASE_DN: 'dc=example,dc=internal',
  };
}

/**
 * What the tests add to the production config: a database prefix and a Redis
 * namespace of this run's own, a token to call the API with, a short shutdown
 * delay, TechDocs pages from a local directory, and no timed health refresh
 * (the first one runs at start; the tests trigger the others).
 */
export function writeTestOverlay(
  file: string,
  options: {
    runId: string;
    token: string;
    techdocsDir: string;
    shutdownDelaySeconds: number;
  },
): void {
  writeFileSync(
    file,
    JSON.stringify({
      backend: {
        database: { prefix: databasePrefix(options.runId) },
        cache: {
          redis: { client: { namespace: redisNamespace(options.runId) } },
        },
        lifecycle: {
          serverShutdownDelay: { seconds: options.shutdownDelaySeconds },
        },
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: { token: options.token, subject: 'replica-tests' },
            },
          ],
        },
      },
      techdocs: {
        publisher: {
          type: 'local',
          local: { publishDirectory: options.techdocsDir },
        },
        // A busy machine answers Redis slower than the default 1 s read deadline.
        cache: { ttl: 3600000, readTimeout: 5000 },
      },
      // The scheduled refresh alone: each replica's watches would re-check
      // on their own (change-driven evaluations are not shared between
      // replicas), and the suite counts the scheduled runs.
      platform: {
        health: { refreshIntervalSeconds: 3600, watch: { enabled: false } },
      },
    }),
  );
}

export function databasePrefix(runId: string): string {
  return `pp_replicas_${runId}_`;
}

export function redisNamespace(runId: string): string {
  return `pp-replicas-${runId}`;
}

const run = promisify(execFile);

/** Keys in Redis that match a glob pattern (redis-cli from Debian's redis-tools). */
export async function redisKeys(
  redisUrl: string,
  pattern: string,
): Promise<string[]> {
  const { stdout } = await run('redis-cli', [
    '-u',
    redisUrl,
    '--scan',
    '--pattern',
    pattern,
  ]);
  return stdout.split('\n').filter(Boolean);
}

/** Removes what a run left: its databases (psql from Debian's PostgreSQL) and its Redis keys. */
export async function removeRunData(
  services: ReplicaServices,
  runId: string,
): Promise<void> {
  const psql = (sql: string) =>
    run('psql', [services.postgresUrl, '-Atc', sql]);
  const { stdout } = await psql(
    `SELECT datname FROM pg_database WHERE datname LIKE '${databasePrefix(
      runId,
    )}%'`,
  );
  for (const datname of stdout.split('\n').filter(Boolean)) {
    await psql(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
  const keys = await redisKeys(services.redisUrl, `${redisNamespace(runId)}*`);
  if (keys.length > 0) {
    await run('redis-cli', ['-u', services.redisUrl, 'DEL', ...keys]);
  }
}

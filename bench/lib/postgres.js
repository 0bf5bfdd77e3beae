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

// PostgreSQL for the second variant: the Debian server scripts/services.sh
// starts (PLATFORM_TEST_POSTGRES_URL), and databases of the bench's own.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

function postgresUrl(root) {
  if (process.env.PLATFORM_TEST_POSTGRES_URL)
    return process.env.PLATFORM_TEST_POSTGRES_URL;
  const result = spawnSync(
    'bash',
    [path.join(root, 'scripts', 'services.sh'), 'start'],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // services.sh prints PostgreSQL's line first, even when a later service is missing.
  const line = (result.stdout ?? '')
    .split('\n')
    .find(l => l.startsWith('PLATFORM_TEST_POSTGRES_URL='));
  if (!line) {
    throw new Error(
      `scripts/services.sh start did not print PLATFORM_TEST_POSTGRES_URL: ${(
        result.stderr ?? ''
      )
        .trim()
        .slice(-300)}`,
    );
  }
  return line.slice('PLATFORM_TEST_POSTGRES_URL='.length);
}

/** Drops the databases a previous run left, so that every run starts cold. */
async function dropBenchDatabases(url, prefix) {
  const { Client } = require('pg');
  const client = new Client({
    connectionString: url,
    connectionTimeoutMillis: 10000,
  });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${prefix}%`],
    );
    for (const { datname } of rows) {
      await client.query(
        `DROP DATABASE "${datname.replace(/"/g, '""')}" WITH (FORCE)`,
      );
    }
  } finally {
    await client.end();
  }
}

module.exports = { postgresUrl, dropBenchDatabases };

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

// The config the bench adds on top of app-config.yaml and the sandbox's
// app-config: loopback listener, the database variant, and a static
// external-access token. The token itself stays in the environment
// (PLATFORM_BENCH_TOKEN), never in a file or a log.
const fs = require('node:fs');

function databaseConfig(variant) {
  if (variant.database === 'pg') {
    return [
      '  database:',
      '    client: pg',
      `    connection: ${JSON.stringify(variant.postgresUrl)}`,
      // Own databases, so the bench never touches what tests use.
      `    prefix: ${JSON.stringify(variant.prefix)}`,
    ];
  }
  if (variant.directory) {
    // On disk, one file per plugin, so the bench can read the catalog's rows.
    return [
      '  database:',
      '    client: better-sqlite3',
      '    connection:',
      `      directory: ${JSON.stringify(variant.directory)}`,
    ];
  }
  return [
    '  database:',
    '    client: better-sqlite3',
    "    connection: ':memory:'",
  ];
}

function writeBackendConfig(file, { port, variant, refreshIntervalSeconds }) {
  const base = `http://127.0.0.1:${port}`;
  const lines = [
    '# Written by bench/run.js for one run; loopback only.',
    'app:',
    `  baseUrl: ${base}`,
    'backend:',
    `  baseUrl: ${base}`,
    '  listen:',
    '    host: 127.0.0.1',
    `    port: ${port}`,
    '  cors:',
    `    origin: ${base}`,
    ...databaseConfig(variant),
    '  auth:',
    '    externalAccess:',
    '      - type: static',
    '        options:',
    // Substituted by the config loader from the environment.
    '          token: ${PLATFORM_BENCH_TOKEN}',
    '          subject: platform-bench',
    // The guest signs the browser in for the frontend measurements.
    'auth:',
    '  providers:',
    '    guest:',
    '      dangerouslyAllowOutsideDevelopment: true',
    'platform:',
    '  health:',
    `    refreshIntervalSeconds: ${refreshIntervalSeconds}`,
    '',
  ];
  fs.writeFileSync(file, lines.join('\n'), { mode: 0o600 });
  return file;
}

module.exports = { writeBackendConfig };

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

import { TestDatabases } from '@backstage/backend-test-utils';

// `make test` provides a PostgreSQL URL under our own name; hand it to Backstage's test databases.
if (
  process.env.PLATFORM_TEST_POSTGRES_URL &&
  !process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
) {
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING =
    process.env.PLATFORM_TEST_POSTGRES_URL;
}

/**
 * SQLite always; PostgreSQL when a connection string is configured. Under CI
 * a missing PostgreSQL is an error: its variants must not vanish from the
 * run without a trace.
 *
 * @public
 */
export function platformTestDatabases(): TestDatabases {
  const withPostgres = Boolean(
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING,
  );
  if (!withPostgres && process.env.CI) {
    throw new Error(
      'PostgreSQL is not configured (PLATFORM_TEST_POSTGRES_URL): under CI the PostgreSQL variants of the database suites must run; scripts/services.sh start provides it',
    );
  }
  return TestDatabases.create({
    ids: withPostgres ? ['SQLITE_3', 'POSTGRES_15'] : ['SQLITE_3'],
  });
}

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

import { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';

/**
 * How the provider reads the fleet.
 *
 * @public
 */
export interface IngestionOptions {
  /** Objects per list request (`limit`). */
  pageSize: number;
  /** Clusters whose nodes are read at the same time. */
  concurrency: number;
  /** Deadline of each request to an API server. */
  timeoutMs: number;
  /** Time a pass may take before it stops and leaves the rest to the next. */
  passBudgetMs: number;
}

function integerIn(
  config: RootConfigService,
  key: string,
  min: number,
  max: number,
  fallback: number,
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InputError(
      `${key} must be an integer from ${min} to ${max}, got ${value}`,
    );
  }
  return value;
}

/** Reads `platform.catalog.clusters`, failing start-up on a bad value and naming its key. */
export function readIngestionOptions(
  config: RootConfigService,
): IngestionOptions {
  return {
    pageSize: integerIn(
      config,
      'platform.catalog.clusters.pageSize',
      1,
      500,
      100,
    ),
    concurrency: integerIn(
      config,
      'platform.catalog.clusters.concurrency',
      1,
      64,
      8,
    ),
    timeoutMs: integerIn(
      config,
      'platform.clients.timeoutMs',
      1,
      600_000,
      10_000,
    ),
    passBudgetMs: integerIn(
      config,
      'platform.catalog.clusters.passBudgetMs',
      1_000,
      100_000,
      100_000,
    ),
  };
}

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

import { ConflictError, ServiceUnavailableError } from '@backstage/errors';
import { PlatformActionOptions } from '../teamAction';

/**
 * Asks the upgrade planner what blocks `cluster` at `version` and refuses
 * while anything does, naming each blocker. Without a planner, or when it
 * cannot answer, nothing is written either: an upgrade is not started blind.
 */
export async function refuseWhileBlocked(
  options: PlatformActionOptions,
  cluster: string,
  version: string,
): Promise<void> {
  if (!options.upgrades) {
    throw new ServiceUnavailableError(
      `Cannot check what blocks upgrading ${cluster}: the upgrade planner is not available to the scaffolder`,
    );
  }
  let blockers;
  try {
    blockers = await options.upgrades.blockers(cluster, version);
  } catch (error) {
    throw new ServiceUnavailableError(
      `Cannot check what blocks upgrading ${cluster} to ${version}: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
  if (blockers.length > 0) {
    throw new ConflictError(
      `${cluster} cannot be upgraded to ${version} while ${
        blockers.length
      } blocker${blockers.length === 1 ? ' remains' : 's remain'}: ${blockers
        .map(b => b.title)
        .join(
          '; ',
        )}. See the cluster's Upgrades tab for the evidence and what to do.`,
    );
  }
}

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

import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  UpgradeFinding,
  UpgradeReport,
} from '@platform-portal/plugin-platform-common';

/**
 * What blocks an upgrade of a cluster to a version, as the platform's upgrade planner finds it.
 *
 * @public
 */
export interface UpgradeReadiness {
  blockers(cluster: string, version: string): Promise<UpgradeFinding[]>;
}

/** Gives up on the planner after this: it reads the whole cluster. */
const PLANNER_DEADLINE_MS = 60_000;

/**
 * Asks the platform backend's planner (`GET /api/platform/upgrades/:cluster`)
 * with the scaffolder's own service credentials, so the action and the
 * cluster page's Upgrades tab judge an upgrade by one implementation.
 *
 * @public
 */
export class PlatformUpgradeReadiness implements UpgradeReadiness {
  constructor(
    private readonly options: {
      discovery: Pick<DiscoveryService, 'getBaseUrl'>;
      auth: Pick<
        AuthService,
        'getPluginRequestToken' | 'getOwnServiceCredentials'
      >;
      deadlineMs?: number;
    },
  ) {}

  async blockers(cluster: string, version: string): Promise<UpgradeFinding[]> {
    const { discovery, auth } = this.options;
    const baseUrl = await discovery.getBaseUrl('platform');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'platform',
    });
    const target = version.replace(/^v/, '');
    const response = await fetch(
      `${baseUrl}/upgrades/${encodeURIComponent(
        cluster,
      )}?target=${encodeURIComponent(target)}`,
      {
        headers: { Authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(
          this.options.deadlineMs ?? PLANNER_DEADLINE_MS,
        ),
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return ((await response.json()) as UpgradeReport).blockers;
  }
}

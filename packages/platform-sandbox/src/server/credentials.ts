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

import { randomBytes } from 'node:crypto';
import { FleetSpec } from '../scenario/types';
import { SandboxCredentials } from '../upstreams/types';

function token(prefix: string): string {
  return `${prefix}-${randomBytes(18).toString('base64url')}`;
}

/** Fresh tokens for one cluster's API: admin, the portal's reader, one per team. */
export function clusterCredentials(fleet: FleetSpec): SandboxCredentials['kubernetes'][string] {
  const teams = [...new Set(fleet.components.map(c => c.team))];
  return {
    admin: token('admin'),
    reader: token('reader'),
    teams: Object.fromEntries(teams.map(team => [team, token(team)])),
  };
}

/** Fresh credentials for one sandbox run: nothing is reused between runs. */
export function generateCredentials(fleet: FleetSpec): SandboxCredentials {
  const kubernetes: SandboxCredentials['kubernetes'] = {};
  for (const cluster of fleet.clusters) {
    kubernetes[cluster.name] = clusterCredentials(fleet);
  }
  return {
    kubernetes,
    argocdToken: token('argocd'),
    argocdReadOnlyToken: token('argocd-readonly'),
    argocdUsername: 'admin',
    argocdPassword: randomBytes(12).toString('base64url'),
    nexusUsername: 'admin',
    nexusPassword: randomBytes(12).toString('base64url'),
    grafanaToken: `glsa_${randomBytes(24).toString('base64url')}`,
    gitlabToken: `glpat-${randomBytes(15).toString('base64url')}`,
    tenant: 'platform',
  };
}

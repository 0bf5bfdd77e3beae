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
import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  LABELS,
  namespaceOwner,
  platformNamespaceWritePermission,
  TeamNamespace,
  TeamNamespacesResponse,
} from '@platform-portal/plugin-platform-common';
import express from 'express';
import { UpstreamClients } from '../clients/UpstreamClients';
import { HealthReadModel } from '../health/HealthReadModel';
import { KubeObject } from '../health/checks/support';
import { PlatformApiRouter } from './PlatformApiRouter';
import { clusterParam } from './validation';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function teamQuery(req: express.Request): string | undefined {
  const team = req.query.team;
  if (team === undefined) {
    return undefined;
  }
  if (typeof team !== 'string' || !DNS_1123_LABEL.test(team)) {
    throw new InputError(
      "Invalid query parameter 'team': must be a team name (DNS-1123 label)",
    );
  }
  return team;
}

/** The catalog Group of a team: the resource of its namespace permission. */
const teamRef = (team: string) => `group:default/${team}`;

async function writableTeams(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  teams: string[],
): Promise<Set<string>> {
  if (teams.length === 0) {
    return new Set();
  }
  const decisions = await permissions.authorize(
    teams.map(team => ({
      permission: platformNamespaceWritePermission,
      resourceRef: teamRef(team),
    })),
    { credentials },
  );
  return new Set(
    teams.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW),
  );
}

/**
 * GET /clusters/:cluster/namespaces: the team namespaces on a cluster that
 * the signed-in user may write, for the templates' namespace picker. The
 * permission policy decides per owning Group, with the user's credentials,
 * as the self-service actions do when they write.
 */
export function namespaceRoutes(
  router: PlatformApiRouter,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    health: HealthReadModel;
    clients: UpstreamClients;
  },
): void {
  const { httpAuth, permissions, health, clients } = options;

  router.get('/clusters/:cluster/namespaces', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const cluster = clusterParam(req);
    const team = teamQuery(req);
    health.requireCluster(cluster);

    if (team) {
      const [decision] = await permissions.authorize(
        [
          {
            permission: platformNamespaceWritePermission,
            resourceRef: teamRef(team),
          },
        ],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `Missing permission ${
            platformNamespaceWritePermission.name
          } on ${teamRef(team)}`,
        );
      }
    }

    const { items } = await clients
      .kubernetes(cluster)!
      .list<KubeObject>('v1', 'Namespace');
    const owned: TeamNamespace[] = [];
    for (const ns of items) {
      const labels = ns.metadata?.labels;
      const owner = namespaceOwner(labels);
      if (!owner || (team && owner !== team)) {
        continue;
      }
      const entity = labels?.[LABELS.entity];
      owned.push({
        name: ns.metadata!.name!,
        team: owner,
        ...(entity ? { entity } : {}),
      });
    }

    // With a team, the check above decided; otherwise one batch for all owners.
    const owners = [...new Set(owned.map(ns => ns.team))];
    const writable = team
      ? new Set([team])
      : await writableTeams(permissions, credentials, owners);

    const body: TeamNamespacesResponse = {
      cluster,
      namespaces: owned
        .filter(ns => writable.has(ns.team))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
    res.json(body);
  });
}

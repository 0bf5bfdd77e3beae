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

import { NotAllowedError } from '@backstage/errors';
import { LABELS } from '@platform-portal/plugin-platform-common';
import { ArgoApplication } from '../clients/argocd/argoTypes';
import { UpstreamClients } from '../clients/UpstreamClients';
import { namespaceOwnerGroup } from './namespaceOwnerGroup';
import { Actor, UpstreamOwnership } from './UpstreamOwnership';

/**
 * Before the portal syncs or rolls back an application with its own Argo CD
 * credentials: the user is in the group the ownership config gives the
 * application's project to and, when the destination namespace carries an
 * owner label, in that group too (else a project could deploy into another
 * team's namespace on their say-so).
 */
export async function requireArgocdWriter(
  deps: { ownership: UpstreamOwnership; clients: UpstreamClients },
  actor: Actor,
  instance: string,
  app: ArgoApplication,
): Promise<void> {
  const { ownership, clients } = deps;
  const project = app.spec.project || 'default';
  const what = `Application ${app.metadata.name} on ${instance}`;
  ownership.requireWriter(
    actor,
    'argocd',
    `${what} (project ${project})`,
    ownership.argocdOwner(project),
  );
  const namespace = app.spec.destination?.namespace;
  if (!namespace || actor.type === 'service' || actor.platform) return;
  const owner = await namespaceOwnerGroup(clients, instance, namespace);
  if (owner && !actor.groups.has(owner)) {
    throw new NotAllowedError(
      `${what} deploys to namespace ${namespace}, which belongs to ${owner} by its ${LABELS.owner} label, and ${actor.userEntityRef} is not a member`,
    );
  }
}

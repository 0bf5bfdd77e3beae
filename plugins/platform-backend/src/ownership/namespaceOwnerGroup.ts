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

import { ServiceUnavailableError } from '@backstage/errors';
import { namespaceOwner } from '@platform-portal/plugin-platform-common';
import { UpstreamClients } from '../clients/UpstreamClients';

/**
 * The group that owns a namespace by the owner label the self-service
 * actions set (the portal writes it with its own credentials); undefined for
 * namespaces nobody owns. Read fresh: a write is decided on the cluster as it is.
 */
export async function namespaceOwnerGroup(
  clients: UpstreamClients,
  cluster: string,
  namespace: string,
): Promise<string | undefined> {
  const kubernetes = clients.kubernetes(cluster);
  if (!kubernetes) {
    throw new ServiceUnavailableError(`${cluster} is not in platform.clusters`);
  }
  const { items } = await kubernetes
    .list<{ metadata?: { name?: string; labels?: Record<string, string> } }>(
      'v1',
      'Namespace',
    )
    .catch(error => {
      throw new ServiceUnavailableError(
        `Could not read namespace ${namespace} on ${cluster} to check its owner: ${
          (error as Error).message
        }`,
      );
    });
  const owner = namespaceOwner(
    items.find(n => n.metadata?.name === namespace)?.metadata?.labels,
  );
  return owner
    ? `group:default/${owner.toLocaleLowerCase('en-US')}`
    : undefined;
}

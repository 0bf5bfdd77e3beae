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
import { ArgocdApplication } from '@platform-portal/plugin-platform-common';
import { ArgoCdClient } from '../../clients/argocd/ArgoCdClient';
import {
  notConfigured as upstreamNotConfigured,
  UpstreamClients,
} from '../../clients/UpstreamClients';
import { toArgocdApplication } from './argocdApplication';
import { argocdCacheKey, ArgocdSelection } from './argocdSelection';
import { SharedReadCache } from './SharedReadCache';

export function listArgocdApplications(
  client: ArgoCdClient,
  selection: ArgocdSelection,
) {
  return client.listApplications(
    selection.kind === 'selector'
      ? { selector: selection.selector }
      : { name: selection.name },
  );
}

/**
 * The selection's applications on one Argo CD instance, through the cache
 * every viewer and every entity route shares (one entry per instance and
 * selection).
 */
export async function readArgocdInstance(
  clients: UpstreamClients,
  cache: SharedReadCache,
  instance: string,
  selection: ArgocdSelection,
): Promise<ArgocdApplication[]> {
  const client = clients.argocd(instance);
  if (!client) {
    throw new ServiceUnavailableError(upstreamNotConfigured('argocd'));
  }
  return cache.read(argocdCacheKey(instance, selection), async () => {
    const apps = await listArgocdApplications(client, selection);
    return Promise.all(
      apps.map(async app => {
        // A tree that cannot be read leaves the summary out, not the app.
        const tree = await client
          .resourceTree(app.metadata.name, app.spec.project || 'default')
          .catch(() => undefined);
        return toArgocdApplication(instance, app, tree);
      }),
    );
  });
}

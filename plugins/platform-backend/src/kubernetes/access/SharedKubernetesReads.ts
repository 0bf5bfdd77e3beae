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

import { NotFoundError } from '@backstage/errors';
import {
  KubernetesObjectLike,
  KubernetesPerson,
} from '@platform-portal/plugin-platform-node';
import { UpstreamClients } from '../../clients/UpstreamClients';
import { guessResource } from '../../clients/kubernetes/KubernetesClient';
import { PersonKubernetesAccess } from './PersonKubernetesAccess';

/**
 * Lists read once for everyone (the portal's reader token, keyed without the
 * person) and kept for a few seconds; concurrent askers share one request.
 * What each person is shown is decided by {@link PersonKubernetesAccess}.
 */
export class SharedKubernetesReads {
  private readonly lists = new Map<
    string,
    { expiresAt: number; items: Promise<KubernetesObjectLike[]> }
  >();

  constructor(
    private readonly options: {
      clients: UpstreamClients;
      access: PersonKubernetesAccess;
      /** How long one read serves every person (default 10 s). */
      ttlMs?: number;
      now?: () => number;
    },
  ) {}

  /** Every object of a kind on a cluster that the person may list. */
  async listFor<T extends KubernetesObjectLike = KubernetesObjectLike>(
    person: KubernetesPerson,
    cluster: string,
    apiVersion: string,
    kind: string,
  ): Promise<T[]> {
    const items = await this.list(cluster, apiVersion, kind);
    return (await this.options.access.visible(
      person,
      cluster,
      {
        group: apiVersion.includes('/') ? apiVersion.split('/')[0] : '',
        resource: guessResource(kind),
      },
      items,
    )) as T[];
  }

  private list(
    cluster: string,
    apiVersion: string,
    kind: string,
  ): Promise<KubernetesObjectLike[]> {
    const client = this.options.clients.kubernetes(cluster);
    if (!client) {
      throw new NotFoundError(`Cluster "${cluster}" is not configured`);
    }
    const now = this.options.now?.() ?? Date.now();
    const key = `${cluster}\u0000${apiVersion}\u0000${kind}`;
    const cached = this.lists.get(key);
    if (cached && cached.expiresAt > now) {
      return cached.items;
    }
    const items = client.list(apiVersion, kind).then(page => page.items);
    this.lists.set(key, {
      expiresAt: now + (this.options.ttlMs ?? 10_000),
      items,
    });
    items.catch(() => {
      if (this.lists.get(key)?.items === items) {
        this.lists.delete(key);
      }
    });
    return items;
  }
}

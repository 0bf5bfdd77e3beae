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
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  ImpersonationConfig,
  KubernetesPerson,
  kubernetesPersonKey,
  kubernetesPersonOf,
} from '@platform-portal/plugin-platform-node';
import { UpstreamClients } from '../../clients/UpstreamClients';
import { KubernetesAccessQuestion } from '../../clients/kubernetes/ImpersonatingKubernetesClient';

/** Reviews kept at most, so a flood of distinct questions cannot grow memory without bound. */
const MAX_REVIEWS = 20_000;

/**
 * A signed-in person's own Kubernetes rights. Their identity comes from the
 * sign-in (user and group refs, mapped by `platform.impersonation`); whether
 * they may do something is asked of the cluster's API server as them (a
 * SelfSubjectAccessReview with impersonation), and the answer is kept for
 * `accessReviewCacheSeconds` per person, cluster, namespace, verb and
 * resource. Shared reads are filtered through it, so one upstream read per
 * object serves everyone and each person sees only what they may.
 */
export class PersonKubernetesAccess {
  private readonly reviews = new Map<
    string,
    { expiresAt: number; allowed: Promise<boolean> }
  >();

  constructor(
    private readonly options: {
      clients: UpstreamClients;
      config: ImpersonationConfig;
      userInfo: UserInfoService;
      now?: () => number;
    },
  ) {}

  /** The caller's Kubernetes identity; a refusal for callers that are not people. */
  async personOf(credentials: BackstageCredentials): Promise<KubernetesPerson> {
    const info = await this.options.userInfo.getUserInfo(
      credentials as BackstageCredentials<any>,
    );
    const person = kubernetesPersonOf(info, this.options.config);
    if (!person) {
      throw new NotAllowedError(
        'Kubernetes is read with the rights of a signed-in person; this caller is not one',
      );
    }
    return person;
  }

  /** Whether the cluster's API server lets the person do this, from the cache when asked lately. */
  can(
    person: KubernetesPerson,
    cluster: string,
    question: KubernetesAccessQuestion,
  ): Promise<boolean> {
    const client = this.options.clients.kubernetesAs(cluster);
    if (!client) {
      throw new NotFoundError(`Cluster "${cluster}" is not configured`);
    }
    const now = this.options.now?.() ?? Date.now();
    const key = JSON.stringify([
      kubernetesPersonKey(person),
      cluster,
      question.namespace ?? '',
      question.verb,
      question.group,
      question.resource,
      question.subresource ?? '',
      question.name ?? '',
    ]);
    const cached = this.reviews.get(key);
    if (cached && cached.expiresAt > now) {
      return cached.allowed;
    }
    const allowed = client.allowed(person, question);
    this.reviews.delete(key);
    this.reviews.set(key, {
      expiresAt: now + this.options.config.accessReviewCacheSeconds * 1000,
      allowed,
    });
    // A failed review is asked again next time, never remembered.
    allowed.catch(() => {
      if (this.reviews.get(key)?.allowed === allowed) {
        this.reviews.delete(key);
      }
    });
    while (this.reviews.size > MAX_REVIEWS) {
      this.reviews.delete(this.reviews.keys().next().value!);
    }
    return allowed;
  }

  /**
   * The objects (all of one resource, read once for everyone) that the
   * person may see: those in namespaces where they may `verb` the resource,
   * or all of a cluster-scoped resource when they may at cluster scope.
   */
  async visible<T extends { metadata?: { namespace?: string } }>(
    person: KubernetesPerson,
    cluster: string,
    resource: { group: string; resource: string; verb?: string },
    objects: T[],
  ): Promise<T[]> {
    const namespaces = [
      ...new Set(objects.map(o => o.metadata?.namespace ?? '')),
    ];
    const allowed = new Set<string>();
    await Promise.all(
      namespaces.map(async namespace => {
        const ok = await this.can(person, cluster, {
          verb: resource.verb ?? 'list',
          group: resource.group,
          resource: resource.resource,
          ...(namespace ? { namespace } : {}),
        });
        if (ok) {
          allowed.add(namespace);
        }
      }),
    );
    return objects.filter(o => allowed.has(o.metadata?.namespace ?? ''));
  }
}

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
  HealthCheckKubernetesReader,
  KubernetesObjectLike,
} from '@platform-portal/plugin-platform-node';
import { KubernetesClient } from '../clients/kubernetes/KubernetesClient';
import { ApiUnreachableOutcome, classifyApiFailure } from './apiReachability';

/**
 * One refresh's view of a cluster's Kubernetes API: each kind is listed once
 * however many checks read it, and the first read (nodes) gates the rest, so
 * an unreachable cluster costs one deadline, not one per check.
 */
export class SharedKubernetesReader implements HealthCheckKubernetesReader {
  private readonly lists = new Map<
    string,
    Promise<{ items: any[]; observedAt: string }>
  >();
  private gate?: Promise<unknown>;
  /** When its first read began: what it serves is at most this old. */
  readsBeganAt?: Date;

  constructor(
    private readonly client: Pick<KubernetesClient, 'list'>,
    private readonly signal?: AbortSignal,
    /** A watched kind's objects from its open watch; undefined: list it. */
    private readonly cached?: (
      apiVersion: string,
      kind: string,
    ) => KubernetesObjectLike[] | undefined,
  ) {}

  list<T extends KubernetesObjectLike = KubernetesObjectLike>(
    apiVersion: string,
    kind: string,
  ): Promise<{ items: T[]; observedAt: string }> {
    if (!this.gate) {
      // Always asked of the API, never of a watch's cache: it is how a
      // refresh learns that the API cannot be reached (a watch stream may
      // outlive its server for a while).
      this.readsBeganAt = new Date();
      this.gate = this.client.list('v1', 'Node', this.signal);
      this.lists.set('v1/Node', this.gate as Promise<any>);
    }
    return this.gate.then(() => this.read(apiVersion, kind)) as Promise<{
      items: T[];
      observedAt: string;
    }>;
  }

  /**
   * How the first read (nodes) failed, when it failed because the API cannot
   * be reached; undefined when it answered or was never asked.
   */
  async unreachable(): Promise<ApiUnreachableOutcome | undefined> {
    if (!this.gate) {
      return undefined;
    }
    try {
      await this.gate;
      return undefined;
    } catch (error) {
      return classifyApiFailure(error);
    }
  }

  private read(apiVersion: string, kind: string) {
    const key = `${apiVersion}/${kind}`;
    let pending = this.lists.get(key);
    if (!pending) {
      const items = this.cached?.(apiVersion, kind);
      pending = items
        ? Promise.resolve({ items, observedAt: new Date().toISOString() })
        : this.client.list(apiVersion, kind, this.signal);
      this.lists.set(key, pending);
    }
    return pending;
  }
}

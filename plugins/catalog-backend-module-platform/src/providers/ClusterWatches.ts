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

import { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterAccessService } from '@platform-portal/plugin-platform-node';
import { CAPI_PATHS } from '../lib/capiRecords';
import { KubeObject } from '../lib/listPages';
import { ClusterRecord, ManagedSource } from '../lib/readFleet';
import { ResumableWatch, WatchEventType } from '../lib/resumableWatch';

/** What the watches need of the provider. */
export interface WatchTarget {
  /** Runs after whatever the provider is doing: passes and events take turns. */
  serial<T>(fn: () => Promise<T>): Promise<T>;
  apply(records: ClusterRecord[]): Promise<unknown>;
  remove(names: string[]): Promise<unknown>;
  /** A complete pass, which gives the watches new sources. */
  relist(): Promise<unknown>;
}

/** Revisions are opaque, but etcd's are integers; compare them when they are. */
function notNewer(version: string | undefined, listed: string | undefined) {
  const [v, l] = [Number(version), Number(listed)];
  return Number.isSafeInteger(v) && Number.isSafeInteger(l) && v <= l;
}

/**
 * One watch of Cluster API `Cluster` objects per management cluster, started
 * from where the first complete pass listed them; each change is applied as
 * a delta. The scheduled pass stays as the safety net and a relist after 410.
 */
export class ClusterWatches {
  private readonly sources = new Map<string, ManagedSource>();
  private readonly watches = new Map<string, ResumableWatch>();
  private stopped = false;

  constructor(
    private readonly options: {
      access: ClusterAccessService;
      logger: LoggerService;
      connectTimeoutMs: number;
      target: WatchTarget;
      /** For tests: how long a watch request lasts and how soon it retries. */
      watchSeconds?: number;
      backoff?: { initialMs: number; maxMs: number };
    },
  ) {}

  /** After a complete pass: the lists it read, and a watch from each. */
  listed(sources: ManagedSource[]): void {
    for (const source of sources) {
      this.sources.set(source.management, source);
      if (this.stopped || this.watches.has(source.management)) continue;
      const watch = this.watchOf(source);
      this.watches.set(source.management, watch);
      watch.start();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.watches.values()].map(w => w.stop()));
    this.watches.clear();
  }

  private watchOf(source: ManagedSource): ResumableWatch {
    const { management } = source;
    const { logger, target } = this.options;
    return new ResumableWatch(
      this.options.access.kubeConfig(management),
      CAPI_PATHS.clusters,
      {
        resourceVersion: source.resourceVersion,
        connectTimeoutMs: this.options.connectTimeoutMs,
        watchSeconds: this.options.watchSeconds,
        backoff: this.options.backoff,
      },
      {
        onEvent: (type, object) => this.changed(management, type, object),
        relist: async () => {
          logger.info(
            `Cluster watch of ${management}: resourceVersion expired, listing anew`,
          );
          await target.relist();
          return this.sources.get(management)?.resourceVersion;
        },
        onFailure: (error, retryInMs) =>
          logger.warn(
            `Cluster watch of ${management} failed, retrying in ${retryInMs} ms: ${error.message}`,
          ),
      },
    );
  }

  private changed(
    management: string,
    type: WatchEventType,
    object: KubeObject,
  ): Promise<unknown> {
    return this.options.target.serial(async () => {
      const source = this.sources.get(management);
      // A pass read a newer state meanwhile and applied it.
      if (
        !source ||
        notNewer(object.metadata?.resourceVersion, source.resourceVersion)
      ) {
        return undefined;
      }
      const name = object.metadata?.name ?? '';
      if (type !== 'DELETED') {
        return this.options.target.apply([source.toRecord(object)]);
      }
      return source.configured(name)
        ? undefined
        : this.options.target.remove([name]);
    });
  }
}

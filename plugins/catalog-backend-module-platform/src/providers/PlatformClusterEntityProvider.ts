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

import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { ClusterAccessService } from '@platform-portal/plugin-platform-node';
import { clusterEntity, ClusterLinkTargets } from '../lib/clusterEntity';
import { ClusterRecord, ManagedSource, readFleet } from '../lib/readFleet';
import { ClusterWatches } from './ClusterWatches';
import { EmittedEntities } from './EmittedEntities';
import { IngestionOptions } from './ingestionConfig';

export const REFRESH_TASK_ID = 'platform-clusters-entity-provider';

/** The scheduler gives up on the task at 2 minutes; the pass ends before. */
const TASK_TIMEOUT_MS = 120_000;
const PASS_BUDGET_MS = 100_000;

/**
 * What one pass did.
 *
 * @public
 */
export interface PassSummary {
  clusters: number;
  /** Entities sent because they were new or changed. */
  written: number;
  removed: number;
  /** Delta mutations applied while pages arrived. */
  batches: number;
}

/**
 * Ingests the platform's clusters as `Resource` entities of type
 * `kubernetes-cluster`. A pass reads the management clusters in pages and
 * applies each page as a delta, so entities appear while the rest is read
 * and the task keeps to its timeout. The first complete pass ends with a
 * full mutation (what an earlier process left and is gone, goes); later
 * passes send only what changed and remove what disappeared.
 *
 * @public
 */
export class PlatformClusterEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private readonly emitted = new EmittedEntities();
  /** Passes and watch events take turns: each compares with what the last sent. */
  private running: Promise<unknown> = Promise.resolve();
  private readonly watches?: ClusterWatches;

  constructor(
    private readonly options: {
      access: ClusterAccessService;
      logger: LoggerService;
      ingestion: IngestionOptions;
      links?: ClusterLinkTargets;
      /** When given, `connect` schedules the refresh every 5 minutes. */
      scheduler?: SchedulerService;
      /** Watch Cluster API Clusters once the first pass is in (default true). */
      watch?:
        | boolean
        | {
            watchSeconds?: number;
            backoff?: { initialMs: number; maxMs: number };
          };
    },
  ) {
    const watch = options.watch ?? true;
    if (watch) {
      this.watches = new ClusterWatches({
        access: options.access,
        logger: options.logger,
        connectTimeoutMs: options.ingestion.timeoutMs,
        ...(typeof watch === 'object' ? watch : {}),
        target: {
          serial: fn => this.serial(fn),
          apply: records => this.applyChanged(this.deferred(records)),
          remove: names => this.remove(names),
          relist: () => this.refresh(),
        },
      });
    }
  }

  /** Ends the watches; a pass under way finishes. */
  async stop(): Promise<void> {
    await this.watches?.stop();
  }

  getProviderName(): string {
    return 'PlatformClusterEntityProvider';
  }

  private get locationKey(): string {
    return `platform-clusters:${this.getProviderName()}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.scheduler?.scheduleTask({
      id: REFRESH_TASK_ID,
      frequency: { minutes: 5 },
      timeout: { milliseconds: TASK_TIMEOUT_MS },
      fn: async () => {
        await this.refresh();
      },
    });
  }

  /** One pass over the fleet; rejects, naming the config key, if a management cluster cannot be read. */
  refresh(): Promise<PassSummary> {
    return this.serial(() => this.pass());
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const turn = this.running.then(fn);
    this.running = turn.catch(() => undefined);
    return turn;
  }

  /** Entities for records, as the catalog receives them. */
  private deferred(records: ClusterRecord[]): DeferredEntity[] {
    return records.map(record => ({
      entity: clusterEntity(record, this.locationKey, this.options.links),
      locationKey: this.locationKey,
    }));
  }

  /** Sends what changed among these entities; returns how many were sent. */
  private async applyChanged(entities: DeferredEntity[]): Promise<number> {
    const added = this.emitted.changed(entities);
    if (added.length === 0) return 0;
    await this.requireConnection().applyMutation({
      type: 'delta',
      added,
      removed: [],
    });
    this.emitted.record(added);
    return added.length;
  }

  /** Removes clusters this provider emitted; returns how many. */
  private async remove(names: string[]): Promise<number> {
    const refs = names
      .map(name => `resource:default/${name}`)
      .filter(ref => this.emitted.has(ref));
    if (refs.length === 0) return 0;
    await this.requireConnection().applyMutation({
      type: 'delta',
      added: [],
      removed: refs.map(entityRef => ({
        entityRef,
        locationKey: this.locationKey,
      })),
    });
    this.emitted.forget(refs);
    return refs.length;
  }

  private requireConnection(): EntityProviderConnection {
    if (!this.connection) {
      throw new Error(`${this.getProviderName()} is not connected yet`);
    }
    return this.connection;
  }

  private async pass(): Promise<PassSummary> {
    const connection = this.requireConnection();
    const started = Date.now();
    const { ingestion, logger } = this.options;
    const seen = new Map<string, DeferredEntity>();
    const listed: ManagedSource[] = [];
    const summary: PassSummary = {
      clusters: 0,
      written: 0,
      removed: 0,
      batches: 0,
    };
    for await (const batch of readFleet(this.options.access, {
      ...ingestion,
      deadline: started + Math.min(ingestion.passBudgetMs, PASS_BUDGET_MS),
      onNodesUnreadable: (cluster, error) =>
        logger.warn(
          `Cluster ${cluster}: nodes not readable for the catalog, version and counts left out: ${error.message}`,
        ),
    })) {
      if (batch.source?.last) listed.push(batch.source);
      const entities = this.deferred(batch.records);
      entities.forEach(e => seen.set(stringifyEntityRef(e.entity), e));
      const sent = await this.applyChanged(entities);
      summary.written += sent;
      if (sent > 0) summary.batches += 1;
    }
    summary.clusters = seen.size;
    if (!this.emitted.complete) {
      // Clusters an earlier process emitted and that are gone now leave the
      // catalog; unchanged entities are not rewritten by a full mutation.
      const entities = [...seen.values()];
      await connection.applyMutation({ type: 'full', entities });
      this.emitted.replaceAll(entities);
    } else {
      const removed = this.emitted.missingFrom(new Set(seen.keys()));
      if (removed.length > 0) {
        await connection.applyMutation({
          type: 'delta',
          added: [],
          removed: removed.map(entityRef => ({
            entityRef,
            locationKey: this.locationKey,
          })),
        });
        this.emitted.forget(removed);
      }
      summary.removed = removed.length;
    }
    this.watches?.listed(listed);
    logger.info(
      `Ingested ${summary.clusters} platform clusters: ${
        summary.written
      } new or changed in ${summary.batches} batches, ${
        summary.removed
      } removed, in ${Date.now() - started} ms`,
    );
    return summary;
  }
}

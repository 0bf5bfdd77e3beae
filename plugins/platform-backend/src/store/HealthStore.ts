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

import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  ApiUnreachableClass,
  HealthCheckResult,
  HealthStateChange,
  HealthVerdict,
  LayerHealth,
  LayerId,
} from '@platform-portal/plugin-platform-common';
import { Knex } from 'knex';
import { migratedClient } from './migratedClient';

const LAYERS_TABLE = 'platform_layer_health';
const HISTORY_TABLE = 'platform_layer_history';
const REACHABILITY_TABLE = 'platform_cluster_reachability';

interface ReachabilityRow {
  cluster: string;
  endpoint: string;
  error_class: string;
  message: string;
  since: string;
  last_attempt_at: string;
  evaluation_started_at: string | null;
}

/** A refresh that found the cluster's Kubernetes API unreachable. */
export interface UnreachableObservation {
  endpoint: string;
  /** `circuit-open` keeps the class of the failures that opened it. */
  errorClass: ApiUnreachableClass | 'circuit-open';
  message: string;
  observedAt: string;
}

/** A cluster's API outage as stored: since the first failed refresh. */
export interface StoredUnreachable {
  cluster: string;
  endpoint: string;
  errorClass: ApiUnreachableClass;
  message: string;
  since: string;
  lastAttemptAt: string;
}

interface LayerRow {
  cluster: string;
  layer: string;
  verdict: string;
  reason: string | null;
  checks: string;
  observed_at: string;
  evaluation_started_at: string | null;
}

interface HistoryRow {
  cluster: string;
  layer: string;
  from_verdict: string | null;
  to_verdict: string;
  message: string;
  changed_at: string;
}

/**
 * Health results as last observed, plus the history of verdict changes, in
 * the plugin's database (SQLite or PostgreSQL).
 */
export class HealthStore {
  static async create(
    database: DatabaseService,
    options: { historyDays?: number } = {},
  ): Promise<HealthStore> {
    const knex = await migratedClient(database);
    return new HealthStore(knex, options.historyDays ?? 90);
  }

  constructor(
    private readonly knex: Knex,
    private readonly historyDays: number,
  ) {}

  /**
   * Replaces a cluster's layers and records each change of verdict. With
   * `unreachable`, the layers given are only those the refresh could still
   * read; the others keep their last known rows, and the outage is recorded
   * (its start kept across refreshes). Without it, any outage is over.
   *
   * `evaluationStartedAt` is when the evaluation began reading its upstreams
   * (each layer's `observedAt` when not given). A stored row is replaced only
   * by a result whose evaluation began later, decided in the update itself so
   * it holds across replicas; a result discarded as older changes nothing.
   */
  async saveCluster(
    cluster: string,
    layers: LayerHealth[],
    unreachable?: UnreachableObservation,
    evaluationStartedAt?: string,
  ): Promise<HealthStateChange[]> {
    const startOf = (layer: LayerHealth) =>
      evaluationStartedAt ?? layer.observedAt;
    return this.knex.transaction(async tx => {
      const postgres = tx.client.dialect === 'postgresql';
      // Locked on PostgreSQL, so another replica's write waits for this one.
      const previousQuery = tx<LayerRow>(LAYERS_TABLE)
        .where({ cluster })
        .select('layer', 'verdict', 'evaluation_started_at');
      const previous = await (postgres
        ? previousQuery.forUpdate()
        : previousQuery);
      const [outageRow] = await tx<ReachabilityRow>(REACHABILITY_TABLE).where({
        cluster,
      });
      const started = evaluationStartedAt ?? layers[0]?.observedAt;
      // Whether the API answered is as old as the evaluation that asked.
      const newestStart = [
        ...previous.map(row => row.evaluation_started_at),
        outageRow?.evaluation_started_at,
      ].reduce<string | undefined>(
        (newest, at) => (at && (!newest || at > newest) ? at : newest),
        undefined,
      );
      const reachabilityIsNewer =
        !started || !newestStart || started >= newestStart;
      if (reachabilityIsNewer) {
        await this.saveReachability(
          tx,
          cluster,
          outageRow,
          unreachable,
          started,
        );
      }
      const before = new Map(
        previous.map(row => [row.layer, row.verdict as HealthVerdict]),
      );
      const written = new Set<string>();
      if (layers.length > 0) {
        const rows = await tx<LayerRow>(LAYERS_TABLE)
          .insert(
            layers.map(layer => ({
              cluster,
              layer: layer.layer,
              verdict: layer.verdict,
              reason: layer.reason ?? null,
              checks: JSON.stringify(layer.checks),
              observed_at: layer.observedAt,
              evaluation_started_at: startOf(layer),
            })),
          )
          .onConflict(['cluster', 'layer'])
          .merge()
          .where(builder =>
            builder
              .whereNull(`${LAYERS_TABLE}.evaluation_started_at`)
              .orWhere(
                `${LAYERS_TABLE}.evaluation_started_at`,
                '<',
                tx.ref('excluded.evaluation_started_at'),
              ),
          )
          .returning(['layer']);
        for (const row of rows as Array<{ layer: string }>) {
          written.add(row.layer);
        }
      }
      const changes: HealthStateChange[] = [];
      for (const layer of layers) {
        const from = before.get(layer.layer);
        if (written.has(layer.layer) && from !== layer.verdict) {
          changes.push({
            cluster,
            layer: layer.layer,
            from,
            to: layer.verdict,
            changedAt: layer.observedAt,
            message: summarise(layer),
          });
        }
      }
      if (changes.length > 0) {
        await tx<HistoryRow>(HISTORY_TABLE).insert(
          changes.map(change => ({
            cluster,
            layer: change.layer,
            from_verdict: change.from ?? null,
            to_verdict: change.to,
            message: change.message,
            changed_at: change.changedAt,
          })),
        );
      }
      // History older than the retention goes, so the table stays bounded.
      const cutoff = new Date(
        Date.parse(layers[0]?.observedAt ?? new Date().toISOString()) -
          this.historyDays * 24 * 3600 * 1000,
      ).toISOString();
      await tx<HistoryRow>(HISTORY_TABLE)
        .where({ cluster })
        .andWhere('changed_at', '<', cutoff)
        .delete();
      return changes;
    });
  }

  /** Records an outage (keeping its start and its class) or its end. */
  private async saveReachability(
    tx: Knex.Transaction,
    cluster: string,
    existing: ReachabilityRow | undefined,
    unreachable: UnreachableObservation | undefined,
    evaluationStartedAt: string | undefined,
  ): Promise<void> {
    if (!unreachable) {
      await tx<ReachabilityRow>(REACHABILITY_TABLE).where({ cluster }).delete();
      return;
    }
    const errorClass =
      unreachable.errorClass === 'circuit-open'
        ? existing?.error_class ?? 'network'
        : unreachable.errorClass;
    await tx<ReachabilityRow>(REACHABILITY_TABLE)
      .insert({
        cluster,
        endpoint: unreachable.endpoint,
        error_class: errorClass,
        message:
          unreachable.errorClass === 'circuit-open' && existing
            ? existing.message
            : unreachable.message,
        since: existing?.since ?? unreachable.observedAt,
        last_attempt_at: unreachable.observedAt,
        evaluation_started_at: evaluationStartedAt ?? unreachable.observedAt,
      })
      .onConflict('cluster')
      .merge();
  }

  /**
   * The latest verdict of every layer, of one cluster or all. The fleet view
   * asks without checks: their evidence is the bulk of each row.
   */
  async listLayers(
    cluster?: string,
    options: { withChecks?: boolean } = {},
  ): Promise<LayerHealth[]> {
    const withChecks = options.withChecks ?? true;
    const query = this.knex<LayerRow>(LAYERS_TABLE).select(
      withChecks
        ? '*'
        : ['cluster', 'layer', 'verdict', 'observed_at', 'reason'],
    );
    if (cluster) {
      query.where({ cluster });
    }
    const rows: Partial<LayerRow>[] = await query;
    return rows.map(row => ({
      cluster: row.cluster!,
      layer: row.layer as LayerId,
      verdict: row.verdict as HealthVerdict,
      checks: withChecks
        ? (JSON.parse(row.checks!) as HealthCheckResult[])
        : [],
      observedAt: row.observed_at!,
      ...(row.reason ? { reason: row.reason } : {}),
    }));
  }

  /** The clusters whose Kubernetes API could not be reached at their latest refresh. */
  async listUnreachable(): Promise<StoredUnreachable[]> {
    const rows = await this.knex<ReachabilityRow>(REACHABILITY_TABLE).select(
      '*',
    );
    return rows.map(row => ({
      cluster: row.cluster,
      endpoint: row.endpoint,
      errorClass: row.error_class as ApiUnreachableClass,
      message: row.message,
      since: row.since,
      lastAttemptAt: row.last_attempt_at,
    }));
  }

  /**
   * Changes whenever a layer or an outage is written, by this replica or
   * another: the number of rows and the newest observation. Cheap enough for
   * every request.
   */
  async version(): Promise<string> {
    const [[row], [outages]] = await Promise.all([
      this.knex<LayerRow>(LAYERS_TABLE)
        .count({ rows: '*' })
        .max({ latest: 'observed_at' }),
      this.knex<ReachabilityRow>(REACHABILITY_TABLE)
        .count({ rows: '*' })
        .max({ latest: 'last_attempt_at' }),
    ]);
    return `${row?.rows ?? 0}/${row?.latest ?? ''}/${outages?.rows ?? 0}/${
      outages?.latest ?? ''
    }`;
  }

  /**
   * When each layer turned to its current verdict: its latest change, keyed
   * by `cluster` and `layer` joined with a NUL.
   */
  async verdictSince(cluster?: string): Promise<Map<string, string>> {
    const query = this.knex<HistoryRow>(HISTORY_TABLE)
      .select('cluster', 'layer')
      .max({ since: 'changed_at' })
      .groupBy('cluster', 'layer');
    if (cluster) {
      query.where({ cluster });
    }
    const rows = (await query) as unknown as Array<{
      cluster: string;
      layer: string;
      since: string;
    }>;
    return new Map(rows.map(r => [`${r.cluster}\u0000${r.layer}`, r.since]));
  }

  /** Changes of verdict on a cluster, newest first. */
  async history(cluster: string, limit: number): Promise<HealthStateChange[]> {
    const rows = await this.knex<HistoryRow>(HISTORY_TABLE)
      .where({ cluster })
      .orderBy([
        { column: 'changed_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit);
    return rows.map(row => ({
      cluster: row.cluster,
      layer: row.layer as LayerId,
      ...(row.from_verdict ? { from: row.from_verdict as HealthVerdict } : {}),
      to: row.to_verdict as HealthVerdict,
      changedAt: row.changed_at,
      message: row.message,
    }));
  }
}

function summarise(layer: LayerHealth): string {
  if (layer.reason) {
    return layer.reason;
  }
  const failing = layer.checks.filter(c => c.verdict !== 'ok');
  return failing.length
    ? failing.map(c => c.message).join('; ')
    : 'All checks ok';
}

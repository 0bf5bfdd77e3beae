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

import { createHash } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import {
  ClusterHealthResponse,
  FleetHealthResponse,
  HealthHistoryResponse,
  HealthVerdict,
  LayerHealth,
  LayerHealthResponse,
  LAYER_IDS,
  LayerId,
  VerdictCounts,
  worstVerdict,
} from '@platform-portal/plugin-platform-common';
import { ConfiguredCluster } from '../config/readPlatformConfig';
import { HealthStore, StoredUnreachable } from '../store/HealthStore';
import { groupFindingsByCause } from './causes/groupFindingsByCause';
import { toUnreachable } from './toUnreachable';
import { withRemediations } from './withRemediations';

function emptyCounts(): VerdictCounts {
  return { ok: 0, warning: 0, critical: 0, unknown: 0 };
}

/** Groups rows by cluster, so the fleet view does not scan every row per cell. */
function byCluster(layers: LayerHealth[]): Map<string, LayerHealth[]> {
  const grouped = new Map<string, LayerHealth[]>();
  for (const layer of layers) {
    const list = grouped.get(layer.cluster);
    if (list) {
      list.push(layer);
    } else {
      grouped.set(layer.cluster, [layer]);
    }
  }
  return grouped;
}

/** The fleet view as served: its JSON and its entity tag. */
export interface FleetSnapshot {
  body: Buffer;
  etag: string;
}

/**
 * What the API serves: the stored results of configured clusters, with every
 * layer present and data older than the staleness limit turned `unknown`.
 */
export class HealthReadModel {
  constructor(
    private readonly options: {
      store: HealthStore;
      clusters: ConfiguredCluster[];
      staleAfterSeconds: number;
      now?: () => Date;
      logger?: LoggerService;
    },
  ) {}

  /** Every layer as last read from the store, for when the store is gone. */
  private lastGood?: { layers: LayerHealth[]; readAt: string };

  /** The serialized fleet view, for as long as the store and the clock leave it true. */
  private snapshot?: FleetSnapshot & { version: string; validUntil: number };
  /** One version read shared by the requests that arrive while it runs. */
  private pendingVersion?: Promise<string>;

  /**
   * The fleet view from memory, rebuilt only when the store's version moved
   * (a write by any replica) or a layer has since grown stale. While the
   * database cannot be reached it is built each time from the last good read.
   */
  async fleetSnapshot(): Promise<FleetSnapshot> {
    let version: string;
    try {
      version = await this.storeVersion();
    } catch {
      return serialize(await this.fleet());
    }
    const now = this.nowMs();
    if (
      this.snapshot &&
      this.snapshot.version === version &&
      now < this.snapshot.validUntil
    ) {
      return this.snapshot;
    }
    const fleet = await this.fleet();
    const staleAfterMs = this.options.staleAfterSeconds * 1000;
    let validUntil = Infinity;
    for (const cluster of fleet.clusters) {
      for (const layer of cluster.layers) {
        if (!layer.stale) {
          validUntil = Math.min(
            validUntil,
            Date.parse(layer.observedAt) + staleAfterMs + 1,
          );
        }
      }
    }
    const built = { ...serialize(fleet), version, validUntil };
    if (
      !fleet.clusters.some(c =>
        c.layers.some(
          l => l.stale && l.reason?.startsWith('The portal database'),
        ),
      )
    ) {
      this.snapshot = built;
    }
    return built;
  }

  private storeVersion(): Promise<string> {
    if (!this.pendingVersion) {
      this.pendingVersion = this.options.store.version().finally(() => {
        this.pendingVersion = undefined;
      });
    }
    return this.pendingVersion;
  }

  requireCluster(name: string): ConfiguredCluster {
    const cluster = this.options.clusters.find(c => c.name === name);
    if (!cluster) {
      throw new NotFoundError(`No cluster named '${name}' is configured`);
    }
    return cluster;
  }

  async fleet(): Promise<FleetHealthResponse> {
    const [layersRead, outages, since] = await Promise.all([
      this.readLayers(undefined, false),
      this.readOutages(),
      this.readSince(),
    ]);
    const stored = byCluster(layersRead);
    const counts = emptyCounts();
    const clusterCounts = emptyCounts();
    let unreachableClusters = 0;
    const clusters = this.options.clusters.map(cluster => {
      const outage = outages.get(cluster.name);
      const layers = withSince(
        this.complete(cluster.name, stored.get(cluster.name), outage),
        since,
      );
      const rowCounts = emptyCounts();
      for (const layer of layers) {
        rowCounts[layer.verdict] += 1;
        counts[layer.verdict] += 1;
      }
      const verdict = rowVerdict(layers, outage);
      clusterCounts[verdict] += 1;
      if (outage) {
        unreachableClusters += 1;
      }
      return {
        cluster: cluster.name,
        verdict,
        counts: rowCounts,
        layers: layers.map(l => ({
          layer: l.layer,
          verdict: l.verdict,
          observedAt: l.observedAt,
          stale: l.stale ?? false,
          ...(l.reason ? { reason: l.reason } : {}),
          ...(l.lastKnown ? { lastKnown: true } : {}),
          ...(l.since ? { since: l.since } : {}),
        })),
        ...(outage ? { unreachable: toUnreachable(outage) } : {}),
      };
    });
    return {
      layers: [...LAYER_IDS],
      clusters,
      counts,
      clusterCounts,
      unreachableClusters,
    };
  }

  async cluster(name: string): Promise<ClusterHealthResponse> {
    const configured = this.requireCluster(name);
    const [stored, outages, since] = await Promise.all([
      this.readLayers(name),
      this.readOutages(),
      this.readSince(name),
    ]);
    const outage = outages.get(name);
    const layers = withRemediations(
      withSince(this.complete(name, stored, outage), since),
      configured,
    );
    const unreachable = outage ? toUnreachable(outage) : undefined;
    const causes = groupFindingsByCause(layers, unreachable);
    return {
      cluster: name,
      verdict: rowVerdict(layers, outage),
      layers,
      ...(unreachable ? { unreachable } : {}),
      ...(causes.length > 0 ? { causes } : {}),
    };
  }

  /** When each layer turned to its verdict; nothing while the store is gone. */
  private async readSince(cluster?: string): Promise<Map<string, string>> {
    try {
      return await this.options.store.verdictSince(cluster);
    } catch {
      return new Map();
    }
  }

  /** Last outages read, for when the store is gone. */
  private lastOutages = new Map<string, StoredUnreachable>();

  private async readOutages(): Promise<Map<string, StoredUnreachable>> {
    try {
      const outages = await this.options.store.listUnreachable();
      this.lastOutages = new Map(outages.map(o => [o.cluster, o]));
    } catch (error) {
      this.options.logger?.warn(
        'Cluster outages could not be read from the database',
        error as Error,
      );
    }
    return this.lastOutages;
  }

  async layer(name: string, layer: LayerId): Promise<LayerHealthResponse> {
    const { layers, unreachable } = await this.cluster(name);
    return {
      ...layers.find(l => l.layer === layer)!,
      ...(unreachable ? { unreachable } : {}),
    };
  }

  async history(name: string, limit: number): Promise<HealthHistoryResponse> {
    this.requireCluster(name);
    try {
      return {
        cluster: name,
        changes: await this.options.store.history(name, limit),
      };
    } catch (error) {
      this.options.logger?.warn(
        `Health history of ${name} could not be read from the database`,
        error as Error,
      );
      throw new ServiceUnavailableError(
        'Health history is unavailable while the portal database cannot be reached; try again shortly',
      );
    }
  }

  async verdictOf(name: string): Promise<HealthVerdict> {
    return (await this.cluster(name)).verdict;
  }

  /**
   * Reads stored layers; while the database is unreachable, serves the last
   * good read marked stale so the fleet view degrades instead of failing,
   * and goes back to the database by itself on the next request.
   */
  private async readLayers(
    cluster?: string,
    withChecks = true,
  ): Promise<LayerHealth[]> {
    try {
      const layers = await this.options.store.listLayers(cluster, {
        withChecks,
      });
      if (cluster === undefined) {
        this.lastGood = { layers, readAt: this.nowIso() };
      } else if (this.lastGood) {
        this.lastGood = {
          layers: [
            ...this.lastGood.layers.filter(l => l.cluster !== cluster),
            ...layers,
          ],
          readAt: this.lastGood.readAt,
        };
      }
      return layers;
    } catch (error) {
      this.options.logger?.warn(
        'Health results could not be read from the database',
        error as Error,
      );
      if (!this.lastGood) {
        throw new ServiceUnavailableError(
          'Health results are unavailable while the portal database cannot be reached; try again shortly',
        );
      }
      const { readAt } = this.lastGood;
      return this.lastGood.layers
        .filter(l => cluster === undefined || l.cluster === cluster)
        .map(l => ({
          ...l,
          stale: true,
          reason: `The portal database cannot be reached; showing the last state read at ${readAt}`,
        }));
    }
  }

  private nowIso(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  private nowMs(): number {
    return (this.options.now?.() ?? new Date()).getTime();
  }

  private complete(
    cluster: string,
    stored: LayerHealth[] = [],
    outage?: StoredUnreachable,
  ): LayerHealth[] {
    const now = (this.options.now?.() ?? new Date()).getTime();
    const limitMs = this.options.staleAfterSeconds * 1000;
    return LAYER_IDS.map(layer => {
      const found = stored.find(
        s => s.cluster === cluster && s.layer === layer,
      );
      if (!found) {
        return {
          cluster,
          layer,
          verdict: 'unknown' as const,
          checks: [],
          observedAt: new Date(0).toISOString(),
          stale: true,
          reason: 'Not observed yet: the first refresh has not finished',
        };
      }
      if (outage && found.observedAt < outage.since) {
        // Read before the API went away: the last known verdict, greyed
        // with its age rather than turned unknown.
        return { ...found, stale: true, lastKnown: true };
      }
      const age = now - Date.parse(found.observedAt);
      if (age > limitMs) {
        return {
          ...found,
          verdict: 'unknown' as const,
          stale: true,
          reason: `Data is stale: last observed ${found.observedAt} (verdict then: ${found.verdict}), older than ${this.options.staleAfterSeconds} s`,
        };
      }
      return { ...found, stale: found.stale ?? false };
    });
  }
}

/**
 * Each layer with the time it turned to its verdict, unless the verdict is
 * one the read model made (stale data turned unknown).
 */
function withSince(
  layers: LayerHealth[],
  since: Map<string, string>,
): LayerHealth[] {
  return layers.map(l => {
    const at = since.get(`${l.cluster}\u0000${l.layer}`);
    return at && !(l.stale && !l.lastKnown) ? { ...l, since: at } : l;
  });
}

/** A cluster whose API cannot be reached is critical, whatever it last showed. */
function rowVerdict(
  layers: LayerHealth[],
  outage: StoredUnreachable | undefined,
): HealthVerdict {
  return outage ? 'critical' : worstVerdict(layers.map(l => l.verdict));
}

function serialize(fleet: FleetHealthResponse): FleetSnapshot {
  const body = Buffer.from(JSON.stringify(fleet));
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  return { body, etag };
}

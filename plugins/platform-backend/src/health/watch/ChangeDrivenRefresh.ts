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
import { LayerId, LAYER_IDS } from '@platform-portal/plugin-platform-common';
import {
  RefreshScope,
  runInRefreshScope,
} from '../../clients/resilience/RefreshScope';
import {
  ConfiguredCluster,
  HealthSettings,
} from '../../config/readPlatformConfig';
import { HealthEngine } from '../HealthEngine';
import { RecordClusterHealth } from '../healthRecorder';
import { KindReads, ReadScope } from './KindReads';

/** A change-driven evaluation of one cluster gives up after this long. */
const EVALUATION_DEADLINE_MS = 120_000;

/**
 * Re-evaluates a cluster's layers when a watched kind changes: only the
 * layers that read that kind (a management cluster's Cluster API objects also
 * concern its workload clusters), once per burst (`debounceMs` after the
 * first change), one evaluation of a cluster at a time.
 */
export class ChangeDrivenRefresh {
  private readonly pending = new Map<string, Set<LayerId> | 'all'>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly byName: Map<string, ConfiguredCluster>;
  private stopped = false;
  /** Evaluations made, for the bench and the logs. */
  evaluations = 0;

  constructor(
    private readonly options: {
      engine: HealthEngine;
      clusters: ConfiguredCluster[];
      reads: KindReads;
      record: RecordClusterHealth;
      settings: Pick<
        HealthSettings,
        'maxRequestsInFlight' | 'maxRequestsInFlightPerCluster'
      >;
      debounceMs: number;
      logger: LoggerService;
    },
  ) {
    this.byName = new Map(options.clusters.map(c => [c.name, c]));
  }

  /** A watched kind of `cluster` changed. */
  kindChanged(cluster: string, kindKey: string): void {
    this.request(cluster, 'own', kindKey);
    for (const workload of this.options.clusters) {
      if (workload.managementCluster === cluster) {
        this.request(workload.name, 'management', kindKey);
      }
    }
  }

  /** Re-check these layers of a cluster (an alert names them). */
  recheck(cluster: string, layers: Iterable<LayerId> | 'all'): void {
    this.add(cluster, layers === 'all' ? 'all' : new Set(layers));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.all(this.running.values());
  }

  private request(cluster: string, scope: ReadScope, kindKey: string) {
    const layers = this.options.reads.layersFor(scope, kindKey);
    if (layers && layers.size === 0) return;
    this.add(cluster, layers ?? 'all');
  }

  private add(cluster: string, layers: ReadonlySet<LayerId> | 'all') {
    if (this.stopped || !this.byName.has(cluster)) return;
    const before = this.pending.get(cluster);
    if (layers === 'all' || before === 'all') {
      this.pending.set(cluster, 'all');
    } else {
      this.pending.set(cluster, new Set([...(before ?? []), ...layers]));
    }
    this.schedule(cluster);
  }

  private schedule(cluster: string) {
    if (this.timers.has(cluster) || this.running.has(cluster)) return;
    this.timers.set(
      cluster,
      setTimeout(() => {
        this.timers.delete(cluster);
        const run = this.evaluate(cluster).finally(() => {
          this.running.delete(cluster);
          // Changes that came in meanwhile get their own evaluation.
          if (this.pending.has(cluster)) this.schedule(cluster);
        });
        this.running.set(cluster, run);
      }, this.options.debounceMs),
    );
  }

  private async evaluate(name: string): Promise<void> {
    const wanted = this.pending.get(name);
    this.pending.delete(name);
    const cluster = this.byName.get(name);
    if (!wanted || !cluster || this.stopped) return;
    const layers = new Set(wanted === 'all' ? LAYER_IDS : wanted);
    this.evaluations++;
    try {
      const {
        layers: evaluated,
        readable,
        unreachable,
        startedAt,
      } = await runInRefreshScope(
        new RefreshScope(this.options.settings),
        name,
        () =>
          this.options.engine.evaluateClusterReachability(
            cluster,
            AbortSignal.timeout(EVALUATION_DEADLINE_MS),
            undefined,
            layers,
          ),
      );
      await this.options.record(
        name,
        readable ?? evaluated,
        unreachable,
        startedAt,
      );
    } catch (error) {
      this.options.logger.warn(
        `Could not re-evaluate the health of ${name} after a change: ${
          (error as Error).message
        }`,
      );
    }
  }
}

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
import {
  HealthCheckResult,
  LayerHealth,
  LAYER_IDS,
  LayerId,
  worstVerdict,
} from '@platform-portal/plugin-platform-common';
import {
  HealthCheckCluster,
  HealthCheckContext,
  KubernetesObjectLike,
  PlatformHealthCheck,
} from '@platform-portal/plugin-platform-node';
import { bulkhead } from 'cockatiel';
import { UpstreamClients } from '../clients/UpstreamClients';
import {
  RefreshScope,
  runInRefreshScope,
} from '../clients/resilience/RefreshScope';
import {
  ConfiguredCluster,
  HealthSettings,
} from '../config/readPlatformConfig';
import { UnreachableObservation } from '../store/HealthStore';
import { SharedKubernetesReader } from './SharedKubernetesReader';
import { KindReads, recordingReader } from './watch/KindReads';

/** One cluster's refresh: its layers and, when its API could not be read, the outage. */
export interface ClusterEvaluation {
  /** Every layer, as its checks found it. */
  layers: LayerHealth[];
  /** With `unreachable`: the layers none of whose checks needed the API. */
  readable?: LayerHealth[];
  unreachable?: UnreachableObservation;
  /**
   * When its upstream reads began (ISO 8601), a shared reader's first read
   * included: the store keeps a result only over one whose reads began earlier.
   */
  startedAt: string;
}

export interface HealthEngineOptions {
  clients: UpstreamClients;
  clusters: ConfiguredCluster[];
  checks: () => PlatformHealthCheck[];
  settings: Pick<
    HealthSettings,
    | 'concurrency'
    | 'perClusterConcurrency'
    | 'maxRequestsInFlight'
    | 'maxRequestsInFlightPerCluster'
  >;
  logger: LoggerService;
  /** A watched kind's objects from its informer, while its watch is open. */
  cached?: (
    cluster: string,
    apiVersion: string,
    kind: string,
  ) => KubernetesObjectLike[] | undefined;
  /** Learns which layers read which kinds, for change-driven refresh. */
  reads?: KindReads;
}

/** What a check (or build-out probe) is told about the cluster it looks at. */
export function toCheckCluster(cluster: ConfiguredCluster): HealthCheckCluster {
  return {
    name: cluster.name,
    provisioner: cluster.provisioner,
    environment: cluster.environment,
    region: cluster.region,
    management: cluster.management,
    managementCluster: cluster.managementCluster,
  };
}

/**
 * Runs every check on every cluster and folds them into one verdict per
 * layer. Clusters run side by side up to `concurrency`, checks of one cluster
 * up to `perClusterConcurrency`, and upstream requests of a refresh up to
 * `maxRequestsInFlight` (`maxRequestsInFlightPerCluster` per cluster); a
 * cluster that does not answer only makes its own layers unknown.
 */
export class HealthEngine {
  constructor(private readonly options: HealthEngineOptions) {}

  async evaluateFleet(
    signal: AbortSignal | undefined,
    onCluster: (
      cluster: string,
      layers: LayerHealth[],
      unreachable: UnreachableObservation | undefined,
      startedAt: string,
    ) => Promise<void>,
  ): Promise<void> {
    const { clusters, settings } = this.options;
    const fleetLimit = bulkhead(settings.concurrency, Infinity);
    const scope = new RefreshScope(settings);
    const managers = new Set(clusters.map(c => c.managementCluster));
    const readers = new Map<string, SharedKubernetesReader>();
    const readerFor = (name: string) => {
      let reader = readers.get(name);
      const client = this.options.clients.kubernetes(name);
      if (!reader && client) {
        reader = this.reader(name, signal)!;
        readers.set(name, reader);
      }
      return reader;
    };
    await Promise.all(
      clusters.map(cluster =>
        fleetLimit.execute(async () => {
          const { layers, readable, unreachable, startedAt } =
            await runInRefreshScope(scope, cluster.name, () =>
              this.evaluateClusterReachability(cluster, signal, readerFor),
            );
          // Its lists are done with, unless workload clusters still read them.
          if (!managers.has(cluster.name)) {
            readers.delete(cluster.name);
          }
          try {
            // While the API cannot be reached, only what could still be
            // read is stored; the other layers keep their last known verdicts.
            await onCluster(
              cluster.name,
              readable ?? layers,
              unreachable,
              startedAt,
            );
          } catch (error) {
            // One cluster failing to store must not cost the others their refresh.
            this.options.logger.error(
              `Could not store the health of cluster ${cluster.name}`,
              error as Error,
            );
          }
        }),
      ),
    );
  }

  async evaluateCluster(
    cluster: ConfiguredCluster,
    signal?: AbortSignal,
  ): Promise<LayerHealth[]> {
    return (await this.evaluateClusterReachability(cluster, signal)).layers;
  }

  /** A refresh's reader of one cluster, reading watched kinds from their informers. */
  reader(
    name: string,
    signal?: AbortSignal,
  ): SharedKubernetesReader | undefined {
    const client = this.options.clients.kubernetes(name);
    const cached = this.options.cached;
    return (
      client &&
      new SharedKubernetesReader(
        client,
        signal,
        cached && ((apiVersion, kind) => cached(name, apiVersion, kind)),
      )
    );
  }

  /**
   * Every layer of a cluster; when its Kubernetes API cannot be reached,
   * also the outage and the layers none of whose checks needed the API.
   */
  async evaluateClusterReachability(
    cluster: ConfiguredCluster,
    signal?: AbortSignal,
    readerFor: (name: string) => SharedKubernetesReader | undefined = name =>
      this.reader(name, signal),
    /** Only these layers' checks run, and only these layers are returned. */
    onlyLayers?: ReadonlySet<LayerId>,
  ): Promise<ClusterEvaluation> {
    const checkCluster = toCheckCluster(cluster);
    const kubernetes = readerFor(cluster.name)!;
    const managementKubernetes = cluster.managementCluster
      ? readerFor(cluster.managementCluster)
      : undefined;
    const now = new Date();
    const context: HealthCheckContext = {
      cluster: checkCluster,
      kubernetes,
      managementKubernetes,
      now,
      signal: signal ?? new AbortController().signal,
    };
    const clusterLimit = bulkhead(
      this.options.settings.perClusterConcurrency,
      Infinity,
    );
    const checks = this.options
      .checks()
      .filter(check => !check.appliesTo || check.appliesTo(checkCluster))
      .filter(check => !onlyLayers || onlyLayers.has(check.layer));
    const results = await Promise.all(
      checks.map(check =>
        clusterLimit
          .execute(() => this.runCheck(check, this.recording(context, check)))
          .then(result => ({ layer: check.layer, result })),
      ),
    );
    const observedAt = new Date().toISOString();
    // A reader shared with an earlier cluster of the refresh may serve lists
    // read before this evaluation began.
    const startedAt = new Date(
      Math.min(
        now.getTime(),
        kubernetes?.readsBeganAt?.getTime() ?? Infinity,
        managementKubernetes?.readsBeganAt?.getTime() ?? Infinity,
      ),
    ).toISOString();
    const evaluated = onlyLayers
      ? LAYER_IDS.filter(l => onlyLayers.has(l))
      : LAYER_IDS;
    const layers = evaluated.map(layer =>
      this.foldLayer(cluster.name, layer, results, observedAt),
    );
    const outage = await kubernetes?.unreachable();
    if (!outage) {
      return { layers, startedAt };
    }
    // A check that needed the API failed with the API's error (the first
    // read gates every other); its layer keeps its last known verdict.
    const blocked = new Set(
      results
        .filter(
          r =>
            r.result.verdict === 'unknown' &&
            r.result.message.includes(outage.message),
        )
        .map(r => r.layer),
    );
    return {
      layers,
      readable: layers.filter(l => !blocked.has(l.layer)),
      unreachable: {
        endpoint: cluster.kubernetes.url,
        errorClass: outage.errorClass,
        message: outage.message,
        observedAt,
      },
      startedAt,
    };
  }

  /** The check's context with its Kubernetes reads recorded against its layer. */
  private recording(
    context: HealthCheckContext,
    check: PlatformHealthCheck,
  ): HealthCheckContext {
    const reads = this.options.reads;
    if (!reads) return context;
    return {
      ...context,
      kubernetes:
        context.kubernetes &&
        recordingReader(context.kubernetes, (v, k) =>
          reads.record('own', v, k, check.layer),
        ),
      managementKubernetes:
        context.managementKubernetes &&
        recordingReader(context.managementKubernetes, (v, k) =>
          reads.record('management', v, k, check.layer),
        ),
    };
  }

  private async runCheck(
    check: PlatformHealthCheck,
    context: HealthCheckContext,
  ): Promise<HealthCheckResult> {
    const base = {
      id: check.id,
      title: check.title,
      ...(check.runbook ? { runbook: check.runbook } : {}),
      ...(check.buildOutStep ? { buildOutStep: check.buildOutStep } : {}),
    };
    try {
      const outcome = await check.run(context);
      return { ...base, ...outcome };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.options.logger.debug(
        `Health check ${check.id} on ${context.cluster.name} could not look: ${message}`,
      );
      return { ...base, verdict: 'unknown', message, evidence: [] };
    }
  }

  private foldLayer(
    cluster: string,
    layer: LayerId,
    results: Array<{ layer: LayerId; result: HealthCheckResult }>,
    observedAt: string,
  ): LayerHealth {
    const checks = results.filter(r => r.layer === layer).map(r => r.result);
    const verdict = worstVerdict(checks.map(c => c.verdict));
    const health: LayerHealth = { cluster, layer, verdict, checks, observedAt };
    if (checks.length === 0) {
      health.reason = 'No check covers this layer on this cluster yet';
    } else if (verdict === 'unknown') {
      health.reason = [
        ...new Set(
          checks.filter(c => c.verdict === 'unknown').map(c => c.message),
        ),
      ].join('; ');
    }
    return health;
  }
}

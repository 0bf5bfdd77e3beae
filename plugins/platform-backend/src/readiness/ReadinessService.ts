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
import { InputError } from '@backstage/errors';
import {
  BuildOutAttestation,
  ClusterReadinessResponse,
  FleetReadinessResponse,
  getBuildOutStep,
} from '@platform-portal/plugin-platform-common';
import { HealthCheckContext } from '@platform-portal/plugin-platform-node';
import { bulkhead } from 'cockatiel';
import { UpstreamClients } from '../clients/UpstreamClients';
import { ConfiguredCluster } from '../config/readPlatformConfig';
import { toCheckCluster } from '../health/HealthEngine';
import { HealthReadModel } from '../health/HealthReadModel';
import { SharedKubernetesReader } from '../health/SharedKubernetesReader';
import { assessReadiness, StepVerdict } from './assessReadiness';
import { AttestationStore } from './AttestationStore';
import { BuildOutProbe } from './probes';

export interface ReadinessServiceOptions {
  health: HealthReadModel;
  clients: UpstreamClients;
  probes: BuildOutProbe[];
  attestations: AttestationStore;
  logger: LoggerService;
  /** Probe results are reused this long, so page views do not hammer upstreams. */
  probeCacheSeconds?: number;
  /** Clusters probed at the same time by the fleet view. */
  concurrency?: number;
}

/**
 * Readiness of clusters against the guide's 50-step build-out: the stored
 * health check results, the build-out probes and people's attestations.
 */
export class ReadinessService {
  private readonly probeCache = new Map<
    string,
    { at: number; verdicts: Promise<StepVerdict[]> }
  >();
  private readonly fleetLimit;

  constructor(private readonly options: ReadinessServiceOptions) {
    this.fleetLimit = bulkhead(options.concurrency ?? 4, Infinity);
  }

  async cluster(name: string): Promise<ClusterReadinessResponse> {
    const cluster = this.options.health.requireCluster(name);
    const [health, probed, attestations] = await Promise.all([
      this.healthVerdicts(name),
      this.probeVerdicts(cluster),
      this.options.attestations.latest(name),
    ]);
    return assessReadiness({
      cluster: name,
      verdicts: [...health, ...probed],
      attestations,
      observedAt: new Date().toISOString(),
    });
  }

  async fleet(clusters: ConfiguredCluster[]): Promise<FleetReadinessResponse> {
    const summaries = await Promise.all(
      clusters.map(cluster =>
        this.fleetLimit.execute(async () => {
          try {
            const { phases, ...rest } = await this.cluster(cluster.name);
            return {
              ...rest,
              phases: phases.map(({ steps: _steps, title: _title, ...p }) => p),
            };
          } catch (error) {
            return {
              cluster: cluster.name,
              score: { percent: 0, passed: 0, attested: 0, total: 50 },
              outOfOrder: false,
              phases: [],
              error: error instanceof Error ? error.message : String(error),
            };
          }
        }),
      ),
    );
    return { clusters: summaries };
  }

  /** Records a person's attestation of a step no API can verify. */
  async attest(
    cluster: string,
    step: number,
    attestedBy: string,
    note?: string,
  ): Promise<BuildOutAttestation> {
    this.options.health.requireCluster(cluster);
    const definition = getBuildOutStep(step);
    if (!definition) {
      throw new InputError(
        `Invalid path parameter 'step': ${step} is not a build-out step (1-50)`,
      );
    }
    if (definition.verification !== 'attestation') {
      throw new InputError(
        `Invalid path parameter 'step': step ${step} ("${definition.action}") is verified automatically and takes no attestation`,
      );
    }
    return this.options.attestations.add({
      cluster,
      step,
      attestedBy,
      attestedAt: new Date().toISOString(),
      ...(note ? { note } : {}),
    });
  }

  private async healthVerdicts(name: string): Promise<StepVerdict[]> {
    const { layers } = await this.options.health.cluster(name);
    return layers.flatMap(layer =>
      layer.checks
        .filter(check => check.buildOutStep !== undefined)
        .map(check => ({
          step: check.buildOutStep!,
          id: check.id,
          title: check.title,
          source: 'health-check' as const,
          // A stale layer's old verdicts cannot vouch for a step now.
          verdict: layer.stale ? 'unknown' : check.verdict,
          message: layer.stale ? layer.reason ?? 'Stale' : check.message,
          evidence: check.evidence,
        })),
    );
  }

  private probeVerdicts(cluster: ConfiguredCluster): Promise<StepVerdict[]> {
    const maxAgeMs = (this.options.probeCacheSeconds ?? 15) * 1000;
    const cached = this.probeCache.get(cluster.name);
    if (cached && Date.now() - cached.at < maxAgeMs) {
      return cached.verdicts;
    }
    const verdicts = this.runProbes(cluster);
    this.probeCache.set(cluster.name, { at: Date.now(), verdicts });
    return verdicts;
  }

  private async runProbes(cluster: ConfiguredCluster): Promise<StepVerdict[]> {
    const client = this.options.clients.kubernetes(cluster.name)!;
    const signal = new AbortController().signal;
    const context: HealthCheckContext = {
      cluster: toCheckCluster(cluster),
      kubernetes: new SharedKubernetesReader(client, signal),
      now: new Date(),
      signal,
    };
    return Promise.all(
      this.options.probes.map(async probe => {
        const base = {
          step: probe.step,
          id: probe.id,
          title: probe.title,
          source: 'build-out-probe' as const,
        };
        try {
          return { ...base, ...(await probe.run(context)) };
        } catch (error) {
          const message =
            error instanceof Error ? error.message : String(error);
          this.options.logger.debug(
            `Build-out probe ${probe.id} on ${cluster.name} could not look: ${message}`,
          );
          return {
            ...base,
            verdict: 'unknown' as const,
            message,
            evidence: [],
          };
        }
      }),
    );
  }
}

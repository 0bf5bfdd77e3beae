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
  FleetCertificate,
  FleetCertificatesResponse,
} from '@platform-portal/plugin-platform-common';
import { UpstreamClients } from '../clients/UpstreamClients';
import { ConfiguredCluster } from '../config/readPlatformConfig';
import { ManagementClusterReads } from './clusterApiCertificates';
import { byDaysLeft, clusterCertificates } from './fleetCertificates';
import { nodeOnlyCertificates } from './nodeOnlyCertificates';

/** Clusters read at once: each costs a TLS handshake and one list. */
const CONCURRENCY = 16;

/**
 * Reads every cluster's certificates. Requests that arrive while a pass is
 * under way share it, so a page opened by many people costs one pass; the
 * next request after it starts a new one, so a fix shows at once.
 */
export class FleetCertificateService {
  private inFlight?: Promise<FleetCertificatesResponse>;

  constructor(
    private readonly clients: UpstreamClients,
    private readonly clusters: ConfiguredCluster[],
  ) {}

  list(now: Date = new Date()): Promise<FleetCertificatesResponse> {
    if (!this.inFlight) {
      this.inFlight = this.read(now).finally(() => {
        this.inFlight = undefined;
      });
    }
    return this.inFlight;
  }

  private async read(now: Date): Promise<FleetCertificatesResponse> {
    const certificates: FleetCertificate[] = [];
    const errors: FleetCertificatesResponse['errors'] = [];
    const queue = [...this.clusters];
    const timeoutMs = this.clients.policies.options.timeoutMs;
    const management = new ManagementClusterReads(this.clients);
    const worker = async () => {
      for (let cluster = queue.shift(); cluster; cluster = queue.shift()) {
        const kubernetes = this.clients.kubernetes(cluster.name);
        if (!kubernetes) continue;
        const found = await Promise.all([
          clusterCertificates(cluster, kubernetes, now, timeoutMs),
          management.certificates(cluster, now),
        ]);
        for (const part of found) {
          certificates.push(...part.certificates);
          errors.push(
            ...part.errors.map(message => ({ cluster: cluster.name, message })),
          );
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker),
    );
    return {
      observedAt: now.toISOString(),
      certificates: certificates.sort(byDaysLeft),
      errors: errors.sort((a, b) => a.cluster.localeCompare(b.cluster)),
      notReadable: nodeOnlyCertificates(this.clusters),
    };
  }
}

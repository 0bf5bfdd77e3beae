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

import { HealthEvidence } from '@platform-portal/plugin-platform-common';
import { PlatformHealthCheck } from '@platform-portal/plugin-platform-node';
import { UpstreamClients } from '../../clients/UpstreamClients';
import { upstreamFailureOf } from '../../clients/resilience/toBackstageError';
import { evidence, outcome } from './support';

/** What a client needs from the discovery document to sign anyone in. */
const REQUIRED = [
  'issuer',
  'authorization_endpoint',
  'token_endpoint',
  'jwks_uri',
] as const;

/**
 * Dex answers where people sign in: its discovery document names the
 * endpoints an OIDC client needs, and `/healthz` passes (Dex's own check of
 * its storage). Dex not answering at all is nobody signing in, so critical,
 * not unknown.
 */
function dexEndpoints(clients: UpstreamClients): PlatformHealthCheck {
  return {
    id: 'identity.dex-endpoints',
    layer: 'identity',
    title: 'Dex serves its discovery document and is healthy',
    buildOutStep: 32,
    async run({ cluster, signal }) {
      const client = clients.dex(cluster.name)!;
      let discovery;
      let health;
      try {
        [discovery, health] = await Promise.all([
          client.discovery(signal),
          client.health(signal),
        ]);
      } catch (error) {
        const kind = upstreamFailureOf(error)?.kind;
        if (
          kind === 'network' ||
          kind === 'timeout' ||
          kind === 'circuit-open'
        ) {
          return outcome(
            'critical',
            `Nobody can sign in: ${(error as Error).message}`,
          );
        }
        throw error;
      }
      const facts: HealthEvidence[] = [
        evidence(
          'dex',
          'issuer',
          discovery.data.issuer ?? 'not in the discovery document',
          discovery.observedAt,
        ),
        evidence('dex', '/healthz', `HTTP ${health.status}`, health.observedAt),
      ];
      const missing = REQUIRED.filter(field => !discovery.data[field]);
      if (missing.length > 0) {
        return outcome(
          'critical',
          `Dex's discovery document lacks ${missing.join(
            ', ',
          )}: OIDC clients cannot sign anyone in`,
          facts,
        );
      }
      if (health.status !== 200) {
        return outcome(
          'critical',
          `Dex reports its own health check failing (HTTP ${health.status})`,
          facts,
        );
      }
      return outcome(
        'ok',
        `Dex answers as ${discovery.data.issuer} and its health check passes`,
        facts,
      );
    },
  };
}

/** The HTTP checks of Dex, when `platform.upstreams.dex` says where it is. */
export function dexEndpointChecks(
  clients: UpstreamClients,
): PlatformHealthCheck[] {
  return clients.configured('dex') ? [dexEndpoints(clients)] : [];
}

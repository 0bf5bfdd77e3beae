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
  HealthEvidence,
  HealthVerdict,
} from '@platform-portal/plugin-platform-common';
import { PlatformHealthCheck } from '@platform-portal/plugin-platform-node';
import { notConfigured, UpstreamClients } from '../../clients/UpstreamClients';
import { evidence, outcome } from './support';

/**
 * Nexus is shared by every cluster, so its verdict is the same on each: a
 * read-only Nexus stops every pipeline's image push.
 */
function nexusHealth(clients: UpstreamClients): PlatformHealthCheck {
  return {
    id: 'artifacts.nexus',
    layer: 'artifacts',
    title:
      'Nexus is writable, its status checks pass and blob stores have space',
    buildOutStep: 28,
    async run({ signal }) {
      const client = clients.nexus();
      if (!client) {
        return outcome('unknown', notConfigured('nexus'));
      }
      const [writable, checks, blobStores] = await Promise.all([
        client.writable(signal),
        client.statusChecks(signal),
        client.blobStores(signal),
      ]);
      const facts: HealthEvidence[] = [];
      let verdict: HealthVerdict = 'ok';
      if (!writable.data) {
        verdict = 'critical';
        facts.push(
          evidence(
            'nexus/status/writable',
            'HTTP status',
            String(writable.status),
            writable.observedAt,
          ),
        );
      }
      for (const [name, check] of Object.entries(checks.data)) {
        if (!check.healthy) {
          verdict = 'critical';
          facts.push(
            evidence(
              `nexus/status/check/${name}`,
              'healthy',
              `false${check.message ? ` (${check.message})` : ''}`,
              checks.observedAt,
            ),
          );
        }
      }
      for (const store of blobStores.data) {
        const limit =
          store.softQuota?.type === 'spaceRemainingQuota'
            ? store.softQuota.limit ?? 0
            : 0;
        const available = store.availableSpaceInBytes;
        if (
          store.unavailable ||
          (available !== undefined && available <= limit)
        ) {
          verdict = 'critical';
          facts.push(
            evidence(
              `nexus/blobstores/${store.name}`,
              'availableSpaceInBytes',
              `${available ?? 'unknown'}${
                store.unavailable ? ' (unavailable)' : ''
              }`,
              blobStores.observedAt,
            ),
          );
        }
      }
      return outcome(
        verdict,
        facts.length
          ? `Nexus problem(s): ${facts
              .map(f => `${f.object} ${f.value}`)
              .join('; ')}`
          : 'Nexus writable, all status checks healthy, blob stores have space',
        facts,
      );
    },
  };
}

export function artifactsChecks(
  clients: UpstreamClients,
): PlatformHealthCheck[] {
  return [nexusHealth(clients)];
}

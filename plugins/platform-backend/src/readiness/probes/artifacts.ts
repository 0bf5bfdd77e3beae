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

import { UpstreamClients } from '../../clients/UpstreamClients';
import { NexusRepository } from '../../clients/nexus/NexusClient';
import { notConfigured } from '../../clients/UpstreamClients';
import { evidence, outcome } from '../../health/checks/support';
import { BuildOutProbe } from './BuildOutProbe';

/** A Nexus repository of a format and type is configured and online. */
function repositoryProbe(
  clients: UpstreamClients,
  options: {
    step: number;
    id: string;
    title: string;
    wanted: (r: NexusRepository) => boolean;
    describe: string;
  },
): BuildOutProbe {
  return {
    id: options.id,
    step: options.step,
    title: options.title,
    async run({ signal }) {
      const nexus = clients.nexus();
      if (!nexus) {
        return outcome('unknown', notConfigured('nexus'));
      }
      const { data, observedAt } = await nexus.repositories(signal);
      const found = data.filter(options.wanted);
      const facts = found.map(r =>
        evidence(
          `Nexus repository ${r.name}`,
          'format/type/online',
          `${r.format}/${r.type}/${r.online !== false}`,
          observedAt,
        ),
      );
      if (found.length === 0) {
        return outcome('critical', `Nexus has no ${options.describe}`, [
          evidence(
            'Nexus repositories',
            'names',
            data.map(r => r.name).join(', ') || 'none',
            observedAt,
          ),
        ]);
      }
      const online = found.filter(r => r.online !== false);
      return online.length
        ? outcome(
            'ok',
            `${options.describe}: ${online.map(r => r.name).join(', ')}`,
            facts,
          )
        : outcome('critical', `Every ${options.describe} is offline`, facts);
    },
  };
}

export function artifactsProbes(clients: UpstreamClients): BuildOutProbe[] {
  return [
    repositoryProbe(clients, {
      step: 29,
      id: 'build-out.nexus-docker',
      title: 'Nexus hosts a Docker registry',
      wanted: r => r.format === 'docker' && r.type === 'hosted',
      describe: 'hosted Docker repository',
    }),
    repositoryProbe(clients, {
      step: 30,
      id: 'build-out.nexus-helm',
      title: 'Nexus hosts a Helm repository',
      wanted: r => r.format === 'helm' && r.type === 'hosted',
      describe: 'hosted Helm repository',
    }),
    repositoryProbe(clients, {
      step: 31,
      id: 'build-out.nexus-proxies',
      title: 'Nexus proxies external registries',
      wanted: r => r.type === 'proxy',
      describe: 'proxy repository',
    }),
  ];
}

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

import { PlatformHealthCheck } from '@platform-portal/plugin-platform-node';
import { GitLabRunner } from '../../clients/gitlab/GitLabClient';
import { notConfigured, UpstreamClients } from '../../clients/UpstreamClients';
import { evidence, outcome } from './support';

/**
 * A cluster's runners are those tagged with its name or whose description
 * starts with it (how runners are registered per cluster in the guide's
 * step 48).
 */
export function runnersOf(
  cluster: string,
  runners: GitLabRunner[],
): GitLabRunner[] {
  return runners.filter(
    r =>
      (r.tag_list ?? []).includes(cluster) ||
      (r.description ?? '').startsWith(`${cluster} `),
  );
}

function runnersOnline(clients: UpstreamClients): PlatformHealthCheck {
  return {
    id: 'cicd.runners',
    layer: 'cicd',
    title: "The cluster's GitLab runners are online",
    buildOutStep: 48,
    async run({ cluster, signal }) {
      const client = clients.gitlab();
      if (!client) {
        return outcome('unknown', notConfigured('gitlab'));
      }
      const { data, observedAt } = await client.runners(signal);
      const mine = runnersOf(cluster.name, data).filter(r => !r.paused);
      if (mine.length === 0) {
        return outcome(
          'warning',
          `No active GitLab runner is registered for ${cluster.name}`,
          [
            evidence(
              `gitlab/runners?cluster=${cluster.name}`,
              'count',
              '0',
              observedAt,
            ),
          ],
        );
      }
      const down = mine.filter(r => r.status !== 'online');
      if (down.length > 0) {
        return outcome(
          'warning',
          `${down.length} of ${mine.length} runner(s) not online`,
          down.map(r =>
            evidence(
              `gitlab/runners/${r.id}`,
              'status',
              `${r.status} (${r.description ?? ''})`,
              observedAt,
            ),
          ),
        );
      }
      return outcome('ok', `${mine.length} runner(s) online`, [
        evidence(
          `gitlab/runners?cluster=${cluster.name}`,
          'online',
          `${mine.length}/${mine.length}`,
          observedAt,
        ),
      ]);
    },
  };
}

export function cicdChecks(clients: UpstreamClients): PlatformHealthCheck[] {
  return [runnersOnline(clients)];
}

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
import { KINDS } from './kinds';
import { KubeObject } from './support';
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

const RECENT_PIPELINES = 10;

/**
 * Default-branch pipelines of the components deployed on the cluster (their
 * `backstage.io/kubernetes-id`, which is also their GitLab project's path):
 * a failing newest pipeline blocks the delivery path.
 */
function defaultBranchPipelines(clients: UpstreamClients): PlatformHealthCheck {
  return {
    id: 'cicd.default-branch-pipelines',
    layer: 'cicd',
    title: 'Default-branch pipelines of deployed components pass',
    buildOutStep: 49,
    async run({ kubernetes, signal }) {
      const client = clients.gitlab();
      if (!client) {
        return outcome('unknown', notConfigured('gitlab'));
      }
      const deployments = await kubernetes.list<KubeObject>(
        ...KINDS.deployment,
      );
      const components = [
        ...new Set(
          deployments.items
            .map(d => d.metadata?.labels?.['backstage.io/kubernetes-id'])
            .filter((id): id is string => Boolean(id)),
        ),
      ].sort();
      const facts: HealthEvidence[] = [];
      let verdict: HealthVerdict = 'ok';
      let checked = 0;
      for (const component of components) {
        for (const project of await client.projectsWithPath(
          component,
          signal,
        )) {
          const ref = project.default_branch ?? 'main';
          const { data, observedAt } = await client.pipelines(
            project.id,
            ref,
            RECENT_PIPELINES,
            signal,
          );
          const finished = data.filter(
            p => p.status === 'success' || p.status === 'failed',
          );
          if (finished.length === 0) {
            continue;
          }
          checked += 1;
          const failed = finished.filter(p => p.status === 'failed').length;
          if (finished[0].status === 'failed') {
            verdict = 'warning';
            facts.push(
              evidence(
                `gitlab/${project.path_with_namespace}/pipelines?ref=${ref}`,
                'latest status',
                `failed (${failed} of the last ${finished.length} failed)`,
                observedAt,
              ),
            );
          }
        }
      }
      if (checked === 0) {
        return outcome(
          'ok',
          components.length
            ? 'No finished default-branch pipeline for the deployed components'
            : 'No component deployed on this cluster',
        );
      }
      return outcome(
        verdict,
        facts.length
          ? `${facts.length} project(s) with a failing default branch`
          : `Default branches of ${checked} project(s) pass`,
        facts,
      );
    },
  };
}

export function cicdChecks(clients: UpstreamClients): PlatformHealthCheck[] {
  return [runnersOnline(clients), defaultBranchPipelines(clients)];
}

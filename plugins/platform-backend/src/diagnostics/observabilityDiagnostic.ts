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

import { RunbookDiagnostic } from './RunbookDiagnostic';
import { AnyObject, refOf } from './kubeObjects';
import { oomKilled, podProblems } from './podProblems';

/** The namespaces the guide's LGTM stack runs in. */
const OBSERVABILITY_NAMESPACES = ['monitoring', 'observability'];

function stackPods(pods: AnyObject[], namespace?: string): AnyObject[] {
  return pods.filter(p =>
    namespace
      ? p.metadata?.namespace === namespace
      : OBSERVABILITY_NAMESPACES.includes(p.metadata?.namespace ?? ''),
  );
}

/** Pods, OOM kills, PVCs and scrape targets of the observability stack. */
export const observabilityDiagnostic: RunbookDiagnostic = {
  runbook: 'observability-component-down',
  steps: [
    {
      id: 'pods',
      title: 'Observability pods running',
      runbookStep: 0,
      async run({ list, namespace }) {
        const pods = stackPods(await list('v1', 'Pod'), namespace);
        const problems = podProblems(pods);
        if (pods.length === 0) {
          return {
            result: 'fail',
            summary: `No observability pod in ${
              namespace ?? OBSERVABILITY_NAMESPACES.join(' or ')
            }`,
          };
        }
        return problems.length
          ? {
              result: 'warn',
              summary: `Not running: ${problems.join('; ')}`,
              evidence: problems,
            }
          : { result: 'pass', summary: `${pods.length} pod(s) running` };
      },
    },
    {
      id: 'oom-kills',
      title: 'OOM kills',
      runbookStep: 3,
      async run({ list, namespace }) {
        const killed = oomKilled(stackPods(await list('v1', 'Pod'), namespace));
        return killed.length
          ? {
              result: 'fail',
              summary: `${killed
                .map(refOf)
                .join(', ')} ran out of memory: raise the memory limit`,
              evidence: killed.map(
                p => `${refOf(p)}: last terminated OOMKilled`,
              ),
            }
          : { result: 'pass', summary: 'No container was OOM killed' };
      },
    },
    {
      id: 'pvcs',
      title: 'PersistentVolumeClaims bound',
      runbookStep: 2,
      async run({ list, namespace }) {
        const claims = (await list('v1', 'PersistentVolumeClaim')).filter(c =>
          namespace
            ? c.metadata?.namespace === namespace
            : OBSERVABILITY_NAMESPACES.includes(c.metadata?.namespace ?? ''),
        );
        const unbound = claims.filter(c => c.status?.phase !== 'Bound');
        return unbound.length
          ? {
              result: 'fail',
              summary: `PVC(s) not bound: ${unbound
                .map(c => `${refOf(c)} (${c.status?.phase})`)
                .join(', ')}`,
            }
          : { result: 'pass', summary: `${claims.length} PVC(s) bound` };
      },
    },
    {
      id: 'targets',
      title: 'Scrape targets up',
      runbookStep: 4,
      async run({ clients, cluster, signal }) {
        const prometheus = clients.prometheus();
        if (!prometheus) {
          return {
            result: 'warn',
            summary: 'No Prometheus configured (platform.upstreams.prometheus)',
          };
        }
        const { data } = await prometheus.query(
          `up{cluster="${cluster}"} == 0`,
          signal,
        );
        const jobs = [...new Set(data.map(s => s.metric.job ?? '?'))];
        return data.length
          ? {
              result: 'fail',
              summary: `${
                data.length
              } scrape target(s) down, job(s) ${jobs.join(', ')}`,
              evidence: data.map(
                s =>
                  `${s.metric.job} ${s.metric.instance}${
                    s.metric.node ? ` (${s.metric.node})` : ''
                  }: up 0`,
              ),
            }
          : { result: 'pass', summary: 'Every scrape target is up' };
      },
    },
  ],
};

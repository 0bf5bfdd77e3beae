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
import { AnyObject, inNamespace, refOf, selects } from './kubeObjects';
import { podProblems } from './podProblems';

const CILIUM = 'cilium.io/v2';

function ciliumAgents(pods: AnyObject[]): AnyObject[] {
  return inNamespace(pods, 'kube-system').filter(
    p =>
      p.metadata?.labels?.['k8s-app'] === 'cilium' ||
      /^cilium-[a-z0-9]{5}$/.test(p.metadata?.name ?? ''),
  );
}

/** Drop counters, the agents and the policies selecting the pod. */
export const ciliumDiagnostic: RunbookDiagnostic = {
  runbook: 'cilium-network-policy-drops',
  steps: [
    {
      id: 'drops',
      title: 'Policy drops counted by Cilium',
      runbookStep: 0,
      async run({ clients, cluster, namespace, signal }) {
        const prometheus = clients.prometheus();
        if (!prometheus) {
          return {
            result: 'warn',
            summary: 'No Prometheus configured (platform.upstreams.prometheus)',
          };
        }
        const { data } = await prometheus.query(
          `sum by (reason, direction) (rate(cilium_drop_count_total{cluster="${cluster}"}[5m]))`,
          signal,
        );
        const policyDrops = data.filter(
          s => /policy/i.test(s.metric.reason ?? '') && Number(s.value[1]) > 0,
        );
        const evidence = data.map(
          s =>
            `${s.metric.reason ?? '?'} ${s.metric.direction ?? ''}: ${Number(
              s.value[1],
            ).toFixed(3)}/s`,
        );
        return {
          result: policyDrops.length ? 'warn' : 'pass',
          summary: policyDrops.length
            ? `Cilium drops packets by policy${
                namespace ? ` (look at ${namespace})` : ''
              }`
            : 'No policy drops in the last 5 minutes',
          evidence: evidence.length
            ? evidence
            : ['cilium_drop_count_total: no samples'],
        };
      },
    },
    {
      id: 'agents',
      title: 'Cilium agents running on every node',
      runbookStep: 4,
      async run({ list }) {
        const agents = ciliumAgents(await list('v1', 'Pod'));
        const nodes = await list('v1', 'Node');
        const problems = podProblems(agents);
        if (problems.length) {
          const node = agents.find(a => problems[0].startsWith(refOf(a)))?.spec
            ?.nodeName;
          return {
            result: 'fail',
            summary: `Cilium agent not running: ${problems.join(
              '; ',
            )}; pods on ${node ?? 'that node'} have no datapath`,
            evidence: agents.map(a => `${refOf(a)} on ${a.spec?.nodeName}`),
            commands: [
              {
                description: 'Read the failing agent’s log',
                command: `kubectl logs -n kube-system ${
                  problems[0].split(' ')[0].split('/')[1]
                } --previous`,
              },
            ],
          };
        }
        return {
          result: 'pass',
          summary: `${agents.length} agent(s) for ${nodes.length} node(s)`,
        };
      },
    },
    {
      id: 'policies',
      title: 'Policies selecting the pods',
      runbookStep: 1,
      async run({ list, namespace, name }) {
        if (!namespace) {
          return {
            result: 'warn',
            summary:
              'Give a namespace (and a pod name) to see which policies select it',
          };
        }
        const pods = inNamespace(await list('v1', 'Pod'), namespace).filter(
          p => !name || p.metadata?.name === name,
        );
        const policies = [
          ...inNamespace(await list(CILIUM, 'CiliumNetworkPolicy'), namespace),
          ...(await list(CILIUM, 'CiliumClusterwideNetworkPolicy')),
        ];
        const evidence: string[] = [];
        for (const pod of pods) {
          const selecting = policies.filter(p =>
            selects(p.spec?.endpointSelector, pod.metadata?.labels ?? {}),
          );
          evidence.push(
            `${refOf(pod)}: ${selecting.map(refOf).join(', ') || 'no policy'}`,
          );
        }
        const denyAll = policies.filter(
          p =>
            p.spec?.endpointSelector &&
            Object.keys(p.spec.endpointSelector).length === 0 &&
            !p.spec?.ingress?.length &&
            !p.spec?.egress?.length,
        );
        return denyAll.length && pods.length
          ? {
              result: 'fail',
              summary: `${denyAll
                .map(refOf)
                .join(
                  ', ',
                )} select(s) every pod in ${namespace} and allow(s) nothing: traffic needs an allow rule`,
              evidence,
              commands: denyAll.map(p => ({
                description: `Temporarily remove ${refOf(
                  p,
                )} to confirm it is the cause (restore it afterwards)`,
                command: `kubectl delete ciliumnetworkpolicy ${p.metadata?.name} -n ${p.metadata?.namespace}`,
              })),
            }
          : {
              result: 'pass',
              summary: `${policies.length} policy(ies) in ${namespace}`,
              evidence,
            };
      },
    },
  ],
};

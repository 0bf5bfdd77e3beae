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
import { AnyObject, conditionOf, refOf } from './kubeObjects';

const LH = 'longhorn.io/v1beta2';

async function unhealthyVolumes(
  list: (v: string, k: string) => Promise<AnyObject[]>,
  name?: string,
): Promise<AnyObject[]> {
  return (await list(LH, 'Volume')).filter(
    v =>
      (!name || v.metadata?.name === name) &&
      v.status?.robustness !== 'healthy',
  );
}

/** Volumes, their replicas and the node that is down. */
export const longhornDiagnostic: RunbookDiagnostic = {
  runbook: 'longhorn-volume-degraded',
  steps: [
    {
      id: 'volumes',
      title: 'Longhorn volumes healthy',
      runbookStep: 0,
      async run({ list, name }) {
        const volumes = await list(LH, 'Volume');
        const bad = await unhealthyVolumes(list, name);
        return {
          result: bad.length ? 'warn' : 'pass',
          summary: bad.length
            ? `${bad.length} of ${volumes.length} volume(s) not healthy: ${bad
                .map(v => `${v.metadata?.name} (${v.status?.robustness})`)
                .join(', ')}`
            : `${volumes.length} volume(s) healthy`,
          evidence: volumes.map(
            v =>
              `${refOf(v)}: ${v.status?.state}, ${v.status?.robustness}, PVC ${
                v.status?.kubernetesStatus?.namespace ?? '?'
              }/${v.status?.kubernetesStatus?.pvcName ?? '?'}`,
          ),
        };
      },
    },
    {
      id: 'replicas',
      title: 'Under-replicated volumes and their failed replicas',
      runbookStep: 1,
      async run({ list, name }) {
        const bad = await unhealthyVolumes(list, name);
        if (bad.length === 0) {
          return { result: 'pass', summary: 'No volume is under-replicated' };
        }
        const replicas = (await list(LH, 'Replica')).filter(r =>
          bad.some(v => v.metadata?.name === r.spec?.volumeName),
        );
        const failed = replicas.filter(
          r => r.status?.currentState !== 'running',
        );
        const nodes = await list('v1', 'Node');
        const lhNodes = await list(LH, 'Node');
        const evidence = replicas.map(
          r =>
            `${r.metadata?.name} of ${r.spec?.volumeName} on ${r.spec?.nodeID}: ${r.status?.currentState}`,
        );
        if (failed.length === 0) {
          return {
            result: 'warn',
            summary: 'Every replica runs; the volume is rebuilding',
            evidence,
          };
        }
        const failedNodes = [...new Set(failed.map(r => r.spec?.nodeID))];
        const downNodes = failedNodes.filter(n => {
          const node = nodes.find(x => x.metadata?.name === n);
          const lhNode = lhNodes.find(x => x.metadata?.name === n);
          return (
            conditionOf(node, 'Ready')?.status !== 'True' ||
            conditionOf(lhNode, 'Ready')?.status !== 'True'
          );
        });
        return {
          result: 'fail',
          summary: downNodes.length
            ? `Replica(s) ${failed
                .map(r => r.metadata?.name)
                .join(', ')} failed on node(s) that are down: ${downNodes.join(
                ', ',
              )}; wait for the node or delete the failed replica`
            : `Replica(s) ${failed
                .map(r => r.metadata?.name)
                .join(', ')} failed on ${failedNodes.join(
                ', ',
              )}, whose node is up: delete the failed replica so Longhorn rebuilds it`,
          evidence: [
            ...evidence,
            ...failedNodes.map(
              n =>
                `node ${n}: ${
                  conditionOf(
                    nodes.find(x => x.metadata?.name === n),
                    'Ready',
                  )?.status === 'True'
                    ? 'Ready'
                    : 'not Ready'
                }`,
            ),
          ],
          commands: failed.map(r => ({
            description: `Delete the failed replica ${r.metadata?.name}; Longhorn rebuilds it from a healthy one`,
            command: `kubectl -n ${
              r.metadata?.namespace ?? 'longhorn-system'
            } delete replicas.longhorn.io ${r.metadata?.name}`,
          })),
        };
      },
    },
  ],
};

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

import { KubeObject, timestamp } from '../kube/objects';
import { ObjectStore } from '../kube/store';
import { ClusterSpec } from '../scenario/types';
import { conditionsOf, machinePhase, machineVersion, mergeConditions, v1beta2 } from './capiMachines';
import { CAPI, CLUSTER_NAME_LABEL, DEPLOYMENT_NAME_LABEL, machineDeploymentName, machineSetName, SET_NAME_LABEL } from './capiObjects';
import { setStatus, upsert } from './objectWrites';

const MACHINE_SETS = `machinesets.${CAPI}`;

/**
 * The MachineSets of a MachineDeployment: one per template version; the
 * current one wants the desired replicas minus the machines still on older
 * versions, older ones want what they still have (zero once rolled out).
 */
export function reconcileMachineSets(
  store: ObjectStore,
  spec: ClusterSpec,
  md: KubeObject,
  workers: KubeObject[],
  healthy: (machine: KubeObject) => boolean,
  now: Date,
): void {
  const namespace = spec.capiNamespace ?? 'default';
  const at = timestamp(now);
  const mdSpec = md.spec as { replicas?: number; template?: { metadata?: object; spec?: { version?: string } & Record<string, unknown> } };
  const target = mdSpec.template?.spec?.version ?? spec.kubernetesVersion;
  const active = workers.filter(m => !m.metadata.deletionTimestamp);
  const versions = new Set([target, ...workers.map(machineVersion)]);
  for (const version of versions) {
    const name = machineSetName(spec.name, version);
    const mine = active.filter(m => machineVersion(m) === version);
    const replicas = version === target ? Math.max(0, (mdSpec.replicas ?? 0) - (active.length - mine.length)) : mine.length;
    const existing = store.get(MACHINE_SETS, namespace, name);
    const labels = { [CLUSTER_NAME_LABEL]: spec.name, [DEPLOYMENT_NAME_LABEL]: machineDeploymentName(spec.name), [SET_NAME_LABEL]: name };
    const stored = upsert(store, MACHINE_SETS, {
      apiVersion: `${CAPI}/v1beta2`,
      kind: 'MachineSet',
      metadata: {
        name,
        namespace,
        labels,
        ownerReferences: [{ apiVersion: `${CAPI}/v1beta2`, kind: 'MachineDeployment', name: md.metadata.name, uid: md.metadata.uid, controller: true, blockOwnerDeletion: true }],
        ...(existing ? { creationTimestamp: existing.metadata.creationTimestamp } : { creationTimestamp: mine[0]?.metadata.creationTimestamp }),
      },
      spec: {
        clusterName: spec.name,
        replicas,
        selector: { matchLabels: labels },
        template: { ...mdSpec.template, metadata: { labels }, spec: { ...mdSpec.template?.spec, version } },
      },
      ...(existing?.status ? { status: existing.status } : {}),
    });
    const ready = mine.filter(m => machinePhase(m, now) === 'Running' && healthy(m)).length;
    const gen = stored.metadata.generation ?? 1;
    setStatus(store, MACHINE_SETS, stored, {
      selector: Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(','),
      replicas: mine.length,
      readyReplicas: ready,
      availableReplicas: ready,
      upToDateReplicas: version === target ? mine.length : 0,
      observedGeneration: gen,
      conditions: mergeConditions(conditionsOf(stored.status, 'v1beta2'), [
        v1beta2('MachinesReady', ready === mine.length, ready === mine.length ? 'Ready' : 'NotReady', '', gen),
        v1beta2('ScalingUp', mine.length < replicas, mine.length < replicas ? 'ScalingUp' : 'NotScalingUp', '', gen),
        v1beta2('ScalingDown', mine.length > replicas, mine.length > replicas ? 'ScalingDown' : 'NotScalingDown', '', gen),
      ], at),
      deprecated: { v1beta1: { conditions: mergeConditions(conditionsOf(stored.status, 'v1beta1'), [{ type: 'Ready', status: ready === mine.length ? 'True' : 'False' }], at), fullyLabeledReplicas: mine.length, readyReplicas: ready, availableReplicas: ready } },
    });
  }
}

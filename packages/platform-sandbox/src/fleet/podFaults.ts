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

import { KubeObject } from '../kube/objects';
import { ObjectStore } from '../kube/store';
import { ClusterFaults, byIndex, nodeRoles } from './clusterFaults';
import { POD_FAULT_ANNOTATION, PodFault } from './pods';

function appName(pod: KubeObject): string | undefined {
  return pod.metadata.labels?.['app.kubernetes.io/name'];
}

function podsOf(pods: KubeObject[], namespace: string | undefined, name: string): KubeObject[] {
  return pods.filter(p => appName(p) === name && (!namespace || p.metadata.namespace === namespace)).sort((a, b) => byIndex(a.metadata.name, b.metadata.name));
}

/** Which pods the cluster's faults and the components' pod problems make unhealthy, and how. */
export function desiredPodFaults(
  store: ObjectStore,
  faults: ClusterFaults,
  components: string[],
  /** Per component on this cluster, the problems its pods have, one pod each in name order. */
  podProblems: Record<string, PodFault[]> = {},
): Map<string, PodFault> {
  const pods = store.list('pods');
  const marks = new Map<string, PodFault>();
  const mark = (list: KubeObject[], fault: PodFault) => list.forEach(p => marks.set(`${p.metadata.namespace}/${p.metadata.name}`, fault));
  if (faults.has('cilium-agent-crashloop')) {
    const workers = nodeRoles(store.list('nodes')).filter(n => !n.controlPlane).map(n => n.name).sort(byIndex);
    for (const target of faults.targets('cilium-agent-crashloop')) {
      const node = target ?? workers[0];
      mark(podsOf(pods, 'kube-system', 'cilium').filter(p => (p.spec as { nodeName?: string }).nodeName === node), 'crashloop');
    }
  }
  if (faults.has('dex-down')) mark(podsOf(pods, 'dex', 'dex'), 'crashloop');
  if (faults.has('loki-not-ready')) mark(podsOf(pods, 'monitoring', 'loki'), 'not-ready');
  if (faults.has('gitlab-runner-offline')) mark(podsOf(pods, 'gitlab-runner', 'gitlab-runner'), 'crashloop');
  for (const target of faults.targets('scrape-target-down')) {
    mark(podsOf(pods, undefined, target ?? 'node-exporter').slice(0, 1), 'not-ready');
  }
  // A degraded application shows as a crashing pod of its Deployment (components only).
  for (const component of components) {
    if (faults.appliesTo('argocd-app-degraded', component)) mark(podsOf(pods, undefined, component).slice(0, 1), 'crashloop');
  }
  for (const [component, problems] of Object.entries(podProblems)) {
    podsOf(pods, undefined, component).forEach((pod, i) => {
      if (problems[i]) mark([pod], problems[i]);
    });
  }
  return marks;
}

/** Sets or clears the fault annotation on every pod so it matches the faults. */
export function applyPodFaults(store: ObjectStore, marks: Map<string, PodFault>): void {
  for (const pod of store.list('pods')) {
    const wanted = marks.get(`${pod.metadata.namespace}/${pod.metadata.name}`);
    const current = pod.metadata.annotations?.[POD_FAULT_ANNOTATION];
    if (wanted === current) continue;
    if (current === 'unschedulable') {
      // A node is never taken from a pod: the controller makes a new one, which the scheduler places.
      store.delete('pods', pod.metadata.namespace!, pod.metadata.name);
      continue;
    }
    const annotations = { ...pod.metadata.annotations };
    if (wanted) annotations[POD_FAULT_ANNOTATION] = wanted;
    else delete annotations[POD_FAULT_ANNOTATION];
    const spec = { ...(pod.spec as Record<string, unknown>) };
    // A pod no node can take was never bound to one.
    if (wanted === 'unschedulable') delete spec.nodeName;
    store.update('pods', { ...pod, metadata: { ...pod.metadata, annotations }, spec });
  }
}

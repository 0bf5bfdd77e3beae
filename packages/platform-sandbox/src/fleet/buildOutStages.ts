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
import { ClusterSpec, LayerId } from '../scenario/types';
import { ClusterContext } from './clusterContext';
import { namespaceObject } from './namespaces';
import { upsert } from './objectWrites';
import { PLATFORM_WORKLOADS, PlatformWorkload } from './platformCatalog';
import { PLATFORM_OBJECTS_BY_LAYER } from './platformObjects';
import { workloadObject } from './workloadManifests';

const MINUTE = 60_000;

/**
 * The platform team's build-out of a cluster the Cluster API just declared,
 * in the guide's order: bootstrap add-ons once the machines have had time to
 * join, then one layer after another. Artifacts (Nexus) live outside the
 * cluster; external load balancers are machines of their own.
 */
export const BUILD_OUT_STAGES: ReadonlyArray<{ afterMs: number; layers: LayerId[] }> = [
  { afterMs: 5 * MINUTE, layers: ['provisioning', 'networking'] },
  { afterMs: 10 * MINUTE, layers: ['internal-lb'] },
  { afterMs: 15 * MINUTE, layers: ['storage'] },
  { afterMs: 20 * MINUTE, layers: ['security'] },
  { afterMs: 25 * MINUTE, layers: ['ingress'] },
  { afterMs: 30 * MINUTE, layers: ['identity'] },
  { afterMs: 35 * MINUTE, layers: ['gitops'] },
  { afterMs: 40 * MINUTE, layers: ['observability'] },
  { afterMs: 45 * MINUTE, layers: ['cicd'] },
];

/** Namespaces a layer's objects live in besides its workloads' own. */
const EXTRA_NAMESPACES: Partial<Record<LayerId, string[]>> = { 'internal-lb': ['traefik'] };

/** The `k8s-app` label upstream manifests give some kube-system workloads (Services select on it). */
const K8S_APP_LABELS: Record<string, Record<string, string>> = {
  cilium: { 'k8s-app': 'cilium' },
  coredns: { 'k8s-app': 'kube-dns' },
};

export function platformWorkloadObject(w: PlatformWorkload, createdAt: string): KubeObject {
  const labels = { 'app.kubernetes.io/part-of': w.partOf, 'app.kubernetes.io/component': w.layer, ...K8S_APP_LABELS[w.name] };
  return workloadObject({ ...w, labels, createdAt });
}

/** How many stages are due at `now` for a cluster declared at `declaredAt`. */
export function dueStages(declaredAt: string, now: Date): number {
  const elapsed = now.getTime() - Date.parse(declaredAt);
  return BUILD_OUT_STAGES.filter(stage => elapsed >= stage.afterMs).length;
}

/** Installs the layers of one stage: their namespaces, workloads and objects. */
export function installStage(store: ObjectStore, ctx: ClusterContext, stage: number, now: Date): void {
  const at = timestamp(now);
  const { layers } = BUILD_OUT_STAGES[stage];
  const workloads = PLATFORM_WORKLOADS.filter(w => layers.includes(w.layer));
  const namespaces = new Set([...workloads.map(w => w.namespace), ...layers.flatMap(l => EXTRA_NAMESPACES[l] ?? [])]);
  for (const namespace of namespaces) upsert(store, 'namespaces', namespaceObject(namespace, {}, at));
  for (const w of workloads) upsert(store, `${w.kind.toLowerCase()}s.apps`, platformWorkloadObject(w, at));
  for (const layer of layers) PLATFORM_OBJECTS_BY_LAYER[layer]?.(store, { ...ctx, installedAt: at });
}

/** Whether a layer runs on the cluster at `now`: always on a cluster installed before the scenario starts. */
export function layerInstalled(spec: ClusterSpec, layer: LayerId, now: Date): boolean {
  if (!spec.declaredAt) return true;
  const stage = BUILD_OUT_STAGES.findIndex(s => s.layers.includes(layer));
  return stage >= 0 && dueStages(spec.declaredAt, now) > stage;
}

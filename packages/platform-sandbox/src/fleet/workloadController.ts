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

import { deepEqual, JsonObject, KubeObject } from '../kube/objects';
import { ObjectStore } from '../kube/store';
import { isReady } from './nodes';
import { shortHash, upsert } from './objectWrites';
import { nodeHealthMap, nodesFor, podFromTemplate, podsOwnedBy, podStatus } from './pods';
import { STATIC_POD_COMPONENTS } from './platformCatalog';
import { refreshStatuses } from './workloadStatus';

type Template = { metadata?: { labels?: Record<string, string> }; spec?: Record<string, unknown> };

interface WorkloadSpec {
  replicas?: number;
  selector?: { matchLabels?: Record<string, string> };
  template: Template;
}

function specOf(object: KubeObject): WorkloadSpec {
  return object.spec as WorkloadSpec;
}

function owner(object: KubeObject) {
  return { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name, uid: object.metadata.uid };
}

/** Worker nodes that accept new pods; all nodes when there are no workers. */
function schedulableNodes(nodes: KubeObject[]): KubeObject[] {
  const ready = nodes.filter(n => isReady(n) && !(n.spec as { unschedulable?: boolean }).unschedulable);
  const workers = ready.filter(n => !('node-role.kubernetes.io/control-plane' in (n.metadata.labels ?? {})));
  if (workers.length > 0) return workers;
  return ready.length > 0 ? ready : nodes;
}

/**
 * Keeps the pods of a set of replicas: creates missing ones, deletes the
 * extra, never touches the pods it keeps (so faults set on them stay).
 */
function ensureReplicaPods(
  store: ObjectStore,
  set: KubeObject,
  names: string[],
  nodeFor: (name: string, index: number) => string,
  createdAt: string | undefined,
  extraLabels: Record<string, string> = {},
): void {
  const namespace = set.metadata.namespace!;
  const existing = podsOwnedBy(store, namespace, set.kind, set.metadata.name);
  const wanted = new Set(names);
  for (const pod of existing) {
    if (!wanted.has(pod.metadata.name)) store.delete('pods', namespace, pod.metadata.name);
  }
  names.forEach((name, index) => {
    if (store.get('pods', namespace, name)) return;
    const pod = podFromTemplate(specOf(set).template, name, namespace, nodeFor(name, index), owner(set), extraLabels);
    if (createdAt) pod.metadata.creationTimestamp = createdAt;
    store.create('pods', pod);
  });
}

function reconcileDeployment(store: ObjectStore, deployment: KubeObject, createdAt: string | undefined): void {
  const spec = specOf(deployment);
  const hash = shortHash(JSON.stringify(spec.template), 10);
  const name = `${deployment.metadata.name}-${hash}`;
  const namespace = deployment.metadata.namespace!;
  const labels = { ...spec.template.metadata?.labels, 'pod-template-hash': hash };
  const existing = store.get('replicasets.apps', namespace, name);
  upsert(store, 'replicasets.apps', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace,
      labels,
      annotations: { 'deployment.kubernetes.io/desired-replicas': String(spec.replicas ?? 1), 'deployment.kubernetes.io/revision': deployment.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '1' },
      ownerReferences: [{ ...owner(deployment), controller: true, blockOwnerDeletion: true }],
      ...(existing ? { creationTimestamp: existing.metadata.creationTimestamp } : {}),
      ...(!existing && createdAt ? { creationTimestamp: createdAt } : {}),
    },
    spec: {
      replicas: spec.replicas ?? 1,
      selector: { matchLabels: { ...spec.selector?.matchLabels, 'pod-template-hash': hash } },
      template: { ...spec.template, metadata: { ...spec.template.metadata, labels } },
    },
    ...(existing?.status ? { status: existing.status } : {}),
  });
  // Older ReplicaSets of this Deployment are scaled to zero: a finished rollout.
  for (const rs of store.list('replicasets.apps', namespace)) {
    const ownedHere = (rs.metadata.ownerReferences ?? []).some(o => o.kind === 'Deployment' && o.name === deployment.metadata.name);
    if (ownedHere && rs.metadata.name !== name && (rs.spec as WorkloadSpec).replicas !== 0) {
      store.update('replicasets.apps', { ...rs, spec: { ...(rs.spec as JsonObject), replicas: 0 } });
    }
  }
}

function reconcileReplicaSet(store: ObjectStore, rs: KubeObject, nodes: KubeObject[], createdAt: string | undefined): void {
  const replicas = specOf(rs).replicas ?? 1;
  const targets = schedulableNodes(nodes);
  const names = Array.from({ length: replicas }, (_, i) => `${rs.metadata.name}-${shortHash(`${rs.metadata.name}/${i}`, 5)}`);
  ensureReplicaPods(store, rs, names, (_name, i) => targets[(i + hashIndex(rs.metadata.name)) % targets.length]?.metadata.name ?? '', createdAt);
}

function hashIndex(text: string): number {
  return [...text].reduce((acc, ch) => (acc + ch.charCodeAt(0)) % 997, 0);
}

function reconcileStatefulSet(store: ObjectStore, sts: KubeObject, nodes: KubeObject[], createdAt: string | undefined): void {
  const replicas = specOf(sts).replicas ?? 1;
  const targets = schedulableNodes(nodes);
  const revision = `${sts.metadata.name}-${shortHash(JSON.stringify(specOf(sts).template), 10)}`;
  const names = Array.from({ length: replicas }, (_, i) => `${sts.metadata.name}-${i}`);
  ensureReplicaPods(
    store,
    sts,
    names,
    (_n, i) => targets[(i + hashIndex(sts.metadata.name)) % targets.length]?.metadata.name ?? '',
    createdAt,
    { 'controller-revision-hash': revision },
  );
}

function reconcileDaemonSet(store: ObjectStore, ds: KubeObject, nodes: KubeObject[], createdAt: string | undefined): void {
  const targets = nodesFor(nodes, specOf(ds).template as never);
  const byName = new Map(targets.map(n => [`${ds.metadata.name}-${shortHash(`${ds.metadata.name}/${n.metadata.name}`, 5)}`, n.metadata.name]));
  ensureReplicaPods(store, ds, [...byName.keys()], name => byName.get(name)!, createdAt);
}

/** Flags the identity layer looks for: the API server trusts Dex as its OIDC issuer. */
const STATIC_POD_FLAGS: Record<string, string[]> = {
  'kube-apiserver': [
    '--authorization-mode=Node,RBAC',
    '--oidc-issuer-url=https://dex.apps.example.internal',
    '--oidc-client-id=kubernetes',
    '--oidc-username-claim=email',
    '--oidc-groups-claim=groups',
  ],
  etcd: ['--client-cert-auth=true', '--data-dir=/var/lib/etcd'],
};

/** What kubeadm's static pod manifests request. */
const STATIC_POD_REQUESTS: Record<string, Record<string, string>> = {
  etcd: { cpu: '100m', memory: '100Mi' },
  'kube-apiserver': { cpu: '250m' },
  'kube-controller-manager': { cpu: '200m' },
  'kube-scheduler': { cpu: '100m' },
};

function reconcileStaticPods(store: ObjectStore, nodes: KubeObject[], kubeVersionOf: (node: KubeObject) => string, createdAt: string | undefined): void {
  const controlPlane = nodes.filter(n => 'node-role.kubernetes.io/control-plane' in (n.metadata.labels ?? {}));
  const wanted = new Set<string>();
  for (const node of controlPlane) {
    for (const component of STATIC_POD_COMPONENTS) {
      const name = `${component}-${node.metadata.name}`;
      wanted.add(name);
      if (store.get('pods', 'kube-system', name)) continue;
      const image = component === 'etcd' ? 'registry.k8s.io/etcd:3.5.21-0' : `registry.k8s.io/${component}:${kubeVersionOf(node).split('+')[0]}`;
      store.create('pods', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name,
          namespace: 'kube-system',
          labels: { component, tier: 'control-plane' },
          ...(createdAt ? { creationTimestamp: createdAt } : {}),
          annotations: { 'kubernetes.io/config.source': 'file', 'kubernetes.io/config.mirror': shortHash(name, 32) },
          ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.metadata.name, uid: node.metadata.uid, controller: true }],
        },
        spec: {
          nodeName: node.metadata.name,
          hostNetwork: true,
          priorityClassName: 'system-node-critical',
          containers: [{ name: component, image, command: [component, ...(STATIC_POD_FLAGS[component] ?? [])], resources: { requests: STATIC_POD_REQUESTS[component] } }],
        },
        status: { phase: 'Pending' },
      });
    }
  }
  for (const pod of store.list('pods', 'kube-system')) {
    if (pod.metadata.labels?.tier === 'control-plane' && !wanted.has(pod.metadata.name)) store.delete('pods', 'kube-system', pod.metadata.name);
  }
}

/**
 * The Deployment, ReplicaSet, StatefulSet and DaemonSet controllers and the
 * kubelet, collapsed into one pass: pods follow their owners and nodes, and
 * every workload's status follows its pods.
 */
export function reconcileWorkloads(
  store: ObjectStore,
  now: Date,
  kubeVersionOf: (node: KubeObject) => string,
  /** Creation time for objects made now; the install time when the cluster is first built. */
  createdAt?: string,
): void {
  const nodes = store.list('nodes');
  for (const d of store.list('deployments.apps')) reconcileDeployment(store, d, createdAt);
  for (const rs of store.list('replicasets.apps')) reconcileReplicaSet(store, rs, nodes, createdAt);
  for (const sts of store.list('statefulsets.apps')) reconcileStatefulSet(store, sts, nodes, createdAt);
  for (const ds of store.list('daemonsets.apps')) reconcileDaemonSet(store, ds, nodes, createdAt);
  reconcileStaticPods(store, nodes, kubeVersionOf, createdAt);
  const health = nodeHealthMap(nodes);
  const hostIps = new Map(nodes.map(n => [n.metadata.name, ((n.status as { addresses?: Array<{ type: string; address: string }> }).addresses ?? []).find(a => a.type === 'InternalIP')?.address]));
  for (const pod of store.list('pods')) {
    const nodeName = (pod.spec as { nodeName?: string }).nodeName ?? '';
    const status: Record<string, unknown> = { ...podStatus(pod, health.get(nodeName), now, nodes.length), ...(nodeName ? { hostIP: hostIps.get(nodeName) } : {}) };
    if ((pod.spec as { hostNetwork?: boolean }).hostNetwork && status.hostIP) {
      status.podIP = status.hostIP;
      status.podIPs = [{ ip: status.hostIP }];
    }
    if (!deepEqual(pod.status, status)) store.update('pods', { ...pod, status });
  }
  refreshStatuses(store, nodes);
}

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

import { JsonObject, KubeObject, timestamp } from '../kube/objects';
import { ObjectStore } from '../kube/store';
import { byIndex, ClusterFaults, nodeRoles } from './clusterFaults';
import { volumeBackupStatus } from './backupController';
import { isReady } from './nodes';
import { Condition, setStatus, shortHash, upsert, withCondition } from './objectWrites';

const LH = 'longhorn.io';
const LH_NS = 'longhorn-system';

function bytes(quantity: string | undefined): number {
  const match = /^(\d+)(Ki|Mi|Gi|Ti)?$/.exec(quantity ?? '');
  if (!match) return 0;
  const unit: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
  return Number(match[1]) * (unit[match[2] ?? ''] ?? 1);
}

function workerNodes(store: ObjectStore): KubeObject[] {
  const roles = nodeRoles(store.list('nodes'));
  const workers = roles.filter(r => !r.controlPlane).map(r => r.name).sort(byIndex);
  return workers.map(name => store.get('nodes', undefined, name)!);
}

function reconcileLonghornNodes(store: ObjectStore, workers: KubeObject[], at: string): void {
  const names = new Set(workers.map(w => w.metadata.name));
  for (const node of workers) {
    const diskGi = Math.round(bytes(((node.status as { capacity?: Record<string, string> }).capacity ?? {})['ephemeral-storage']) / 2 ** 30) * 4;
    const disk = `default-disk-${shortHash(node.metadata.name, 12)}`;
    const ready = isReady(node);
    const existing = store.get(`nodes.${LH}`, LH_NS, node.metadata.name);
    const stored = upsert(store, `nodes.${LH}`, {
      apiVersion: `${LH}/v1beta2`,
      kind: 'Node',
      metadata: { name: node.metadata.name, namespace: LH_NS, ...(existing ? { creationTimestamp: existing.metadata.creationTimestamp } : {}) },
      spec: { name: node.metadata.name, allowScheduling: true, evictionRequested: false, disks: { [disk]: { path: '/var/lib/longhorn/', allowScheduling: true, storageReserved: diskGi * 2 ** 30 * 0.3, diskType: 'filesystem', tags: [] } }, tags: [] },
      ...(existing?.status ? { status: existing.status } : {}),
    });
    const previous = (stored.status as { conditions?: Condition[] })?.conditions;
    let conditions = withCondition(previous, ready ? { type: 'Ready', status: 'True', reason: '', message: '' } : { type: 'Ready', status: 'False', reason: 'KubernetesNodeNotReady', message: `Kubernetes node ${node.metadata.name} not ready: NodeStatusUnknown` }, at);
    conditions = withCondition(conditions, ready ? { type: 'Schedulable', status: 'True', reason: '', message: '' } : { type: 'Schedulable', status: 'False', reason: 'KubernetesNodeCordoned', message: 'Node is not ready' }, at);
    conditions = withCondition(conditions, { type: 'MountPropagation', status: 'True', reason: '', message: '' }, at);
    setStatus(store, `nodes.${LH}`, stored, {
      conditions,
      diskStatus: { [disk]: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'Schedulable', status: 'True' }], storageAvailable: diskGi * 2 ** 30 * 0.6, storageMaximum: diskGi * 2 ** 30, storageScheduled: 0, diskType: 'filesystem' } },
      region: node.metadata.labels?.['topology.kubernetes.io/region'] ?? '',
      zone: node.metadata.labels?.['topology.kubernetes.io/zone'] ?? '',
    });
  }
  for (const lhNode of store.list(`nodes.${LH}`, LH_NS)) {
    if (!names.has(lhNode.metadata.name)) store.delete(`nodes.${LH}`, LH_NS, lhNode.metadata.name);
  }
}

/** Binds a pending Longhorn PVC: a PV, a Longhorn Volume and its replicas, named after the claim. */
function bindClaim(store: ObjectStore, pvc: KubeObject, at: string): void {
  const spec = pvc.spec as { storageClassName?: string; resources?: { requests?: { storage?: string } }; accessModes?: string[]; volumeName?: string };
  const className = spec.storageClassName ?? 'longhorn';
  if (className !== 'longhorn' || spec.volumeName) return;
  const preferred = `pvc-${pvc.metadata.name}`;
  const pvName = store.get('persistentvolumes', undefined, preferred) ? `pvc-${pvc.metadata.uid}` : preferred;
  const size = spec.resources?.requests?.storage ?? '1Gi';
  store.create('persistentvolumes', {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: pvName, annotations: { 'pv.kubernetes.io/provisioned-by': 'driver.longhorn.io' }, finalizers: ['kubernetes.io/pv-protection'] },
    spec: {
      capacity: { storage: size },
      accessModes: spec.accessModes ?? ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'longhorn',
      volumeMode: 'Filesystem',
      csi: { driver: 'driver.longhorn.io', volumeHandle: pvName, fsType: 'ext4', volumeAttributes: { numberOfReplicas: '3', staleReplicaTimeout: '30' } },
      claimRef: { kind: 'PersistentVolumeClaim', namespace: pvc.metadata.namespace, name: pvc.metadata.name, uid: pvc.metadata.uid, apiVersion: 'v1' },
    },
    status: { phase: 'Bound', lastPhaseTransitionTime: at },
  });
  store.create(`volumes.${LH}`, {
    apiVersion: `${LH}/v1beta2`,
    kind: 'Volume',
    metadata: { name: pvName, namespace: LH_NS, labels: { longhornvolume: pvName } },
    spec: { size: String(bytes(size)), numberOfReplicas: 3, frontend: 'blockdev', accessMode: 'rwo', dataEngine: 'v1', dataLocality: 'disabled', staleReplicaTimeout: 30 },
  });
  store.update('persistentvolumeclaims', {
    ...pvc,
    metadata: { ...pvc.metadata, annotations: { ...pvc.metadata.annotations, 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes', 'volume.kubernetes.io/storage-provisioner': 'driver.longhorn.io' }, finalizers: ['kubernetes.io/pvc-protection'] },
    spec: { ...(pvc.spec as JsonObject), volumeName: pvName, storageClassName: 'longhorn' },
    status: { phase: 'Bound', accessModes: spec.accessModes ?? ['ReadWriteOnce'], capacity: { storage: size } },
  });
}

type Robustness = 'healthy' | 'degraded' | 'faulted';

function reconcileVolume(store: ObjectStore, volume: KubeObject, workers: KubeObject[], robustness: Robustness, at: string, backup: { lastBackup: string; lastBackupAt: string }): void {
  const name = volume.metadata.name;
  const replicaCount = Math.min((volume.spec as { numberOfReplicas?: number }).numberOfReplicas ?? 3, Math.max(workers.length, 1));
  const start = [...name].reduce((a, c) => a + c.charCodeAt(0), 0);
  const replicaNodes = Array.from({ length: replicaCount }, (_, i) => workers[(start + i) % Math.max(workers.length, 1)]?.metadata.name ?? '');
  const failedReplicas: Record<Robustness, number> = { healthy: 0, degraded: 1, faulted: replicaCount };
  const failed = failedReplicas[robustness];
  replicaNodes.forEach((node, i) => {
    const replicaName = `${name}-r-${shortHash(`${name}/${i}`, 8)}`;
    const isFailed = i < failed;
    const existing = store.get(`replicas.${LH}`, LH_NS, replicaName);
    upsert(store, `replicas.${LH}`, {
      apiVersion: `${LH}/v1beta2`,
      kind: 'Replica',
      metadata: { name: replicaName, namespace: LH_NS, labels: { longhornvolume: name, longhornnode: node }, ...(existing ? { creationTimestamp: existing.metadata.creationTimestamp } : {}) },
      spec: { volumeName: name, nodeID: node, active: true, dataEngine: 'v1', desireState: isFailed ? 'stopped' : 'running', failedAt: isFailed ? (existing?.spec as { failedAt?: string })?.failedAt || at : '', volumeSize: (volume.spec as { size?: string }).size },
      status: { currentState: isFailed ? 'error' : 'running', started: !isFailed, instanceManagerName: `instance-manager-${shortHash(node, 32)}` },
    });
  });
  const pv = store.get('persistentvolumes', undefined, name);
  const claim = (pv?.spec as { claimRef?: { namespace: string; name: string } })?.claimRef;
  const previous = (volume.status as { conditions?: Condition[] })?.conditions;
  setStatus(store, `volumes.${LH}`, volume, {
    state: robustness === 'faulted' ? 'detached' : 'attached',
    robustness,
    currentNodeID: robustness === 'faulted' ? '' : replicaNodes[0],
    frontendDisabled: false,
    ...backup,
    actualSize: Math.floor(Number((volume.spec as { size?: string }).size ?? 0) * 0.2),
    conditions: withCondition(withCondition(previous, { type: 'Scheduled', status: robustness === 'faulted' ? 'False' : 'True', reason: robustness === 'faulted' ? 'ReplicaSchedulingFailure' : '', message: '' }, at), { type: 'Restore', status: 'False', reason: '', message: '' }, at),
    kubernetesStatus: {
      pvName: name,
      pvStatus: pv ? 'Bound' : '',
      namespace: claim?.namespace ?? '',
      pvcName: claim?.name ?? '',
      lastPVCRefAt: '',
      lastPodRefAt: '',
    },
  });
}

/** Longhorn and the PV controller: nodes, claims bound to volumes, replica placement and robustness. */
export function reconcileStorage(store: ObjectStore, faults: ClusterFaults, now: Date): void {
  const at = timestamp(now);
  const workers = workerNodes(store);
  reconcileLonghornNodes(store, workers, at);
  for (const pvc of store.list('persistentvolumeclaims')) bindClaim(store, pvc, at);
  const volumes = store.list(`volumes.${LH}`, LH_NS);
  const fallback = volumes[0]?.metadata.name;
  for (const volume of volumes) {
    const pv = store.get('persistentvolumes', undefined, volume.metadata.name);
    const claimRef = (pv?.spec as { claimRef?: { namespace: string; name: string } })?.claimRef;
    if (claimRef && !store.get('persistentvolumeclaims', claimRef.namespace, claimRef.name)) {
      // Reclaim policy Delete: the claim is gone, so are the PV, the volume and its replicas.
      store.delete('persistentvolumes', undefined, volume.metadata.name);
      for (const r of store.list(`replicas.${LH}`, LH_NS)) {
        if (r.metadata.labels?.longhornvolume === volume.metadata.name) store.delete(`replicas.${LH}`, LH_NS, r.metadata.name);
      }
      store.delete(`volumes.${LH}`, LH_NS, volume.metadata.name);
      continue;
    }
    let robustness: Robustness = 'healthy';
    if (faults.hits('longhorn-volume-degraded', volume.metadata.name, fallback)) robustness = 'degraded';
    if (faults.hits('longhorn-volume-faulted', volume.metadata.name, fallback)) robustness = 'faulted';
    reconcileVolume(store, volume, workers, robustness, at, volumeBackupStatus(volume.metadata.name, faults, now));
  }
}

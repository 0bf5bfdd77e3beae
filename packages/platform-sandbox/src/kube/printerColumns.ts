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

import { KubeObject } from './objects';

/** One column of `kubectl get`, computed from the object (server-side printing). */
export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'date';
  /** 0: default output, 1: only with -o wide. */
  priority?: number;
  value: (object: any, now: Date) => string | number;
}

export function age(created: string | undefined, now: Date): string {
  if (!created) return '<unknown>';
  const seconds = Math.max(0, Math.floor((now.getTime() - Date.parse(created)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 172800) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}

const NAME: PrinterColumn = { name: 'Name', type: 'string', value: o => o.metadata.name };
/** A CRD's Age column (apiextensions types it `date`). */
const AGE: PrinterColumn = { name: 'Age', type: 'date', value: (o, now) => age(o.metadata.creationTimestamp, now) };
/** The built-in printers type their Age column `string`. */
const BUILT_IN_AGE: PrinterColumn = { ...AGE, type: 'string' };

function condition(o: any, type: string): string {
  return (o.status?.conditions ?? []).find((c: any) => c.type === type)?.status ?? 'Unknown';
}

function podStatus(pod: any): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  for (const c of pod.status?.containerStatuses ?? []) {
    if (c.state?.waiting?.reason) return c.state.waiting.reason;
  }
  return pod.status?.phase ?? 'Unknown';
}

function nodeRoles(node: KubeObject): string {
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter(k => k.startsWith('node-role.kubernetes.io/'))
    .map(k => k.slice('node-role.kubernetes.io/'.length));
  return roles.length > 0 ? roles.sort().join(',') : '<none>';
}

/** The first address of that type, as upstream's node printer shows it. */
function nodeAddress(node: any, type: string): string {
  return (node.status?.addresses ?? []).find((a: any) => a.type === type)?.address ?? '<none>';
}

/** The kernel, with the architecture in brackets when the kubelet reports one (upstream 1.37). */
function nodeKernel(node: any): string {
  const info = node.status?.nodeInfo ?? {};
  const kernel = info.kernelVersion || '<unknown>';
  return info.architecture ? `${kernel} (${info.architecture})` : kernel;
}

function nodeStatus(node: any): string {
  const ready = condition(node, 'Ready') === 'True' ? 'Ready' : 'NotReady';
  return node.spec?.unschedulable ? `${ready},SchedulingDisabled` : ready;
}

function ports(service: any): string {
  const list = (service.spec?.ports ?? []).map((p: any) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`);
  return list.length > 0 ? list.join(',') : '<none>';
}

function externalIp(service: any): string {
  const ingress = (service.status?.loadBalancer?.ingress ?? []).map((i: any) => i.ip ?? i.hostname);
  if (ingress.length > 0) return ingress.join(',');
  return service.spec?.type === 'LoadBalancer' ? '<pending>' : '<none>';
}

/** The columns kubectl shows per kind, as the API server's printers (and CRDs' printer columns) define them. */
export const PRINTER_COLUMNS: Record<string, PrinterColumn[]> = {
  Pod: [
    NAME,
    { name: 'Ready', type: 'string', value: p => `${(p.status?.containerStatuses ?? []).filter((c: any) => c.ready).length}/${(p.spec?.containers ?? []).length}` },
    { name: 'Status', type: 'string', value: podStatus },
    { name: 'Restarts', type: 'integer', value: p => (p.status?.containerStatuses ?? []).reduce((n: number, c: any) => n + (c.restartCount ?? 0), 0) },
    BUILT_IN_AGE,
    { name: 'IP', type: 'string', priority: 1, value: p => p.status?.podIP ?? '<none>' },
    { name: 'Node', type: 'string', priority: 1, value: p => p.spec?.nodeName ?? '<none>' },
  ],
  Node: [
    NAME,
    { name: 'Status', type: 'string', value: nodeStatus },
    { name: 'Roles', type: 'string', value: nodeRoles },
    BUILT_IN_AGE,
    { name: 'Version', type: 'string', value: n => n.status?.nodeInfo?.kubeletVersion ?? '' },
    { name: 'Internal-IP', type: 'string', priority: 1, value: n => nodeAddress(n, 'InternalIP') },
    { name: 'External-IP', type: 'string', priority: 1, value: n => nodeAddress(n, 'ExternalIP') },
    { name: 'OS-Image', type: 'string', priority: 1, value: n => n.status?.nodeInfo?.osImage || '<unknown>' },
    { name: 'Kernel-Version', type: 'string', priority: 1, value: nodeKernel },
    { name: 'Container-Runtime', type: 'string', priority: 1, value: n => n.status?.nodeInfo?.containerRuntimeVersion || '<unknown>' },
  ],
  Namespace: [NAME, { name: 'Status', type: 'string', value: n => n.status?.phase ?? '' }, BUILT_IN_AGE],
  Deployment: [
    NAME,
    { name: 'Ready', type: 'string', value: d => `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}` },
    { name: 'Up-to-date', type: 'integer', value: d => d.status?.updatedReplicas ?? 0 },
    { name: 'Available', type: 'integer', value: d => d.status?.availableReplicas ?? 0 },
    BUILT_IN_AGE,
  ],
  DaemonSet: [
    NAME,
    { name: 'Desired', type: 'integer', value: d => d.status?.desiredNumberScheduled ?? 0 },
    { name: 'Current', type: 'integer', value: d => d.status?.currentNumberScheduled ?? 0 },
    { name: 'Ready', type: 'integer', value: d => d.status?.numberReady ?? 0 },
    { name: 'Available', type: 'integer', value: d => d.status?.numberAvailable ?? 0 },
    BUILT_IN_AGE,
  ],
  StatefulSet: [NAME, { name: 'Ready', type: 'string', value: s => `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 0}` }, BUILT_IN_AGE],
  ReplicaSet: [
    NAME,
    { name: 'Desired', type: 'integer', value: r => r.spec?.replicas ?? 0 },
    { name: 'Current', type: 'integer', value: r => r.status?.replicas ?? 0 },
    { name: 'Ready', type: 'integer', value: r => r.status?.readyReplicas ?? 0 },
    BUILT_IN_AGE,
  ],
  Service: [
    NAME,
    { name: 'Type', type: 'string', value: s => s.spec?.type ?? 'ClusterIP' },
    { name: 'Cluster-IP', type: 'string', value: s => s.spec?.clusterIP ?? '<none>' },
    { name: 'External-IP', type: 'string', value: externalIp },
    { name: 'Port(s)', type: 'string', value: ports },
    BUILT_IN_AGE,
  ],
  PersistentVolumeClaim: [
    NAME,
    { name: 'Status', type: 'string', value: c => c.status?.phase ?? '' },
    { name: 'Volume', type: 'string', value: c => c.spec?.volumeName ?? '' },
    { name: 'Capacity', type: 'string', value: c => c.status?.capacity?.storage ?? '' },
    { name: 'Storageclass', type: 'string', value: c => c.spec?.storageClassName ?? '' },
    BUILT_IN_AGE,
  ],
  Cluster: [
    NAME,
    { name: 'Phase', type: 'string', value: c => c.status?.phase ?? '' },
    { name: 'Available', type: 'string', value: c => condition(c, 'Available') },
    { name: 'CP Desired', type: 'integer', value: c => c.status?.controlPlane?.desiredReplicas ?? 0 },
    { name: 'W Desired', type: 'integer', value: c => c.status?.workers?.desiredReplicas ?? 0 },
    AGE,
  ],
  Machine: [
    NAME,
    { name: 'Cluster', type: 'string', value: m => m.spec?.clusterName ?? '' },
    { name: 'Node Name', type: 'string', value: m => m.status?.nodeRef?.name ?? '' },
    { name: 'Ready', type: 'string', value: m => condition(m, 'Ready') },
    { name: 'Phase', type: 'string', value: m => m.status?.phase ?? '' },
    AGE,
    { name: 'Version', type: 'string', value: m => m.spec?.version ?? '' },
  ],
  MachineDeployment: [
    NAME,
    { name: 'Cluster', type: 'string', value: m => m.spec?.clusterName ?? '' },
    { name: 'Desired', type: 'integer', value: m => m.spec?.replicas ?? 0 },
    { name: 'Current', type: 'integer', value: m => m.status?.replicas ?? 0 },
    { name: 'Ready', type: 'integer', value: m => m.status?.readyReplicas ?? 0 },
    { name: 'Up-to-date', type: 'integer', value: m => m.status?.upToDateReplicas ?? 0 },
    { name: 'Phase', type: 'string', value: m => m.status?.phase ?? '' },
    AGE,
    { name: 'Version', type: 'string', value: m => m.spec?.template?.spec?.version ?? '' },
  ],
  KubeadmControlPlane: [
    NAME,
    { name: 'Initialized', type: 'string', value: k => String(k.status?.initialization?.controlPlaneInitialized ?? k.status?.initialized ?? false) },
    { name: 'Desired', type: 'integer', value: k => k.spec?.replicas ?? 0 },
    { name: 'Ready', type: 'integer', value: k => k.status?.readyReplicas ?? 0 },
    { name: 'Up-to-date', type: 'integer', value: k => k.status?.upToDateReplicas ?? k.status?.updatedReplicas ?? 0 },
    AGE,
    { name: 'Version', type: 'string', value: k => k.spec?.version ?? '' },
  ],
  Certificate: [
    NAME,
    { name: 'Ready', type: 'string', value: c => condition(c, 'Ready') },
    { name: 'Secret', type: 'string', value: c => c.spec?.secretName ?? '' },
    AGE,
  ],
  ClusterIssuer: [NAME, { name: 'Ready', type: 'string', value: c => condition(c, 'Ready') }, AGE],
  Application: [
    NAME,
    { name: 'Sync Status', type: 'string', value: a => a.status?.sync?.status ?? '' },
    { name: 'Health Status', type: 'string', value: a => a.status?.health?.status ?? '' },
  ],
  Volume: [
    NAME,
    { name: 'State', type: 'string', value: v => v.status?.state ?? '' },
    { name: 'Robustness', type: 'string', value: v => v.status?.robustness ?? '' },
    { name: 'Node', type: 'string', value: v => v.status?.currentNodeID ?? '' },
    AGE,
  ],
  HTTPRoute: [
    NAME,
    { name: 'Hostnames', type: 'string', value: r => JSON.stringify(r.spec?.hostnames ?? []) },
    AGE,
  ],
};

export function columnsFor(kind: string): PrinterColumn[] {
  return PRINTER_COLUMNS[kind] ?? [NAME, AGE];
}

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
import { ClusterFaults } from './clusterFaults';
import { componentsOn } from './clusterContext';
import { modify, setStatus, shortHash, upsert } from './objectWrites';
import { SANDBOX_ANNOTATION } from './timings';
import { serviceObject } from './workloadManifests';
import { FleetSpec } from '../scenario/types';

const ORIGINAL_ADDRESSES = `${SANDBOX_ANNOTATION}/original-addresses`;
const ALLOCATED_FROM = 'metallb.io/ip-allocated-from-pool';

function ipToNumber(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function numberToIp(n: number): string {
  return [24, 16, 8, 0].map(shift => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** Addresses of a pool, from `a.b.c.d-a.b.c.e` ranges and `a.b.c.d/n` CIDRs. */
export function poolAddresses(pool: KubeObject): string[] {
  const out: string[] = [];
  for (const entry of (pool.spec as { addresses?: string[] }).addresses ?? []) {
    if (entry.includes('-')) {
      const [from, to] = entry.split('-').map(s => ipToNumber(s.trim()));
      for (let n = from; n <= to && out.length < 65536; n++) out.push(numberToIp(n));
    } else if (entry.includes('/')) {
      const [base, bits] = entry.split('/');
      const size = 2 ** (32 - Number(bits));
      const start = ipToNumber(base);
      for (let n = start; n < start + size && out.length < 65536; n++) out.push(numberToIp(n));
    }
  }
  return out;
}

function ingressIp(service: KubeObject): string | undefined {
  return ((service.status as { loadBalancer?: { ingress?: Array<{ ip: string }> } })?.loadBalancer?.ingress ?? [])[0]?.ip;
}

function isLoadBalancer(service: KubeObject): boolean {
  return (service.spec as { type?: string }).type === 'LoadBalancer';
}

/** The Service the `metallb-pool-exhausted` fault adds, which the full pool cannot serve. */
function exhaustionVictim(fleet: FleetSpec, cluster: string, target: string | undefined): { namespace: string; name: string } {
  if (target?.includes('/')) {
    const [namespace, name] = target.split('/');
    return { namespace, name };
  }
  const component = componentsOn(fleet, cluster)[0];
  return component ? { namespace: component.namespace, name: target ?? `${component.name}-public` } : { namespace: 'default', name: target ?? 'echo-public' };
}

function applyExhaustion(store: ObjectStore, faults: ClusterFaults, fleet: FleetSpec, cluster: string, now: Date): void {
  const exhausted = faults.has('metallb-pool-exhausted');
  for (const pool of store.list('ipaddresspools.metallb.io')) {
    const original = pool.metadata.annotations?.[ORIGINAL_ADDRESSES];
    if (exhausted && original === undefined) {
      // Shrink the pool to the addresses already handed out: nothing is left.
      const used = store.list('services').filter(s => s.metadata.annotations?.[ALLOCATED_FROM] === pool.metadata.name).map(ingressIp).filter((ip): ip is string => !!ip);
      modify(store, 'ipaddresspools.metallb.io', pool.metadata.namespace, pool.metadata.name, p => ({
        ...p,
        metadata: { ...p.metadata, annotations: { ...p.metadata.annotations, [ORIGINAL_ADDRESSES]: JSON.stringify((p.spec as { addresses: string[] }).addresses) } },
        spec: { ...(p.spec as object), addresses: used.map(ip => `${ip}/32`) },
      }));
    } else if (!exhausted && original !== undefined) {
      modify(store, 'ipaddresspools.metallb.io', pool.metadata.namespace, pool.metadata.name, p => {
        const annotations = { ...p.metadata.annotations };
        delete annotations[ORIGINAL_ADDRESSES];
        return { ...p, metadata: { ...p.metadata, annotations }, spec: { ...(p.spec as object), addresses: JSON.parse(original) } };
      });
    }
  }
  if (exhausted) {
    for (const target of faults.targets('metallb-pool-exhausted')) {
      const victim = exhaustionVictim(fleet, cluster, target);
      if (!store.get('namespaces', undefined, victim.namespace) || store.get('services', victim.namespace, victim.name)) continue;
      const app = victim.name.replace(/-public$/, '');
      upsert(store, 'services', serviceObject(victim.namespace, victim.name, { 'app.kubernetes.io/name': app }, 8080, timestamp(now), {}, 'LoadBalancer', `10.96.200.${10 + (victim.name.length % 200)}`));
    }
  }
}

/** MetalLB's controller: LoadBalancer Services get the next free pool address, or an AllocationFailed event. */
export function reconcileLoadBalancers(store: ObjectStore, faults: ClusterFaults, fleet: FleetSpec, cluster: string, now: Date): void {
  // Services that were there before the pool ran out keep (or get) their address first.
  allocate(store, now);
  applyExhaustion(store, faults, fleet, cluster, now);
  allocate(store, now);
}

function allocate(store: ObjectStore, now: Date): void {
  const pools = store.list('ipaddresspools.metallb.io').filter(p => (p.spec as { autoAssign?: boolean }).autoAssign !== false);
  const services = store.list('services');
  const used = new Set(services.map(ingressIp).filter((ip): ip is string => !!ip));
  for (const service of services) {
    if (!isLoadBalancer(service) || ingressIp(service)) continue;
    let assigned: { ip: string; pool: string } | undefined;
    for (const pool of pools) {
      const free = poolAddresses(pool).find(ip => !used.has(ip));
      if (free) {
        assigned = { ip: free, pool: pool.metadata.name };
        break;
      }
    }
    if (!assigned) {
      recordAllocationFailure(store, service, now);
      continue;
    }
    used.add(assigned.ip);
    const updated = store.update('services', {
      ...service,
      metadata: { ...service.metadata, annotations: { ...service.metadata.annotations, [ALLOCATED_FROM]: assigned.pool } },
      status: { loadBalancer: { ingress: [{ ip: assigned.ip, ipMode: 'VIP' }] } },
    });
    // As MetalLB's controller: a Normal event naming the addresses (Go's %q of the list).
    recordEvent(store, updated, now, 'Normal', 'IPAllocated', `Assigned IP ["${assigned.ip}"]`);
  }
  writePoolStatus(store);
}

/** Each pool's status as MetalLB's pool status controller counts it. */
function writePoolStatus(store: ObjectStore): void {
  const services = store.list('services').filter(isLoadBalancer);
  for (const pool of store.list('ipaddresspools.metallb.io')) {
    const assigned = services.filter(s => s.metadata.annotations?.[ALLOCATED_FROM] === pool.metadata.name && ingressIp(s)).length;
    setStatus(store, 'ipaddresspools.metallb.io', pool, { assignedIPv4: assigned, assignedIPv6: 0, availableIPv4: Math.max(0, poolAddresses(pool).length - assigned), availableIPv6: 0 });
  }
}

function recordAllocationFailure(store: ObjectStore, service: KubeObject, now: Date): void {
  recordEvent(store, service, now, 'Warning', 'AllocationFailed', `Failed to allocate IP for "${service.metadata.namespace}/${service.metadata.name}": no available IPs`);
}

/** One event per Service and reason, as the controller's recorder writes it. */
function recordEvent(store: ObjectStore, service: KubeObject, now: Date, type: 'Normal' | 'Warning', reason: string, message: string): void {
  const namespace = service.metadata.namespace!;
  const name = `${service.metadata.name}.${shortHash(`${service.metadata.uid}/${reason}/${message}`, 16)}`;
  const existing = store.get('events', namespace, name);
  if (existing) return;
  const at = timestamp(now);
  store.create('events', {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace },
    involvedObject: { kind: 'Service', namespace, name: service.metadata.name, uid: service.metadata.uid, apiVersion: 'v1', resourceVersion: service.metadata.resourceVersion },
    reason,
    message,
    source: { component: 'metallb-controller' },
    firstTimestamp: at,
    lastTimestamp: at,
    count: 1,
    type,
    reportingComponent: 'metallb-controller',
    reportingInstance: '',
  });
}

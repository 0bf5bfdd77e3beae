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
import { ClusterFaults } from './clusterFaults';
import { Condition, modify, setStatus, withCondition } from './objectWrites';
import { SANDBOX_ANNOTATION } from './timings';

const GW = 'gateway.networking.k8s.io';
const CONTROLLER = 'traefik.io/gateway-controller';
const ORIGINAL_BACKEND = `${SANDBOX_ANNOTATION}/original-backend`;

interface ParentRef {
  group?: string;
  kind?: string;
  name: string;
  namespace?: string;
  sectionName?: string;
}

interface BackendRef {
  group?: string;
  kind?: string;
  name: string;
  namespace?: string;
  port?: number;
}

type RouteSpec = { parentRefs?: ParentRef[]; hostnames?: string[]; rules?: Array<{ backendRefs?: BackendRef[] }> };

function condition(type: string, ok: boolean, reason: string, message: string, generation: number | undefined): Condition {
  return { type, status: ok ? 'True' : 'False', reason, message, observedGeneration: generation ?? 1 };
}

/** `httproute-backend-missing`: the route points at a Service that does not exist; cleared, it points back. */
function applyBackendFault(store: ObjectStore, faults: ClusterFaults): void {
  const routes = store.list(`httproutes.${GW}`);
  const fallback = routes[0]?.metadata.name;
  for (const route of routes) {
    const broken = faults.hits('httproute-backend-missing', route.metadata.name, fallback);
    const original = route.metadata.annotations?.[ORIGINAL_BACKEND];
    if (broken === (original !== undefined)) continue;
    modify(store, `httproutes.${GW}`, route.metadata.namespace, route.metadata.name, r => {
      const spec = r.spec as RouteSpec;
      const ref = spec.rules?.[0]?.backendRefs?.[0];
      if (!ref) return r;
      const annotations = { ...r.metadata.annotations };
      if (broken) {
        annotations[ORIGINAL_BACKEND] = ref.name;
        ref.name = `${ref.name}-canary`;
      } else {
        ref.name = original!;
        delete annotations[ORIGINAL_BACKEND];
      }
      r.metadata.annotations = annotations;
      r.metadata.generation = (r.metadata.generation ?? 1) + 1;
      return r;
    });
  }
}

function hostnameMatches(listenerHost: string | undefined, host: string): boolean {
  if (!listenerHost) return true;
  if (listenerHost.startsWith('*.')) return host.endsWith(listenerHost.slice(1)) && host.split('.').length === listenerHost.split('.').length;
  return listenerHost === host;
}

/** Traefik's Gateway API controller: GatewayClass, Gateway and HTTPRoute status as upstream reports it. */
export function reconcileGateways(store: ObjectStore, faults: ClusterFaults, now: Date): void {
  const at = timestamp(now);
  applyBackendFault(store, faults);
  for (const gc of store.list(`gatewayclasses.${GW}`)) {
    if ((gc.spec as { controllerName?: string }).controllerName !== CONTROLLER) continue;
    const previous = (gc.status as { conditions?: Condition[] })?.conditions;
    let conditions = withCondition(previous, condition('Accepted', true, 'Accepted', 'Handled by Traefik controller', gc.metadata.generation), at);
    conditions = withCondition(conditions, condition('SupportedVersion', true, 'SupportedVersion', 'Gateway API CRD version is supported', gc.metadata.generation), at);
    setStatus(store, `gatewayclasses.${GW}`, gc, { conditions });
  }
  const routes = store.list(`httproutes.${GW}`);
  for (const gw of store.list(`gateways.${GW}`)) {
    const lb = store.get('services', 'traefik', 'traefik');
    const ip = ((lb?.status as { loadBalancer?: { ingress?: Array<{ ip: string }> } })?.loadBalancer?.ingress ?? [])[0]?.ip;
    const programmed = !faults.has('gateway-not-programmed') && !!ip;
    const previous = (gw.status ?? {}) as { conditions?: Condition[]; listeners?: Array<{ name: string; conditions?: Condition[] }> };
    let conditions = withCondition(previous.conditions, condition('Accepted', true, 'Accepted', 'Gateway successfully scheduled', gw.metadata.generation), at);
    conditions = withCondition(
      conditions,
      programmed
        ? condition('Programmed', true, 'Programmed', 'Gateway successfully programmed', gw.metadata.generation)
        : condition('Programmed', false, 'AddressNotAssigned', 'No addresses have been assigned to the Gateway', gw.metadata.generation),
      at,
    );
    const listeners = ((gw.spec as { listeners?: Array<{ name: string; tls?: { certificateRefs?: Array<{ name: string }> } }> }).listeners ?? []).map(listener => {
      const attached = routes.filter(r => ((r.spec as RouteSpec).parentRefs ?? []).some(p => p.name === gw.metadata.name && (p.namespace ?? r.metadata.namespace) === gw.metadata.namespace && (!p.sectionName || p.sectionName === listener.name))).length;
      const secretRef = listener.tls?.certificateRefs?.[0]?.name;
      const resolved = !secretRef || !!store.get('secrets', gw.metadata.namespace, secretRef);
      const prev = previous.listeners?.find(l => l.name === listener.name)?.conditions;
      let lc = withCondition(prev, condition('Accepted', true, 'Accepted', 'No errors found', gw.metadata.generation), at);
      lc = withCondition(lc, resolved ? condition('ResolvedRefs', true, 'ResolvedRefs', 'No errors found', gw.metadata.generation) : condition('ResolvedRefs', false, 'InvalidCertificateRef', `Secret ${gw.metadata.namespace}/${secretRef} does not exist.`, gw.metadata.generation), at);
      lc = withCondition(lc, condition('Programmed', programmed && resolved, programmed && resolved ? 'Programmed' : 'Invalid', programmed && resolved ? 'No errors found' : 'Listener is not programmed', gw.metadata.generation), at);
      return { name: listener.name, attachedRoutes: attached, supportedKinds: [{ group: GW, kind: 'HTTPRoute' }, { group: GW, kind: 'GRPCRoute' }], conditions: lc };
    });
    setStatus(store, `gateways.${GW}`, gw, {
      ...(programmed ? { addresses: [{ type: 'IPAddress', value: ip }] } : {}),
      conditions,
      listeners,
    });
  }
  for (const route of store.list(`httproutes.${GW}`)) reconcileRoute(store, route, at);
}

function reconcileRoute(store: ObjectStore, route: KubeObject, at: string): void {
  const spec = route.spec as RouteSpec;
  const previous = ((route.status as { parents?: Array<{ parentRef: ParentRef; conditions?: Condition[] }> })?.parents ?? []);
  const generation = route.metadata.generation;
  const parents = (spec.parentRefs ?? []).map(parentRef => {
    const namespace = parentRef.namespace ?? route.metadata.namespace;
    const gateway = store.get(`gateways.${GW}`, namespace, parentRef.name);
    const listeners = ((gateway?.spec as { listeners?: Array<{ name: string; hostname?: string }> })?.listeners ?? []).filter(l => !parentRef.sectionName || l.name === parentRef.sectionName);
    const hostMatch = listeners.some(l => (spec.hostnames ?? []).length === 0 || (spec.hostnames ?? []).some(h => hostnameMatches(l.hostname, h)));
    let accepted: Condition;
    if (!gateway || listeners.length === 0) {
      accepted = condition('Accepted', false, 'NoMatchingParent', `Cannot find Gateway ${namespace}/${parentRef.name}${parentRef.sectionName ? ` listener ${parentRef.sectionName}` : ''}`, generation);
    } else if (!hostMatch) {
      accepted = condition('Accepted', false, 'NoMatchingListenerHostname', 'No matching listener hostname', generation);
    } else {
      accepted = condition('Accepted', true, 'Accepted', 'Route is accepted', generation);
    }
    const missing = (spec.rules ?? [])
      .flatMap(r => r.backendRefs ?? [])
      .find(b => (b.kind ?? 'Service') === 'Service' && !store.get('services', b.namespace ?? route.metadata.namespace, b.name));
    const resolved = missing
      ? condition('ResolvedRefs', false, 'BackendNotFound', `Failed to get backend ${missing.namespace ?? route.metadata.namespace}/${missing.name}: service "${missing.name}" not found`, generation)
      : condition('ResolvedRefs', true, 'ResolvedRefs', 'All references resolved', generation);
    const old = previous.find(p => p.parentRef.name === parentRef.name && (p.parentRef.namespace ?? '') === (parentRef.namespace ?? ''))?.conditions;
    const conditions = withCondition(withCondition(old, accepted, at), resolved, at);
    return { parentRef: parentRef as unknown as JsonObject, controllerName: CONTROLLER, conditions };
  });
  setStatus(store, `httproutes.${GW}`, route, { parents });
}

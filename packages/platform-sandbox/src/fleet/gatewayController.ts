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

type Listener = { name: string; hostname?: string; allowedRoutes?: { namespaces?: { from?: string; selector?: { matchLabels?: Record<string, string> } } } };

/** Traefik's allowRoute: the listener's allowedRoutes.namespaces (default Same) against the route's namespace. */
function allowsNamespace(store: ObjectStore, listener: Listener, gatewayNamespace: string, routeNamespace: string): boolean {
  const from = listener.allowedRoutes?.namespaces?.from ?? 'Same';
  if (from === 'All') return true;
  if (from === 'Same') return routeNamespace === gatewayNamespace;
  const labels = store.get('namespaces', undefined, routeNamespace)?.metadata.labels ?? {};
  return Object.entries(listener.allowedRoutes?.namespaces?.selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
}

/** A ReferenceGrant in the backend's namespace lets HTTPRoutes of the route's namespace reach this Service. */
function referenceGranted(store: ObjectStore, fromNamespace: string, toNamespace: string, toName: string): boolean {
  if (fromNamespace === toNamespace) return true;
  return store.list(`referencegrants.${GW}`).some(grant => {
    if (grant.metadata.namespace !== toNamespace) return false;
    const spec = grant.spec as { from?: Array<{ group: string; kind: string; namespace: string }>; to?: Array<{ group: string; kind: string; name?: string }> };
    return (spec.from ?? []).some(f => f.group === GW && f.kind === 'HTTPRoute' && f.namespace === fromNamespace) && (spec.to ?? []).some(t => t.group === '' && t.kind === 'Service' && (!t.name || t.name === toName));
  });
}

/**
 * Traefik's Gateway API controller: GatewayClass, Gateway and HTTPRoute status
 * as pkg/provider/kubernetes/gateway of Traefik v3.7.13 writes them (held to
 * the real provider by traefikGateway.realkube.test.ts in scaffolder-actions).
 */
export function reconcileGateways(store: ObjectStore, faults: ClusterFaults, now: Date): void {
  const at = timestamp(now);
  applyBackendFault(store, faults);
  for (const gc of store.list(`gatewayclasses.${GW}`)) {
    if ((gc.spec as { controllerName?: string }).controllerName !== CONTROLLER) continue;
    const previous = (gc.status as { conditions?: Condition[] })?.conditions;
    // Traefik's reason is Handled, and it writes no SupportedVersion condition.
    const conditions = withCondition(previous, condition('Accepted', true, 'Handled', 'Handled by Traefik controller', gc.metadata.generation), at);
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
    const listeners = ((gw.spec as { listeners?: Array<Listener & { tls?: { certificateRefs?: Array<{ name: string }> } }> }).listeners ?? []).map(listener => {
      // Traefik counts the routes the listener accepts: its namespace allowed and a hostname matching.
      const attached = routes.filter(r => {
        const spec = r.spec as RouteSpec;
        const hostMatch = (spec.hostnames ?? []).length === 0 || (spec.hostnames ?? []).some(h => hostnameMatches(listener.hostname, h));
        return hostMatch && allowsNamespace(store, listener, gw.metadata.namespace!, r.metadata.namespace!) && (spec.parentRefs ?? []).some(p => p.name === gw.metadata.name && (p.namespace ?? r.metadata.namespace) === gw.metadata.namespace && (!p.sectionName || p.sectionName === listener.name));
      }).length;
      const secretRef = listener.tls?.certificateRefs?.[0]?.name;
      const resolved = !secretRef || !!store.get('secrets', gw.metadata.namespace, secretRef);
      const prev = previous.listeners?.find(l => l.name === listener.name)?.conditions;
      let lc = withCondition(prev, condition('Accepted', true, 'Accepted', 'No error found', gw.metadata.generation), at);
      lc = withCondition(lc, resolved ? condition('ResolvedRefs', true, 'ResolvedRefs', 'No error found', gw.metadata.generation) : condition('ResolvedRefs', false, 'InvalidCertificateRef', `Cannot load CertificateRef ${gw.metadata.namespace}/${secretRef}: getting secret: secret "${secretRef}" not found`, gw.metadata.generation), at);
      lc = withCondition(lc, condition('Programmed', programmed && resolved, programmed && resolved ? 'Programmed' : 'Invalid', programmed && resolved ? 'No error found' : 'Listener is not programmed', gw.metadata.generation), at);
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
    const listeners = ((gateway?.spec as { listeners?: Listener[] })?.listeners ?? []).filter(l => !parentRef.sectionName || l.name === parentRef.sectionName);
    const allowed = listeners.filter(l => allowsNamespace(store, l, namespace!, route.metadata.namespace!));
    const hostMatch = allowed.some(l => (spec.hostnames ?? []).length === 0 || (spec.hostnames ?? []).some(h => hostnameMatches(l.hostname, h)));
    // Traefik writes these reasons with an empty message, and an empty one when accepted too.
    let accepted: Condition;
    if (!gateway || listeners.length === 0) {
      accepted = condition('Accepted', false, 'NoMatchingParent', '', generation);
    } else if (allowed.length === 0) {
      accepted = condition('Accepted', false, 'NotAllowedByListeners', '', generation);
    } else if (!hostMatch) {
      accepted = condition('Accepted', false, 'NoMatchingListenerHostname', '', generation);
    } else {
      accepted = condition('Accepted', true, 'Accepted', '', generation);
    }
    // Per backend in order, as Traefik's loadHTTPBackendRef: the ReferenceGrant first, then the Service.
    let resolved = condition('ResolvedRefs', true, 'ResolvedRefs', '', generation);
    for (const b of (spec.rules ?? []).flatMap(r => r.backendRefs ?? []).filter(ref => (ref.kind ?? 'Service') === 'Service')) {
      const backendNamespace = b.namespace ?? route.metadata.namespace!;
      if (!referenceGranted(store, route.metadata.namespace!, backendNamespace, b.name)) {
        resolved = condition('ResolvedRefs', false, 'RefNotPermitted', `Cannot load HTTPBackendRef ${b.group ?? ''}/Service/${backendNamespace}/${b.name}: missing ReferenceGrant`, generation);
        break;
      }
      if (!store.get('services', backendNamespace, b.name)) {
        resolved = condition('ResolvedRefs', false, 'BackendNotFound', `Cannot load HTTPBackendRef ${backendNamespace}/${b.name}: getting service: service "${b.name}" not found`, generation);
        break;
      }
    }
    const old = previous.find(p => p.parentRef.name === parentRef.name && (p.parentRef.namespace ?? '') === (parentRef.namespace ?? ''))?.conditions;
    const conditions = withCondition(withCondition(old, accepted, at), resolved, at);
    return { parentRef: parentRef as unknown as JsonObject, controllerName: CONTROLLER, conditions };
  });
  setStatus(store, `httproutes.${GW}`, route, { parents });
}

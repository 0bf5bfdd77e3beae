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

import { ClusterSpec, FleetSpec } from '../scenario/types';

/** What builders and controllers know about the cluster they work on. */
export interface ClusterContext {
  spec: ClusterSpec;
  /** Position in the fleet, used to derive distinct addresses. */
  index: number;
  fleet: FleetSpec;
  /** When the cluster was "installed" (simulated time, RFC 3339). */
  installedAt: string;
}

/** Kubelet/API server version string the distribution reports. */
export function distributionVersion(spec: ClusterSpec, version = spec.kubernetesVersion): string {
  return spec.provisioner === 'rke2' ? `${version.split('+')[0]}+rke2r1` : version;
}

export function lbPoolRange(index: number): { first: string; last: string; size: number } {
  const base = `10.${100 + Math.floor(index / 250)}.${index % 250}`;
  return { first: `${base}.240`, last: `${base}.250`, size: 11 };
}

export function teamsOf(fleet: FleetSpec): Array<{ team: string; namespaces: string[] }> {
  const byTeam = new Map<string, string[]>();
  for (const c of fleet.components) {
    const list = byTeam.get(c.team) ?? [];
    if (!list.includes(c.namespace)) list.push(c.namespace);
    byTeam.set(c.team, list);
  }
  return [...byTeam].map(([team, namespaces]) => ({ team, namespaces }));
}

export function componentsOn(fleet: FleetSpec, cluster: string) {
  return fleet.components.filter(c => c.deployments[cluster] !== undefined);
}

/** The PVC a component keeps its data in: `orders-service` -> `orders-db`. */
export function componentClaimName(component: string): string {
  return `${component.split('-')[0]}-db`;
}

export const GATEWAY = { namespace: 'traefik', name: 'traefik-gateway' };
export const WILDCARD_CERT = { namespace: 'traefik', name: 'wildcard-tls' };
export const ARGOCD_NAMESPACE = 'argocd';

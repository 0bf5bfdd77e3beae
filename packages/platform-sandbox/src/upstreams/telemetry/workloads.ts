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

import { ControlState } from '../../control/ControlState';
import { FaultId, FleetSpec } from '../../scenario/types';
import { stableHex } from '../shared/ids';

/** Something that emits logs and traces on one cluster. */
export interface Workload {
  cluster: string;
  namespace: string;
  app: string;
  /** Index used to encode trace ids; stable for a fleet. */
  index: number;
  /** Whether it is an example component (traced) or a platform add-on (logs only). */
  component: boolean;
  /** Faults on the cluster that make this workload log errors (and fail traces). */
  errorFaults: FaultId[];
  errorMessage: string;
  /** Downstream the component calls, for child spans. */
  calls?: string;
}

const PLATFORM_WORKLOADS = [
  { namespace: 'cert-manager', app: 'cert-manager', errorFaults: ['certificate-renewal-stuck', 'clusterissuer-not-ready'] as FaultId[], errorMessage: 'error="Failed to finalize Order: 429 urn:ietf:params:acme:error:rateLimited"' },
  { namespace: 'longhorn-system', app: 'longhorn-manager', errorFaults: ['longhorn-volume-degraded', 'longhorn-volume-faulted'] as FaultId[], errorMessage: 'error="replica rebuild failed: no healthy replica available"' },
  { namespace: 'argocd', app: 'argocd-application-controller', errorFaults: ['argocd-app-out-of-sync', 'argocd-app-degraded', 'argocd-sync-failed'] as FaultId[], errorMessage: 'error="ComparisonError: failed to sync cluster"' },
  { namespace: 'kube-system', app: 'cilium', errorFaults: ['cilium-agent-crashloop'] as FaultId[], errorMessage: 'error="Unable to initialize BPF map: operation not permitted"' },
  { namespace: 'metallb-system', app: 'metallb-controller', errorFaults: ['metallb-pool-exhausted'] as FaultId[], errorMessage: 'error="no available IPs in pool \\"default\\""' },
  { namespace: 'traefik', app: 'traefik', errorFaults: ['httproute-backend-missing', 'gateway-not-programmed'] as FaultId[], errorMessage: 'error="service not found" routerName=httproute' },
];

/** Faults that make a component's own requests fail. */
const COMPONENT_FAULTS: FaultId[] = ['argocd-app-degraded', 'httproute-backend-missing', 'longhorn-volume-faulted'];

export function buildWorkloads(fleet: FleetSpec): Workload[] {
  const workloads: Workload[] = [];
  for (const cluster of fleet.clusters) {
    fleet.components.forEach((component, i) => {
      if (!component.deployments[cluster.name]) return;
      const next = fleet.components[(i + 1) % fleet.components.length];
      workloads.push({
        cluster: cluster.name,
        namespace: component.namespace,
        app: component.name,
        index: workloads.length,
        component: true,
        errorFaults: COMPONENT_FAULTS,
        errorMessage: 'msg="upstream request failed" error="connection refused" status=503',
        calls: next && next.name !== component.name ? next.name : undefined,
      });
    });
    for (const addon of PLATFORM_WORKLOADS) {
      workloads.push({ cluster: cluster.name, component: false, index: workloads.length, ...addon });
    }
  }
  return workloads;
}

/**
 * Whether the workload is failing right now: a listed fault is active on its
 * cluster and targets it, or has no target, or (for add-ons) targets anything.
 */
export function isFailing(w: Workload, control: ControlState): boolean {
  return control
    .faults(w.cluster)
    .some(f => w.errorFaults.includes(f.id) && (!w.component || !f.target || f.target === w.app));
}

export function podName(w: Workload): string {
  return `${w.app}-${stableHex(10, w.cluster, w.app, 'rs')}-${stableHex(5, w.cluster, w.app, 'pod')}`;
}

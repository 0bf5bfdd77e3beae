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

import type * as Api from './schema/openapi/generated/models';

/**
 * The 13 layers of the platform, in build-out order. These ids are used
 * everywhere: the REST API, catalog entity names, the UI and metrics.
 *
 * @public
 */
export type LayerId = Api.LayerId;

/** @public */
export type LayerDefinition = Api.LayerDefinition;

/** @public */
export const LAYERS: readonly LayerDefinition[] = [
  {
    id: 'provisioning',
    title: 'Provisioning',
    components: ['kubeadm', 'RKE2', 'Cluster API'],
    owners: ['platform-team', 'infrastructure-team'],
    runbooks: ['add-worker-node', 'remove-node', 'etcd-backup-stale'],
  },
  {
    id: 'hardware',
    title: 'Hardware',
    components: ['VMware vSphere', 'ESXi', 'node VMs'],
    owners: ['infrastructure-team'],
    runbooks: ['add-worker-node', 'remove-node'],
  },
  {
    id: 'networking',
    title: 'Networking',
    components: ['Cilium', 'Hubble'],
    owners: ['platform-team'],
    runbooks: ['cilium-network-policy-drops'],
  },
  {
    id: 'external-lb',
    title: 'External LB',
    components: ['HAProxy', 'Keepalived'],
    owners: ['infrastructure-team'],
    runbooks: [],
  },
  {
    id: 'internal-lb',
    title: 'Internal LB',
    components: ['MetalLB'],
    owners: ['platform-team', 'network-team'],
    runbooks: ['metallb-ip-not-assigned'],
  },
  {
    id: 'ingress',
    title: 'Ingress',
    components: ['Traefik', 'Gateway API'],
    owners: ['platform-team'],
    runbooks: ['traefik-not-routing'],
  },
  {
    id: 'storage',
    title: 'Storage',
    components: ['Longhorn'],
    owners: ['platform-team'],
    runbooks: ['longhorn-volume-degraded', 'longhorn-backup-missing'],
  },
  {
    id: 'security',
    title: 'Security',
    components: ['cert-manager'],
    owners: ['platform-team'],
    runbooks: ['certificate-renewal-stuck'],
  },
  {
    id: 'identity',
    title: 'Identity',
    components: ['Dex', 'RBAC'],
    owners: ['security-team', 'platform-team'],
    runbooks: [],
  },
  {
    id: 'artifacts',
    title: 'Artifacts',
    components: ['Nexus Repository'],
    owners: ['devops-team', 'platform-team'],
    runbooks: [],
  },
  {
    id: 'gitops',
    title: 'GitOps',
    components: ['ArgoCD'],
    owners: ['platform-team'],
    runbooks: ['argocd-sync-failure'],
  },
  {
    id: 'cicd',
    title: 'CI/CD',
    components: ['GitLab', 'GitLab Runners'],
    owners: ['devops-team'],
    runbooks: [],
  },
  {
    id: 'observability',
    title: 'Observability',
    components: [
      'Grafana',
      'Mimir',
      'Loki',
      'Tempo',
      'Promtail',
      'OpenTelemetry Collector',
      'Alertmanager',
      'node-exporter',
      'cAdvisor',
      'kube-state-metrics',
    ],
    owners: ['platform-team', 'sre-team'],
    runbooks: ['observability-component-down'],
  },
];

/** @public */
export const LAYER_IDS: readonly LayerId[] = LAYERS.map(layer => layer.id);

/** @public */
export function isLayerId(value: unknown): value is LayerId {
  return typeof value === 'string' && (LAYER_IDS as string[]).includes(value);
}

/** @public */
export function getLayer(id: LayerId): LayerDefinition {
  const layer = LAYERS.find(l => l.id === id);
  if (!layer) {
    throw new Error(`Unknown layer id '${id}'`);
  }
  return layer;
}

/**
 * Name of the catalog entity (kind Resource, type platform-layer) that stands
 * for a layer.
 *
 * @public
 */
export function layerEntityName(id: LayerId): string {
  return `layer-${id}`;
}

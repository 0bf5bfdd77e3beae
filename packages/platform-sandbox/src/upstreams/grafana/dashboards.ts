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

import { FleetSpec, LAYER_IDS } from '../../scenario/types';

export interface Folder {
  uid: string;
  title: string;
}

export interface Dashboard {
  id: number;
  uid: string;
  title: string;
  tags: string[];
  folder: Folder;
  version: number;
  /** Metric expression of the dashboard's main panel. */
  expr: string;
}

export function slugify(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

const LAYER_TITLES: Record<string, string> = {
  provisioning: 'Provisioning / Cluster API',
  hardware: 'Hardware / Nodes',
  networking: 'Networking / Cilium',
  'external-lb': 'External LB / HAProxy + Keepalived',
  'internal-lb': 'Internal LB / MetalLB',
  ingress: 'Ingress / Traefik',
  storage: 'Storage / Longhorn',
  security: 'Security / cert-manager',
  identity: 'Identity / Dex',
  artifacts: 'Artifacts / Nexus',
  gitops: 'GitOps / Argo CD',
  cicd: 'CI/CD / GitLab runners',
  observability: 'Observability / LGTM stack',
};

/** One dashboard per platform layer, one per example component in its team's folder. */
export function buildDashboards(fleet: FleetSpec): { folders: Folder[]; dashboards: Dashboard[] } {
  const platform: Folder = { uid: 'platform', title: 'Platform' };
  const folders: Folder[] = [platform];
  const dashboards: Dashboard[] = [];
  let id = 1;
  for (const layer of LAYER_IDS) {
    dashboards.push({
      id: id++,
      uid: `layer-${layer}`,
      title: LAYER_TITLES[layer] ?? layer,
      tags: ['platform', layer],
      folder: platform,
      version: 3,
      expr: `up{layer="${layer}"}`,
    });
  }
  for (const component of fleet.components) {
    let folder = folders.find(f => f.uid === component.team);
    if (!folder) {
      folder = { uid: component.team, title: component.team };
      folders.push(folder);
    }
    dashboards.push({
      id: id++,
      uid: `svc-${component.name}`,
      title: `Service / ${component.name}`,
      tags: ['service', component.team, component.name],
      folder,
      version: 7,
      expr: `sum by (code) (rate(traefik_service_requests_total{service=~"${component.namespace}-${component.name}.*"}[5m]))`,
    });
  }
  return { folders, dashboards };
}

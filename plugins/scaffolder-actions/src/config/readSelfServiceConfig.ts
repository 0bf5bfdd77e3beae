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

import { Config } from '@backstage/config';

/** What the platform allows self-service actions to do, from `platform.selfService`. */
export interface SelfServiceConfig {
  /** Hostnames must sit below one of these domains. */
  allowedDomains: string[];
  /** ClusterIssuers teams may request certificates from. */
  issuers: string[];
  /** The shared Gateway that routes attach to. */
  gateway: { namespace: string; name: string; sectionName: string };
  /** Catalog group (name in the default namespace) of the platform team. */
  platformTeam: string;
  /** Longhorn storage classes by replica count. */
  storageClasses: Array<{ name: string; replicas: number }>;
  /** Largest volume a team may request, in GiB. */
  maxVolumeGi: number;
  argocd: { namespace: string; baseUrl?: string };
  /** Namespace of Cluster API objects on management clusters. */
  capiNamespace: string;
  gitlab: { baseUrl: string };
  grafana?: { baseUrl: string };
  /** Portal base URL for catalog links. */
  portalBaseUrl?: string;
  /** How long to wait for controllers (status.parents, Ready, Bound). */
  waitTimeoutMs: number;
  pollIntervalMs: number;
}

export function readSelfServiceConfig(config: Config): SelfServiceConfig {
  const c = config.getOptionalConfig('platform.selfService');
  const storageClasses = c
    ?.getOptionalConfigArray('storageClasses')
    ?.map(s => ({
      name: s.getString('name'),
      replicas: s.getNumber('replicas'),
    }));
  return {
    allowedDomains: c?.getOptionalStringArray('allowedDomains') ?? [],
    issuers: c?.getOptionalStringArray('issuers') ?? [
      'letsencrypt-prod',
      'letsencrypt-staging',
    ],
    gateway: {
      namespace: c?.getOptionalString('gateway.namespace') ?? 'traefik',
      name: c?.getOptionalString('gateway.name') ?? 'traefik-gateway',
      sectionName: c?.getOptionalString('gateway.sectionName') ?? 'https',
    },
    platformTeam: c?.getOptionalString('platformTeam') ?? 'platform-team',
    storageClasses: storageClasses ?? [{ name: 'longhorn', replicas: 3 }],
    maxVolumeGi: c?.getOptionalNumber('maxVolumeGi') ?? 500,
    argocd: {
      namespace: c?.getOptionalString('argocd.namespace') ?? 'argocd',
      baseUrl: c?.getOptionalString('argocd.baseUrl'),
    },
    capiNamespace: c?.getOptionalString('capiNamespace') ?? 'clusters',
    gitlab: {
      baseUrl:
        c?.getOptionalString('gitlab.baseUrl') ??
        'https://gitlab.example.internal',
    },
    grafana: c?.has('grafana.baseUrl')
      ? { baseUrl: c.getString('grafana.baseUrl') }
      : undefined,
    portalBaseUrl: config.getOptionalString('app.baseUrl'),
    waitTimeoutMs:
      c?.getOptionalNumber('waitTimeoutSeconds') !== undefined
        ? c.getNumber('waitTimeoutSeconds') * 1000
        : 120_000,
    pollIntervalMs: c?.getOptionalNumber('pollIntervalMs') ?? 1000,
  };
}

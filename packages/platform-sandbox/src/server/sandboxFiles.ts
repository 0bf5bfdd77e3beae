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

import { stringify } from 'yaml';
import { SandboxCredentials, UpstreamSimulator } from '../upstreams/types';
import { Sandbox } from './startSandbox';

/** What the CLI writes to `sandbox.json`: every URL and credential of the run. */
export function sandboxDescription(sandbox: Sandbox): Record<string, unknown> {
  return {
    controlUrl: sandbox.controlUrl,
    apiUrl: sandbox.url,
    kubeconfig: 'kubeconfig',
    clusters: sandbox.fleetSpec.clusters.map(c => ({
      name: c.name,
      provisioner: c.provisioner,
      environment: c.environment,
      region: c.region,
      management: c.environment === 'management',
      managementCluster: c.managementCluster,
      kubernetes: {
        url: sandbox.kubernetesUrl(c.name),
        caData: sandbox.caData(c.name),
        tokens: sandbox.credentials.kubernetes[c.name],
      },
    })),
    upstreams: Object.fromEntries(
      sandbox.upstreams.map(u => [u.mount, { id: u.id, url: u.perCluster ? `${sandbox.url}/${u.mount}/<cluster>` : `${sandbox.url}/${u.mount}`, perCluster: u.perCluster }]),
    ),
    credentials: sandbox.credentials,
  };
}

/** The credentials each upstream accepts, in the portal's `platform.upstreams.<id>` shape. */
function upstreamCredentials(id: string, credentials: SandboxCredentials): Record<string, string> {
  switch (id) {
    case 'argocd':
      return { token: credentials.argocdToken, username: credentials.argocdUsername, password: credentials.argocdPassword };
    case 'nexus':
      return { username: credentials.nexusUsername, password: credentials.nexusPassword };
    case 'gitlab':
      return { token: credentials.gitlabToken };
    case 'grafana':
      return { token: credentials.grafanaToken };
    case 'prometheus':
    case 'alertmanager':
    case 'loki':
    case 'tempo':
      return { tenant: credentials.tenant };
    default:
      return {};
  }
}

/**
 * Where the portal talks to an upstream that has several mounts: it queries
 * metrics through Mimir's Prometheus API (multi-tenant), not a Prometheus.
 */
const PORTAL_ENTRY_POINTS: Record<string, { mount: string; path: string }> = {
  prometheus: { mount: 'mimir', path: '/prometheus' },
};

/**
 * `platform.upstreams.<id>`: one entry per upstream id (the mount named like
 * the id wins when an id has several), `{cluster}` standing for the cluster
 * in the URLs of per-cluster upstreams.
 */
function platformUpstreams(sandbox: Sandbox): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  const chosen = new Map<string, UpstreamSimulator>();
  for (const u of sandbox.upstreams) {
    const current = chosen.get(u.id);
    const preferred = PORTAL_ENTRY_POINTS[u.id]?.mount ?? u.id;
    if (!current || (current.mount !== preferred && u.mount === preferred)) chosen.set(u.id, u);
  }
  for (const [id, u] of chosen) {
    const suffix = PORTAL_ENTRY_POINTS[id]?.mount === u.mount ? PORTAL_ENTRY_POINTS[id].path : '';
    const url = u.perCluster ? `${sandbox.url}/${u.mount}/{cluster}` : `${sandbox.url}/${u.mount}${suffix}`;
    out[id] = { url, ...upstreamCredentials(id, sandbox.credentials) };
  }
  return out;
}

/**
 * `integrations.gitlab` for the scaffolder's `publish:gitlab` and the
 * catalog's URL reader. The simulated GitLab lives below a path over plain
 * HTTP: `baseUrl` carries both, and clone URLs come back with the same
 * address from the API (`http_url_to_repo`).
 */
function gitlabIntegration(sandbox: Sandbox, gitlab: string) {
  return {
    gitlab: [
      {
        host: new URL(sandbox.url).host,
        baseUrl: gitlab,
        apiBaseUrl: `${gitlab}/api/v4`,
        token: sandbox.credentials.gitlabToken,
      },
    ],
  };
}

const PLATFORM_TEAM = 'group:default/platform-team';

/**
 * Who owns what in the simulated upstreams, as a platform team would write
 * it: each component's Argo CD project (its namespace), GitLab group and
 * Nexus image and chart belong to its team; the platform's add-ons (project
 * `platform`) and repositories (GitLab group `platform`) to the platform team.
 */
function ownershipOf(sandbox: Sandbox) {
  const components = sandbox.fleetSpec.components;
  const team = (name: string) => `group:default/${name}`;
  const unique = <T>(entries: T[], key: (entry: T) => string) =>
    [...new Map(entries.map(e => [key(e), e])).values()];
  return {
    argocdProjects: unique(
      [
        { project: 'platform', owner: PLATFORM_TEAM },
        ...components.map(c => ({ project: c.namespace, owner: team(c.team) })),
      ],
      e => e.project,
    ),
    gitlabGroups: unique(
      [
        { group: 'platform', owner: PLATFORM_TEAM },
        ...components.map(c => ({ group: c.gitlabProject.split('/').slice(0, -1).join('/'), owner: team(c.team) })),
      ],
      e => e.group,
    ),
    nexus: unique(
      components.flatMap(c => [
        // The image's group as a prefix (`team-payments/`), else the image itself.
        { repository: 'docker-hosted', path: c.image.includes('/') ? c.image.slice(0, c.image.lastIndexOf('/') + 1) : c.image, owner: team(c.team) },
        { repository: 'helm-hosted', path: c.chart, owner: team(c.team) },
      ]),
      e => `${e.repository}:${e.path}`,
    ),
  };
}

/**
 * `app-config.sandbox.yaml` for the portal backend: the official Kubernetes
 * plugin's config (read-only service account tokens), the sandbox block and
 * the platform's cluster list.
 */
export function appConfigYaml(sandbox: Sandbox): string {
  const clusters = sandbox.fleetSpec.clusters;
  const reader = (name: string) => sandbox.credentials.kubernetes[name].reader;
  const mounted = (mount: string) => sandbox.upstreams.some(u => u.mount === mount);
  const gitlab = mounted('gitlab') ? `${sandbox.url}/gitlab` : undefined;
  return stringify({
    ...(gitlab ? { integrations: gitlabIntegration(sandbox, gitlab) } : {}),
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: clusters.map(c => ({
            name: c.name,
            url: sandbox.kubernetesUrl(c.name),
            authProvider: 'serviceAccount',
            serviceAccountToken: reader(c.name),
            // The official plugin takes caData as a kubeconfig does: base64 of the PEM.
            caData: Buffer.from(sandbox.caData(c.name)).toString('base64'),
            skipMetricsLookup: false,
          })),
        },
      ],
    },
    platform: {
      sandbox: {
        enabled: true,
        controlUrl: sandbox.controlUrl,
        apiUrl: sandbox.url,
        // Per-cluster upstreams answer under `<url>/<cluster>`.
        upstreams: Object.fromEntries(sandbox.upstreams.map(u => [u.mount, { url: `${sandbox.url}/${u.mount}`, perCluster: u.perCluster }])),
      },
      upstreams: platformUpstreams(sandbox),
      ownership: ownershipOf(sandbox),
      // The team each simulated GitLab group belongs to: what a registered
      // catalog location there may hold, and where new-service may publish.
      ...(gitlab
        ? {
            catalog: {
              locationOwners: ownershipOf(sandbox).gitlabGroups.map(g => ({ url: `${gitlab}/${g.group}/`, owner: g.owner })),
            },
          }
        : {}),
      // Where the portal's Grafana links lead (read by the browser); uids as /grafana/api/datasources lists them.
      links: {
        grafana: {
          baseUrl: `${sandbox.url}/grafana`,
          datasources: { prometheus: 'mimir', loki: 'loki', tempo: 'tempo' },
        },
      },
      selfService: {
        allowedDomains: [sandbox.fleetSpec.domain],
        // The simulated fleet's Dex, which the API servers of new clusters trust.
        clusterOidc: { issuerUrl: `https://dex.${sandbox.fleetSpec.domain}` },
        // The templates' output links: each cluster's Argo CD (GitLab comes
        // from integrations.gitlab, Grafana from links.grafana).
        ...(mounted('argocd') ? { argocd: { baseUrl: `${sandbox.url}/argocd/{cluster}` } } : {}),
      },
      clusters: clusters.map(c => ({
        name: c.name,
        provisioner: c.provisioner,
        environment: c.environment,
        region: c.region,
        management: c.environment === 'management',
        ...(c.managementCluster ? { managementCluster: c.managementCluster } : {}),
        kubernetes: {
          url: sandbox.kubernetesUrl(c.name),
          token: reader(c.name),
          // Self-service writes as the cluster admin; reads stay read-only.
          writeToken: sandbox.credentials.kubernetes[c.name].admin,
          // The cluster's own CA, as for a real cluster.
          caData: sandbox.caData(c.name),
        },
        upstreams: Object.fromEntries(
          sandbox.upstreams.filter(u => u.perCluster).map(u => [u.mount, `${sandbox.url}/${u.mount}/${encodeURIComponent(c.name)}`]),
        ),
      })),
    },
  });
}

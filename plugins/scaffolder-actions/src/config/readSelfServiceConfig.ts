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
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  readSelfServiceLimits,
  SelfServiceLimits,
} from '@platform-portal/plugin-platform-node';

/**
 * What the platform allows self-service actions to do, from `platform.selfService`.
 *
 * @public
 */
export interface SelfServiceConfig extends SelfServiceLimits {
  /** Catalog group (name in the default namespace) of the platform team. */
  platformTeam: string;
  argocd: { namespace: string; baseUrl?: string };
  /** Namespace of Cluster API objects on management clusters. */
  capiNamespace: string;
  /** Unset when neither this nor a GitLab integration is configured. */
  gitlab?: { baseUrl: string };
  /** The OIDC issuer the API servers of new clusters trust (Dex). */
  clusterOidc?: { issuerUrl: string; clientId: string };
  grafana?: { baseUrl: string };
  /** Portal base URL for catalog links. */
  portalBaseUrl?: string;
  /** How long to wait for controllers (status.parents, Ready, Bound). */
  waitTimeoutMs: number;
  pollIntervalMs: number;
}

export function readSelfServiceConfig(config: Config): SelfServiceConfig {
  refuseMovedKeys(config);
  const c = config.getOptionalConfig('platform.selfService');
  return {
    ...readSelfServiceLimits(config),
    platformTeam: readPlatformTeam(config),
    argocd: {
      namespace: c?.getOptionalString('argocd.namespace') ?? 'argocd',
      baseUrl: readArgoCdBaseUrl(config),
    },
    capiNamespace: c?.getOptionalString('capiNamespace') ?? 'clusters',
    gitlab: readGitLabBaseUrl(config),
    clusterOidc: readClusterOidc(config),
    grafana: readGrafanaBaseUrl(config),
    portalBaseUrl: config.getOptionalString('app.baseUrl'),
    waitTimeoutMs:
      c?.getOptionalNumber('waitTimeoutSeconds') !== undefined
        ? c.getNumber('waitTimeoutSeconds') * 1000
        : 120_000,
    pollIntervalMs: c?.getOptionalNumber('pollIntervalMs') ?? 1000,
  };
}

/** Keys that moved, with the one that replaces each: set, they stop start-up. */
const MOVED_KEYS: Record<string, string> = {
  'platform.selfService.gitlab':
    'integrations.gitlab (the GitLab the templates publish to)',
  'platform.selfService.grafana':
    "platform.links.grafana.baseUrl (Grafana's public address)",
};

function refuseMovedKeys(config: Config) {
  for (const [key, replacement] of Object.entries(MOVED_KEYS)) {
    if (config.has(key)) {
      throw new InputError(`${key} is not read: configure ${replacement}`);
    }
  }
}

/** The web address of the first GitLab integration: the GitLab the templates publish to. */
function readGitLabBaseUrl(config: Config): { baseUrl: string } | undefined {
  const integration = config
    .getOptionalConfigArray('integrations.gitlab')
    ?.at(0);
  if (!integration) return undefined;
  const baseUrl =
    integration.getOptionalString('baseUrl') ??
    `https://${integration.getString('host')}`;
  return { baseUrl: httpUrl(baseUrl, 'integrations.gitlab[0].baseUrl') };
}

/** Grafana's public address, as the portal's own links use it. */
function readGrafanaBaseUrl(config: Config): { baseUrl: string } | undefined {
  const key = 'platform.links.grafana.baseUrl';
  const value = config.getOptionalString(key);
  return value === undefined ? undefined : { baseUrl: httpUrl(value, key) };
}

/**
 * The OIDC issuer and client id that new clusters' API servers trust:
 * `platform.selfService.clusterOidc`, else the issuer the portal itself signs
 * in with (`auth.providers.oidc.<auth.environment>.metadataUrl`), since
 * people reach both through the same Dex.
 */
function readClusterOidc(
  config: Config,
): { issuerUrl: string; clientId: string } | undefined {
  const key = 'platform.selfService.clusterOidc';
  const clientId = config.getOptionalString(`${key}.clientId`) ?? 'kubernetes';
  const explicit = config.getOptionalString(`${key}.issuerUrl`);
  if (explicit) {
    return { issuerUrl: httpUrl(explicit, `${key}.issuerUrl`), clientId };
  }
  const environment =
    config.getOptionalString('auth.environment') ?? 'development';
  const metadataKey = `auth.providers.oidc.${environment}.metadataUrl`;
  const metadataUrl = config.getOptionalString(metadataKey);
  if (!metadataUrl) return undefined;
  const issuerUrl = httpUrl(metadataUrl, metadataKey).replace(
    /\/\.well-known\/openid-configuration$/,
    '',
  );
  return { issuerUrl, clientId };
}

function httpUrl(value: string, key: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(
      `${key} must be an absolute URL, got "${value.slice(0, 100)}"`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(
      `${key} must be an http(s) URL, got "${value.slice(0, 100)}"`,
    );
  }
  return value.replace(/\/$/, '');
}

/**
 * The Argo CD UI for links: `platform.selfService.argocd.baseUrl`, else the
 * Argo CD the portal reads (`platform.upstreams.argocd.url`). Both write the
 * cluster as `{cluster}`, the one placeholder of the platform's keys.
 */
function readArgoCdBaseUrl(config: Config): string | undefined {
  for (const key of [
    'platform.selfService.argocd.baseUrl',
    'platform.upstreams.argocd.url',
  ]) {
    const value = config.getOptionalString(key);
    if (value === undefined) continue;
    if (/<cluster>/.test(value)) {
      throw new InputError(
        `${key}: write the cluster placeholder as {cluster}, not <cluster>`,
      );
    }
    return httpUrl(value, key);
  }
  return undefined;
}

/**
 * The group that owns what the platform team creates (the owner label of new
 * clusters): the first of `permission.platformPolicy.platformTeams`, the one
 * setting of who the platform team is.
 */
function readPlatformTeam(config: Config): string {
  if (config.has('platform.selfService.platformTeam')) {
    throw new InputError(
      'platform.selfService.platformTeam is not read: the platform team is configured once, as permission.platformPolicy.platformTeams',
    );
  }
  const key = 'permission.platformPolicy.platformTeams';
  const first = config.getOptionalStringArray(key)?.[0];
  if (!first) return 'platform-team';
  try {
    return parseEntityRef(first, { defaultKind: 'group' }).name;
  } catch {
    throw new InputError(
      `${key}[0] must be a group entity ref, got "${first.slice(0, 100)}"`,
    );
  }
}

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

import {
  ConfiguredCluster,
  PlatformConfig,
  UpstreamConfig,
  UpstreamId,
} from '../config/readPlatformConfig';
import { AlertmanagerClient } from './alertmanager/AlertmanagerClient';
import { ArgoCdClient } from './argocd/ArgoCdClient';
import { GitLabClient } from './gitlab/GitLabClient';
import { GrafanaClient } from './grafana/GrafanaClient';
import { HaproxyStatsClient } from './haproxy/HaproxyStatsClient';
import { UpstreamHttpClient } from './http/UpstreamHttpClient';
import { DexClient } from './dex/DexClient';
import { KeepalivedClient } from './keepalived/KeepalivedClient';
import { ImpersonatingKubernetesClient } from './kubernetes/ImpersonatingKubernetesClient';
import { KubernetesClient } from './kubernetes/KubernetesClient';
import { NexusClient } from './nexus/NexusClient';
import { NexusSearchClient } from './nexus/NexusSearchClient';
import { PrometheusClient } from './prometheus/PrometheusClient';
import { UpstreamPolicies } from './resilience/UpstreamPolicies';

const LABELS: Record<UpstreamId, string> = {
  haproxy: 'HAProxy stats',
  keepalived: 'Keepalived',
  dex: 'Dex',
  nexus: 'Nexus',
  gitlab: 'GitLab',
  prometheus: 'Prometheus',
  alertmanager: 'Alertmanager',
  grafana: 'Grafana',
  argocd: 'Argo CD',
};

/**
 * Builds and keeps one client per upstream (and per cluster where the
 * upstream is per cluster), all sharing one set of resilience policies.
 */
export class UpstreamClients {
  private readonly cache = new Map<string, unknown>();
  private watchPolicies?: UpstreamPolicies;

  constructor(
    private readonly config: PlatformConfig,
    readonly policies: UpstreamPolicies,
  ) {}

  /** Whether `platform.upstreams.<id>` is set. */
  configured(id: UpstreamId): boolean {
    return Boolean(this.config.upstreams[id]);
  }

  cluster(name: string): ConfiguredCluster | undefined {
    return this.config.clusters.find(c => c.name === name);
  }

  kubernetes(name: string): KubernetesClient | undefined {
    return this.kubernetesUnder('kubernetes', name, this.policies);
  }

  /**
   * The same cluster's API for informers: their own circuit breakers, so a
   * watch reconnecting with its own backoff never opens the breaker the
   * health refresh reads through (which would hide why the API is down).
   */
  kubernetesForWatches(name: string): KubernetesClient | undefined {
    this.watchPolicies ??= new UpstreamPolicies(this.policies.options);
    return this.kubernetesUnder('kubernetes-watch', name, this.watchPolicies);
  }

  /**
   * The same cluster's API called on behalf of a signed-in person
   * (impersonating them), so the API server applies their own RBAC.
   */
  kubernetesAs(name: string): ImpersonatingKubernetesClient | undefined {
    const index = this.config.clusters.findIndex(c => c.name === name);
    if (index < 0) {
      return undefined;
    }
    return this.memo(
      `kubernetes-as:${name}`,
      () =>
        new ImpersonatingKubernetesClient(
          this.config.clusters[index],
          this.policies,
          `platform.clusters[${index}]`,
        ),
    );
  }

  private kubernetesUnder(
    use: string,
    name: string,
    policies: UpstreamPolicies,
  ): KubernetesClient | undefined {
    const index = this.config.clusters.findIndex(c => c.name === name);
    if (index < 0) {
      return undefined;
    }
    return this.memo(
      `${use}:${name}`,
      () =>
        new KubernetesClient(
          this.config.clusters[index],
          policies,
          `platform.clusters[${index}]`,
        ),
    );
  }

  haproxy(cluster: string): HaproxyStatsClient | undefined {
    return this.http('haproxy', cluster, http => new HaproxyStatsClient(http));
  }

  keepalived(cluster: string): KeepalivedClient | undefined {
    return this.http('keepalived', cluster, http => new KeepalivedClient(http));
  }

  /** Dex as one cluster's people reach it; undefined when `platform.upstreams.dex` is not set. */
  dex(cluster: string): DexClient | undefined {
    return this.http('dex', cluster, http => new DexClient(http));
  }

  nexus(): NexusClient | undefined {
    return this.http('nexus', undefined, http => new NexusClient(http));
  }

  nexusSearch(): NexusSearchClient | undefined {
    return this.http(
      'nexus',
      undefined,
      http => new NexusSearchClient(http),
      'nexus-search',
    );
  }

  grafana(): GrafanaClient | undefined {
    return this.http('grafana', undefined, http => new GrafanaClient(http));
  }

  gitlab(): GitLabClient | undefined {
    return this.http('gitlab', undefined, http => new GitLabClient(http));
  }

  prometheus(): PrometheusClient | undefined {
    return this.http(
      'prometheus',
      undefined,
      http => new PrometheusClient(http),
    );
  }

  alertmanager(): AlertmanagerClient | undefined {
    return this.http(
      'alertmanager',
      undefined,
      http => new AlertmanagerClient(http),
    );
  }

  /** Argo CD of one cluster; undefined when `platform.upstreams.argocd` is not set. */
  argocd(cluster: string): ArgoCdClient | undefined {
    const upstream = this.config.upstreams.argocd;
    if (!upstream) {
      return undefined;
    }
    return this.memo(
      `argocd:${cluster}`,
      () =>
        new ArgoCdClient({
          baseUrl: upstream.url.replace(
            '{cluster}',
            encodeURIComponent(cluster),
          ),
          target: {
            upstream: LABELS.argocd,
            cluster,
            hint: 'platform.upstreams.argocd',
            secrets: [upstream.token, upstream.password].filter(
              (s): s is string => Boolean(s),
            ),
          },
          auth: upstream.token
            ? { token: upstream.token }
            : {
                username: upstream.username ?? 'admin',
                password: upstream.password ?? '',
              },
          policies: this.policies,
        }),
    );
  }

  private http<T>(
    id: UpstreamId,
    cluster: string | undefined,
    make: (http: UpstreamHttpClient) => T,
    /** Distinguishes several typed clients over one upstream. */
    variant: string = id,
  ): T | undefined {
    const upstream = this.config.upstreams[id];
    if (!upstream) {
      return undefined;
    }
    const http = this.memo(
      `http:${id}:${cluster ?? ''}`,
      () =>
        new UpstreamHttpClient({
          target: {
            upstream: LABELS[id],
            cluster,
            hint: `platform.upstreams.${id}`,
            secrets: [
              upstream.token,
              upstream.password,
              upstream.password
                ? Buffer.from(
                    `${upstream.username}:${upstream.password}`,
                  ).toString('base64')
                : undefined,
            ].filter((s): s is string => Boolean(s)),
          },
          baseUrl: upstream.url.replace(
            '{cluster}',
            encodeURIComponent(cluster ?? ''),
          ),
          headers: headersFor(id, upstream),
          policies: this.policies,
        }),
    );
    return this.memo(`${variant}:${cluster ?? ''}`, () => make(http));
  }

  private memo<T>(key: string, make: () => T): T {
    if (!this.cache.has(key)) {
      this.cache.set(key, make());
    }
    return this.cache.get(key) as T;
  }
}

function headersFor(
  id: UpstreamId,
  upstream: UpstreamConfig,
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (id === 'nexus' && upstream.username) {
    headers.Authorization = `Basic ${Buffer.from(
      `${upstream.username}:${upstream.password ?? ''}`,
    ).toString('base64')}`;
  } else if (id === 'gitlab' && upstream.token) {
    headers['PRIVATE-TOKEN'] = upstream.token;
  } else if (upstream.token) {
    headers.Authorization = `Bearer ${upstream.token}`;
  }
  if (upstream.tenant) {
    headers['X-Scope-OrgID'] = upstream.tenant;
  }
  return headers;
}

/** Message for a layer whose upstream is not configured. */
export function notConfigured(id: UpstreamId): string {
  return `${LABELS[id]} is not configured; set platform.upstreams.${id}.url`;
}

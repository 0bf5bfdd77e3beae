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

import { AsyncLocalStorage } from 'node:async_hooks';
import {
  createConfiguration,
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
  RequestContext,
  ResponseContext,
  ServerConfiguration,
  wrapHttpLibrary,
} from '@kubernetes/client-node';
import {
  HealthCheckKubernetesReader,
  KubernetesObjectLike,
} from '@platform-portal/plugin-platform-node';
import { ConfiguredCluster } from '../../config/readPlatformConfig';
import { NamespacedKubernetesReader } from './NamespacedKubernetesReader';
import { withKind } from './withKind';
import { fetchWithinOrigin } from '../http/fetchWithinOrigin';
import { UpstreamTls } from '../http/upstreamAgents';
import { parseUpstreamJson, readBodyWithin } from '../http/readBodyWithin';
import { toBackstageError } from '../resilience/toBackstageError';
import { UpstreamFailure } from '../resilience/UpstreamFailure';
import { DEFAULT_RESILIENCE } from '../resilience/ResilienceOptions';
import { UpstreamPolicies } from '../resilience/UpstreamPolicies';
import { UpstreamTarget } from '../resilience/UpstreamTarget';

const PAGE_SIZE = 500;

/**
 * The resource name of a kind as Kubernetes guesses it
 * (apimachinery's UnsafeGuessKindToResource): right for every kind the
 * checks read, so a list needs no discovery request first.
 */
export function guessResource(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower.endsWith('s')) {
    return `${lower}es`;
  }
  if (lower.endsWith('y') && !/[aeiou]y$/.test(lower)) {
    return `${lower.slice(0, -1)}ies`;
  }
  return `${lower}s`;
}

interface ListPage {
  items: unknown[];
  metadata?: {
    _continue?: string;
    continue?: string;
    resourceVersion?: string;
  };
}

/** Carries each call's deadline signal and size limit into client-node's HTTP layer. */
const callContext = new AsyncLocalStorage<{
  signal: AbortSignal;
  maxResponseBytes: number;
}>();

/**
 * client-node's HTTP library replaced by ours: same-origin redirects only,
 * the cluster's own TLS trust, the cockatiel deadline's abort signal on every
 * request and a limit on the size of an answer.
 */
function resilientHttpLibrary(tls: UpstreamTls) {
  return wrapHttpLibrary({
    async send(request: RequestContext): Promise<ResponseContext> {
      const response = await fetchWithinOrigin(request.getUrl(), {
        method: request.getHttpMethod().toString(),
        headers: request.getHeaders(),
        body: request.getBody() as BodyInit | undefined,
        signal: callContext.getStore()?.signal ?? request.getSignal(),
        tls,
      });
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      const buffer = await readBodyWithin(
        response,
        callContext.getStore()?.maxResponseBytes ??
          DEFAULT_RESILIENCE.maxResponseBytes,
      );
      return new ResponseContext(response.status, headers, {
        text: async () => buffer.toString('utf8'),
        binary: async () => buffer,
        stream: () => null,
      });
    },
  });
}

/**
 * Reads one cluster's Kubernetes API through `@kubernetes/client-node`,
 * under the shared resilience policies. Read-only: the portal's reader token.
 */
export class KubernetesClient implements HealthCheckKubernetesReader {
  private readonly api: KubernetesObjectApi;
  private readonly target: UpstreamTarget;
  private readonly tls: UpstreamTls;
  /** Kinds whose guessed resource name the server did not serve. */
  private readonly needsDiscovery = new Set<string>();

  constructor(
    private readonly cluster: Pick<ConfiguredCluster, 'name' | 'kubernetes'>,
    private readonly policies: UpstreamPolicies,
    configKey: string,
  ) {
    const { caData, skipTLSVerify = false } = cluster.kubernetes;
    this.tls = { caData, skipTLSVerify };
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [
        {
          name: cluster.name,
          server: cluster.kubernetes.url,
          // client-node refuses plain HTTP unless told; there is no TLS to verify then.
          skipTLSVerify:
            skipTLSVerify || cluster.kubernetes.url.startsWith('http:'),
        },
      ],
      users: [{ name: 'portal', token: cluster.kubernetes.token }],
      contexts: [{ name: cluster.name, cluster: cluster.name, user: 'portal' }],
      currentContext: cluster.name,
    });
    this.api = new KubernetesObjectApi(
      createConfiguration({
        baseServer: new ServerConfiguration(cluster.kubernetes.url, {}),
        authMethods: { default: kubeConfig },
        httpApi: resilientHttpLibrary(this.tls),
      }),
    );
    this.target = {
      upstream: 'Kubernetes API',
      cluster: cluster.name,
      hint: `${configKey}.kubernetes.url and ${configKey}.kubernetes.token`,
      tlsHint: `${configKey}.kubernetes.caData (the PEM of the CA that signed the API server's certificate) and ${configKey}.kubernetes.url`,
      secrets: cluster.kubernetes.token ? [cluster.kubernetes.token] : [],
    };
  }

  /**
   * Every object of a kind across namespaces, paged with `limit`/`continue`.
   * A continue token that expired (410 Gone) restarts the list once, as
   * client-go's pager does; a list that pages past `maxListPages` is refused.
   */
  async list<T extends KubernetesObjectLike = KubernetesObjectLike>(
    apiVersion: string,
    kind: string,
    signal?: AbortSignal,
  ): Promise<{ items: T[]; observedAt: string; resourceVersion?: string }> {
    const { maxListPages } = this.policies.options;
    let items: T[] = [];
    let continueToken: string | undefined;
    let restarted = false;
    for (let pages = 0; ; pages++) {
      if (pages >= maxListPages) {
        throw toBackstageError(
          new UpstreamFailure({
            kind: 'endless-paging',
            message: `${kind} list still had a continue token after ${maxListPages} pages`,
          }),
          this.target,
        );
      }
      const page = await this.page(apiVersion, kind, continueToken, signal);
      if (page === 'expired') {
        // Only a continued list gets here: a first page's 410 is thrown as is.
        if (restarted) {
          throw toBackstageError(
            new UpstreamFailure({
              kind: 'status',
              status: 410,
              message: `the ${kind} list expired twice while paging`,
            }),
            this.target,
          );
        }
        restarted = true;
        items = [];
        continueToken = undefined;
        continue;
      }
      items.push(...withKind(page.items as T[], apiVersion, kind));
      const meta = page.metadata as ListPage['metadata'];
      continueToken = meta?._continue || meta?.continue || undefined;
      if (!continueToken) {
        // The list's version, from which a watch resumes (the last page's).
        return {
          items,
          observedAt: new Date().toISOString(),
          resourceVersion: meta?.resourceVersion || undefined,
        };
      }
    }
  }

  /**
   * Reads of one namespace and its pods' logs, as the portal plus `headers`
   * (a per-request identity, when the caller has one).
   */
  namespaced(headers: Record<string, string> = {}): NamespacedKubernetesReader {
    return new NamespacedKubernetesReader({
      baseUrl: this.cluster.kubernetes.url,
      headers: { ...this.headers(), ...headers },
      tls: this.tls,
      policies: this.policies,
      target: this.target,
      resourceOf: guessResource,
    });
  }

  /**
   * Opens a watch of a kind across namespaces from `resourceVersion`, with
   * bookmarks, on the watch connection pool (the cluster's own TLS trust);
   * the caller reads the newline-delimited events and owns the deadline.
   */
  watch(
    apiVersion: string,
    kind: string,
    resourceVersion: string,
    timeoutSeconds: number,
    signal: AbortSignal,
  ): Promise<Response> {
    const query = new URLSearchParams({
      watch: '1',
      allowWatchBookmarks: 'true',
      resourceVersion,
      timeoutSeconds: String(timeoutSeconds),
    });
    return fetchWithinOrigin(`${this.resourceUrl(apiVersion, kind)}?${query}`, {
      method: 'GET',
      headers: this.headers(),
      signal,
      tls: this.tls,
      pool: 'watch',
    });
  }

  private resourceUrl(apiVersion: string, kind: string): string {
    const base = this.cluster.kubernetes.url.replace(/\/+$/, '');
    const group = apiVersion.includes('/')
      ? `/apis/${apiVersion}`
      : `/api/${apiVersion}`;
    return `${base}${group}/${guessResource(kind)}`;
  }

  private headers(): Record<string, string> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.cluster.kubernetes.token) {
      headers.Authorization = `Bearer ${this.cluster.kubernetes.token}`;
    }
    return headers;
  }

  /** One page, or 'expired' when a continue token has gone stale. */
  private async page(
    apiVersion: string,
    kind: string,
    continueToken: string | undefined,
    signal?: AbortSignal,
  ) {
    const { maxResponseBytes } = this.policies.options;
    return this.policies.execute(
      this.target,
      { idempotent: true, signal },
      async attemptSignal => {
        try {
          const key = `${apiVersion}/${kind}`;
          if (!this.needsDiscovery.has(key)) {
            const page = await this.directPage(
              apiVersion,
              kind,
              continueToken,
              attemptSignal,
            );
            if (page) {
              return page;
            }
            this.needsDiscovery.add(key);
          }
          return await callContext.run(
            { signal: attemptSignal, maxResponseBytes },
            () =>
              this.api.list<KubernetesObject>(
                apiVersion,
                kind,
                undefined,
                undefined,
                undefined,
                undefined,
                undefined,
                undefined,
                PAGE_SIZE,
                continueToken,
              ),
          );
        } catch (error) {
          if (
            continueToken &&
            error instanceof UpstreamFailure &&
            error.status === 410
          ) {
            return 'expired' as const;
          }
          if (error instanceof SyntaxError) {
            throw new UpstreamFailure({
              kind: 'malformed',
              message: `malformed JSON (${error.message})`,
            });
          }
          throw error;
        }
      },
    );
  }

  /**
   * One page read straight from the guessed resource path, without
   * client-node's discovery request per API group; undefined when the server
   * does not serve that path, so the caller falls back to discovery.
   */
  private async directPage(
    apiVersion: string,
    kind: string,
    continueToken: string | undefined,
    signal: AbortSignal,
  ): Promise<ListPage | undefined> {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (continueToken) {
      query.set('continue', continueToken);
    }
    const response = await fetchWithinOrigin(
      `${this.resourceUrl(apiVersion, kind)}?${query}`,
      {
        method: 'GET',
        headers: this.headers(),
        signal,
        acceptStatuses: [404],
        tls: this.tls,
      },
    );
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    const body = await readBodyWithin(
      response,
      this.policies.options.maxResponseBytes,
    );
    return parseUpstreamJson<ListPage>(body.toString('utf8'));
  }
}

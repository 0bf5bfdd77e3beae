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

import { KubernetesObjectLike } from '@platform-portal/plugin-platform-node';
import { fetchWithinOrigin } from '../http/fetchWithinOrigin';
import { parseUpstreamJson, readBodyWithin } from '../http/readBodyWithin';
import { UpstreamTls } from '../http/upstreamAgents';
import { toBackstageError } from '../resilience/toBackstageError';
import { UpstreamPolicies } from '../resilience/UpstreamPolicies';
import { UpstreamTarget } from '../resilience/UpstreamTarget';
import { withKind } from './withKind';

/** One page is enough for one component's objects in a namespace. */
const LIMIT = 500;
/** Enough of a refusal's body for its message. */
const MAX_REFUSAL_BYTES = 64 * 1024;

/** What pods/log takes (a subset of the API's PodLogOptions). */
export interface PodLogOptions {
  container: string;
  previous?: boolean;
  tailLines?: number;
  limitBytes?: number;
  follow?: boolean;
}

/** A log, a refusal in the kubelet's words, or (follow) the open stream. */
export type PodLogAnswer =
  | { text: string }
  | { refused: string }
  | { stream: Response };

/**
 * Reads of one namespace's objects and its pods' logs on one cluster, under
 * the cluster's resilience policies. Who it reads as is in `headers`: the
 * portal's token, plus whatever a caller adds per request.
 */
export class NamespacedKubernetesReader {
  constructor(
    private readonly options: {
      baseUrl: string;
      headers: Record<string, string>;
      tls: UpstreamTls;
      policies: UpstreamPolicies;
      target: UpstreamTarget;
      /** The resource name of a kind, e.g. \`Deployment\` -> \`deployments\`. */
      resourceOf: (kind: string) => string;
    },
  ) {}

  /** Objects of a kind in a namespace, by label selector when given. */
  async list<T extends KubernetesObjectLike = KubernetesObjectLike>(
    apiVersion: string,
    kind: string,
    namespace: string,
    options: { labelSelector?: string; signal?: AbortSignal } = {},
  ): Promise<T[]> {
    const query = new URLSearchParams({ limit: String(LIMIT) });
    if (options.labelSelector)
      query.set('labelSelector', options.labelSelector);
    const url = `${this.url(apiVersion, kind, namespace)}?${query}`;
    const { policies, target, tls, headers } = this.options;
    return policies.execute(
      target,
      { idempotent: true, signal: options.signal },
      async signal => {
        const response = await fetchWithinOrigin(url, {
          method: 'GET',
          headers,
          signal,
          tls,
        });
        const body = await readBodyWithin(
          response,
          policies.options.maxResponseBytes,
        );
        return withKind(
          parseUpstreamJson<{ items: T[] }>(body.toString('utf8')).items,
          apiVersion,
          kind,
        );
      },
    );
  }

  /**
   * A container's log. Without `follow`, the text under the shared deadline.
   * With `follow`, the open stream on the watch pool: the caller owns its
   * deadline and size cap, and ends it through `signal`.
   */
  async podLog(
    namespace: string,
    pod: string,
    options: PodLogOptions,
    signal?: AbortSignal,
  ): Promise<PodLogAnswer> {
    const query = new URLSearchParams({ container: options.container });
    if (options.previous) query.set('previous', 'true');
    if (options.tailLines !== undefined) {
      query.set('tailLines', String(options.tailLines));
    }
    if (options.limitBytes !== undefined) {
      query.set('limitBytes', String(options.limitBytes));
    }
    if (options.follow) query.set('follow', 'true');
    const url = `${this.url('v1', 'Pod', namespace)}/${encodeURIComponent(
      pod,
    )}/log?${query}`;
    const { policies, target, tls } = this.options;
    const headers = { ...this.options.headers, Accept: '*/*' };
    if (options.follow) {
      const response = await fetchWithinOrigin(url, {
        method: 'GET',
        headers,
        signal,
        tls,
        pool: 'watch',
        acceptStatuses: [400],
      }).catch(error => {
        throw toBackstageError(error, target);
      });
      return response.status === 400
        ? refusalOf(response)
        : { stream: response };
    }
    return policies.execute(
      target,
      { idempotent: true, signal },
      async attemptSignal => {
        const response = await fetchWithinOrigin(url, {
          method: 'GET',
          headers,
          signal: attemptSignal,
          tls,
          acceptStatuses: [400],
        });
        if (response.status === 400) return refusalOf(response);
        const body = await readBodyWithin(
          response,
          policies.options.maxResponseBytes,
        );
        return { text: body.toString('utf8') };
      },
    );
  }

  private url(apiVersion: string, kind: string, namespace: string): string {
    const group = apiVersion.includes('/')
      ? `/apis/${apiVersion}`
      : `/api/${apiVersion}`;
    return `${this.options.baseUrl.replace(
      /\/+$/,
      '',
    )}${group}/namespaces/${encodeURIComponent(
      namespace,
    )}/${this.options.resourceOf(kind)}`;
  }
}

/** The kubelet refuses in a Status (a container waiting to start, no previous one). */
async function refusalOf(response: Response): Promise<{ refused: string }> {
  const text = (await readBodyWithin(response, MAX_REFUSAL_BYTES)).toString(
    'utf8',
  );
  try {
    return { refused: String(JSON.parse(text).message ?? text) };
  } catch {
    return { refused: text.slice(0, 500) };
  }
}

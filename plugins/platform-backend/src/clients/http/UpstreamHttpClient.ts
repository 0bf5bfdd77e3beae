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

import { currentRefreshScope } from '../resilience/RefreshScope';
import { UpstreamPolicies } from '../resilience/UpstreamPolicies';
import { UpstreamTarget } from '../resilience/UpstreamTarget';
import { fetchWithinOrigin } from './fetchWithinOrigin';
import { parseUpstreamJson, readBodyWithin } from './readBodyWithin';

export interface UpstreamHttpClientOptions {
  target: UpstreamTarget;
  baseUrl: string;
  /** Auth and tenancy headers; never logged or returned. */
  headers?: Record<string, string>;
  policies: UpstreamPolicies;
}

/** What came back, with when it was observed. */
export interface Observed<T> {
  data: T;
  status: number;
  observedAt: string;
}

/**
 * Reads from one upstream on one cluster through the shared policies. Every
 * method is an idempotent read, so retries apply.
 */
export class UpstreamHttpClient {
  constructor(private readonly options: UpstreamHttpClientOptions) {}

  get target(): UpstreamTarget {
    return this.options.target;
  }

  async getJson<T>(
    path: string,
    query?: Record<string, string | string[]>,
    signal?: AbortSignal,
  ): Promise<Observed<T>> {
    return this.get(path, { query, signal, accept: 'application/json' }, text =>
      parseUpstreamJson<T>(text),
    );
  }

  /**
   * A text answer; `parse` (which throws an UpstreamFailure of kind
   * `malformed` for a body it cannot read) runs inside the call's policies.
   */
  async getText<T = string>(
    path: string,
    query?: Record<string, string | string[]>,
    signal?: AbortSignal,
    parse?: (text: string) => T,
  ): Promise<Observed<T>> {
    return this.get(path, { query, signal, accept: 'text/plain, */*' }, parse);
  }

  /** A probe whose status is the answer, e.g. 200 or 503 from a readiness URL. */
  async probe(
    path: string,
    acceptStatuses: number[],
    signal?: AbortSignal,
  ): Promise<Observed<string>> {
    return this.get(path, { signal, acceptStatuses, accept: '*/*' });
  }

  private async get<T = string>(
    path: string,
    request: {
      query?: Record<string, string | string[]>;
      signal?: AbortSignal;
      accept: string;
      acceptStatuses?: number[];
    },
    parse: (text: string) => T = text => text as T,
  ): Promise<Observed<T>> {
    const url = this.url(path, request.query);
    // A read every cluster's check makes alike (Nexus, GitLab, a fleet-wide
    // query) goes upstream once per refresh.
    const refresh = currentRefreshScope();
    if (refresh) {
      return refresh.scope.shared(
        `${request.accept}|${request.acceptStatuses ?? ''}|${url}`,
        () => this.read(url, request, parse),
      );
    }
    return this.read(url, request, parse);
  }

  private read<T>(
    url: string,
    request: {
      signal?: AbortSignal;
      accept: string;
      acceptStatuses?: number[];
    },
    parse: (text: string) => T,
  ): Promise<Observed<T>> {
    return this.options.policies.execute(
      this.options.target,
      { idempotent: true, signal: request.signal },
      async signal => {
        const response = await fetchWithinOrigin(url, {
          method: 'GET',
          headers: { Accept: request.accept, ...this.options.headers },
          signal,
          acceptStatuses: request.acceptStatuses,
        });
        const body = await readBodyWithin(
          response,
          this.options.policies.options.maxResponseBytes,
        );
        return {
          data: parse(body.toString('utf8')),
          status: response.status,
          observedAt: new Date().toISOString(),
        };
      },
    );
  }

  private url(path: string, query?: Record<string, string | string[]>): string {
    const base = this.options.baseUrl.replace(/\/+$/, '');
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      for (const v of Array.isArray(value) ? value : [value]) {
        search.append(key, v);
      }
    }
    const qs = search.toString();
    return `${base}${path}${qs ? `?${qs}` : ''}`;
  }
}

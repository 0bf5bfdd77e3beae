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

import { AuthenticationError } from '@backstage/errors';
import { fetchWithinOrigin } from '../http/fetchWithinOrigin';
import { parseUpstreamJson, readBodyWithin } from '../http/readBodyWithin';
import { toBackstageError } from '../resilience/toBackstageError';
import { UpstreamFailure } from '../resilience/UpstreamFailure';
import { UpstreamPolicies } from '../resilience/UpstreamPolicies';
import {
  describeTarget,
  redact,
  UpstreamTarget,
} from '../resilience/UpstreamTarget';
import { ArgoCdRefusal } from './ArgoCdRefusal';
import {
  ArgoApplication,
  ArgoApplicationList,
  ArgoErrorBody,
  ArgoResourceTree,
} from './argoTypes';

/** How the portal signs in to Argo CD: an API token, or a local account's session. */
export type ArgoCdAuth =
  | { token: string }
  | { username: string; password: string };

export interface ArgoCdClientOptions {
  baseUrl: string;
  target: UpstreamTarget;
  auth: ArgoCdAuth;
  policies: UpstreamPolicies;
}

const SESSION_PATH = '/api/v1/session';

/** Answers that are Argo CD's decision rather than a failure to reach it. */
const REFUSALS = [400, 401, 403, 404, 409, 412];

interface RawAnswer {
  status: number;
  text: string;
}

/**
 * Argo CD's REST API on one instance: reads with retries, sync and rollback
 * without (they are not idempotent), every call under the shared deadline and
 * circuit breaker. With a username and password it logs in through
 * `POST /api/v1/session` and logs in again once when the session expires.
 */
export class ArgoCdClient {
  private session?: Promise<string>;

  constructor(private readonly options: ArgoCdClientOptions) {}

  get target(): UpstreamTarget {
    return this.options.target;
  }

  /** Applications matching a label selector or a name; `[]` for Go's `null`. */
  async listApplications(
    filter: { selector?: string; name?: string },
    signal?: AbortSignal,
  ): Promise<ArgoApplication[]> {
    const query: Record<string, string> = {};
    if (filter.selector) query.selector = filter.selector;
    if (filter.name) query.name = filter.name;
    const list = await this.call<ArgoApplicationList>(
      'GET',
      '/api/v1/applications',
      {
        query,
        signal,
      },
    );
    return list.items ?? [];
  }

  resourceTree(
    name: string,
    project: string,
    signal?: AbortSignal,
  ): Promise<ArgoResourceTree> {
    return this.call(
      'GET',
      `/api/v1/applications/${encodeURIComponent(name)}/resource-tree`,
      { query: { project }, signal },
    );
  }

  /** Starts a sync to the application's target revision; the operation runs on in Argo CD. */
  sync(name: string, project: string): Promise<ArgoApplication> {
    return this.call(
      'POST',
      `/api/v1/applications/${encodeURIComponent(name)}/sync`,
      { body: { project, prune: false, dryRun: false } },
    );
  }

  /** Starts a rollback to the history entry `id`. */
  rollback(
    name: string,
    project: string,
    id: number,
  ): Promise<ArgoApplication> {
    return this.call(
      'POST',
      `/api/v1/applications/${encodeURIComponent(name)}/rollback`,
      { body: { project, id, prune: false, dryRun: false } },
    );
  }

  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    request: {
      query?: Record<string, string>;
      body?: unknown;
      signal?: AbortSignal;
    },
  ): Promise<T> {
    const attempt = async () =>
      this.send(method, path, request, await this.authorization());
    let answer = await attempt();
    if (answer.status === 401 && 'username' in this.options.auth) {
      // The session expired or Argo CD restarted with a new signing key.
      this.session = undefined;
      answer = await attempt();
    }
    if (answer.status === 401) {
      throw new AuthenticationError(
        `${describeTarget(
          this.target,
        )} rejected the portal's credentials (HTTP 401: ${this.upstreamMessage(
          answer,
        )}); check ${this.target.hint}.token, or its username and password`,
      );
    }
    if (answer.status >= 400) {
      throw new ArgoCdRefusal({
        target: this.target,
        httpStatus: answer.status,
        body: parseBody(answer.text),
      });
    }
    try {
      return parseUpstreamJson<T>(answer.text);
    } catch (error) {
      throw toBackstageError(error as UpstreamFailure, this.target);
    }
  }

  private send(
    method: 'GET' | 'POST',
    path: string,
    request: {
      query?: Record<string, string>;
      body?: unknown;
      signal?: AbortSignal;
    },
    authorization?: string,
  ): Promise<RawAnswer> {
    const url = this.url(path, request.query);
    // Reads and the session login may be retried; operations may not.
    const idempotent = method === 'GET' || path === SESSION_PATH;
    return this.options.policies.execute(
      this.target,
      { idempotent, signal: request.signal },
      async signal => {
        const response = await fetchWithinOrigin(url, {
          method,
          headers: {
            Accept: 'application/json',
            ...(request.body === undefined
              ? {}
              : { 'Content-Type': 'application/json' }),
            ...(authorization ? { Authorization: authorization } : {}),
          },
          body:
            request.body === undefined
              ? undefined
              : JSON.stringify(request.body),
          signal,
          acceptStatuses: REFUSALS,
        });
        const body = await readBodyWithin(
          response,
          this.options.policies.options.maxResponseBytes,
        );
        return { status: response.status, text: body.toString('utf8') };
      },
    );
  }

  private async authorization(): Promise<string> {
    const auth = this.options.auth;
    if ('token' in auth) {
      return `Bearer ${auth.token}`;
    }
    if (!this.session) {
      this.session = this.login(auth.username, auth.password);
      // A failed login is not kept: the next call tries again.
      this.session.catch(() => {
        this.session = undefined;
      });
    }
    return `Bearer ${await this.session}`;
  }

  private async login(username: string, password: string): Promise<string> {
    const answer = await this.send('POST', SESSION_PATH, {
      body: { username, password },
    });
    const token = (parseBody(answer.text) as { token?: unknown } | undefined)
      ?.token;
    if (answer.status !== 200 || typeof token !== 'string') {
      throw new AuthenticationError(
        `${describeTarget(
          this.target,
        )} refused the portal's session login (HTTP ${
          answer.status
        }: ${this.upstreamMessage(answer)}); check ${
          this.target.hint
        }.username and password`,
      );
    }
    return token;
  }

  private upstreamMessage(answer: RawAnswer): string {
    const body = parseBody(answer.text);
    return redact(
      body?.message ?? body?.error ?? 'no message',
      this.target.secrets,
    );
  }

  private url(path: string, query?: Record<string, string>): string {
    const base = this.options.baseUrl.replace(/\/+$/, '');
    const qs = new URLSearchParams(query ?? {}).toString();
    return `${base}${path}${qs ? `?${qs}` : ''}`;
  }
}

function parseBody(
  text: string,
): (ArgoErrorBody & Record<string, unknown>) | undefined {
  try {
    const parsed = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

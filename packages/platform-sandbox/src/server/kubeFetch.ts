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

import { request } from 'node:https';
import { Readable } from 'node:stream';
import { Sandbox } from './startSandbox';

export interface KubeFetchInit {
  method?: string;
  /** Pairs for a header sent more than once (Impersonate-Group). */
  headers?: Record<string, string> | Array<[string, string]>;
  body?: string | Buffer;
  signal?: AbortSignal;
  /** Default 30 s without an answer. */
  timeoutMs?: number;
}

/** Statuses whose Response may not have a body. */
const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * fetch for one simulated cluster's Kubernetes API, trusting that cluster's
 * CA only (node:https with `ca`, nothing process-wide), as a kubeconfig
 * would. The answer is a standard Response whose body streams (watches,
 * followed logs); redirects are not followed.
 */
export function kubeFetch(sandbox: Sandbox, cluster: string, path: string, init: KubeFetchInit = {}): Promise<Response> {
  const method = init.method ?? 'GET';
  const timeoutMs = init.timeoutMs ?? 30_000;
  // A repeated header as an array value: Node sends one line per value.
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Array.isArray(init.headers) ? init.headers : Object.entries(init.headers ?? {})) {
    const key = name.toLowerCase();
    const existing = headers[key];
    headers[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return new Promise((resolve, reject) => {
    const req = request(
      `${sandbox.kubernetesUrl(cluster)}${path}`,
      { method, headers, ca: sandbox.caData(cluster), signal: init.signal, timeout: timeoutMs },
      res => {
        // An answer has come: a watch may stay quiet for longer than the deadline.
        req.setTimeout(0);
        const answered = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const v of ([] as string[]).concat(value ?? [])) answered.append(name, v);
        }
        const status = res.statusCode ?? 0;
        const body = NULL_BODY.has(status) ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
        if (!body) res.resume();
        resolve(new Response(body, { status, statusText: res.statusMessage, headers: answered }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} on ${cluster}: no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(init.body);
  });
}

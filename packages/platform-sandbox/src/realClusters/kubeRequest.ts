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

import { request as httpsRequest } from 'node:https';

/*
 * One request to a real API server over HTTPS, trusting only that cluster's
 * CA (node:https, so no process-wide TLS setting is involved).
 */

export interface KubeResponse<T = any> {
  status: number;
  contentType: string | null;
  body: T;
}

export interface KubeRequestOptions {
  token?: string;
  contentType?: string;
  accept?: string;
  headers?: Record<string, string>;
}

/**
 * A string or Buffer body is sent as is (tests of malformed and protobuf
 * bodies need that), anything else as JSON. A JSON answer is parsed, any
 * other answer (/readyz) comes back as text.
 */
export type KubeRequest = <T = any>(
  method: string,
  path: string,
  body?: unknown,
  options?: KubeRequestOptions,
) => Promise<KubeResponse<T>>;

export function kubeRequester(
  url: string,
  caData: string,
  defaultToken: string,
  timeoutMs = 15_000,
): KubeRequest {
  return (method, path, body, options = {}) => {
    let payload: string | Buffer | undefined;
    if (typeof body === 'string' || Buffer.isBuffer(body)) payload = body;
    else if (body !== undefined) payload = JSON.stringify(body);
    return new Promise((resolveResponse, reject) => {
      const req = httpsRequest(
        `${url}${path}`,
        {
          method,
          ...(caData ? { ca: caData } : {}),
          headers: {
            Authorization: `Bearer ${options.token ?? defaultToken}`,
            Accept: options.accept ?? 'application/json',
            ...(payload !== undefined
              ? { 'Content-Type': options.contentType ?? 'application/json' }
              : {}),
            ...options.headers,
          },
          timeout: timeoutMs,
        },
        response => {
          const chunks: Buffer[] = [];
          response.on('data', chunk => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              // not JSON: /readyz answers plain text
            }
            const contentType = response.headers['content-type'];
            resolveResponse({
              status: response.statusCode ?? 0,
              contentType: contentType ?? null,
              body: parsed as any,
            });
          });
        },
      );
      req.on('timeout', () =>
        req.destroy(
          new Error(`${method} ${path}: no answer in ${timeoutMs} ms`),
        ),
      );
      req.on('error', reject);
      req.end(payload);
    });
  };
}

/** Throws with the server's Status when a seeding request was refused. */
export async function expectCreated<T>(
  pending: Promise<KubeResponse<T>>,
): Promise<T> {
  const response = await pending;
  if (response.status < 200 || response.status >= 300) {
    throw new Error(
      `HTTP ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }
  return response.body;
}

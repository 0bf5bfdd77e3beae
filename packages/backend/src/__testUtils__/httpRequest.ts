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

import http from 'node:http';
import https from 'node:https';

/** One answer of the portal (or HAProxy, or the sandbox), body as text. */
export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

// Our own agent: the tests talk to processes they started on loopback.
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

/** An HTTP request with a deadline; rejects on a network error or timeout. */
export function httpRequest(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: unknown;
    timeoutMs?: number;
    /** PEM CA trusted for an https URL (a sandbox cluster's own). */
    ca?: string;
  } = {},
): Promise<HttpAnswer> {
  const { method = 'GET', headers = {}, body, timeoutMs = 30_000 } = options;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const secure = url.startsWith('https:');
    const req = (secure ? https : http).request(
      url,
      {
        method,
        ...(secure ? { ca: options.ca } : { agent }),
        headers: {
          ...(payload
            ? {
                'content-type': 'application/json',
                'content-length': String(Buffer.byteLength(payload)),
              }
            : {}),
          ...headers,
        },
        timeout: timeoutMs,
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(
        new Error(`${method} ${url}: no answer within ${timeoutMs} ms`),
      ),
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Parses a JSON answer, naming the URL when the status or body is not what was expected. */
export async function httpJson<T = any>(
  url: string,
  options: Parameters<typeof httpRequest>[1] = {},
): Promise<T> {
  const answer = await httpRequest(url, options);
  if (answer.status < 200 || answer.status >= 300) {
    throw new Error(
      `${options.method ?? 'GET'} ${url}: ${answer.status} ${answer.body.slice(
        0,
        500,
      )}`,
    );
  }
  return JSON.parse(answer.body) as T;
}

/** Polls until `probe` returns a value other than undefined, or fails after `timeoutMs` naming `what`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  { timeoutMs = 120_000, intervalMs = 250 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) {
        return value;
      }
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}${
          lastError ? `; last error: ${lastError}` : ''
        }`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}

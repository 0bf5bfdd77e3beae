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
import { KubeConfig } from '@kubernetes/client-node';

/**
 * Connections kept alive across the pages of a pass, with no idle timeout of
 * their own: a request waits as long as its deadline says.
 */
const AGENTS = {
  http: new http.Agent({ keepAlive: true, maxSockets: 16 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 16 }),
};

/** Lists are capped: a management cluster's page of 500 objects is a few MB. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Node's codes for a certificate the configured CA does not verify (or a failed handshake). */
const TLS_CODES =
  /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|ERR_SSL|HOSTNAME_MISMATCH/;

/** A non-2xx answer or a transport failure of one API server request. */
export class KubeRequestError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    /** The API server's certificate was refused: the cluster's caData is the key to check. */
    readonly tls = false,
  ) {
    super(message);
    this.name = 'KubeRequestError';
  }
}

type Query = Record<string, string | number | boolean | undefined>;

function requestUrl(kubeConfig: KubeConfig, path: string, query: Query): URL {
  const server = kubeConfig.getCurrentCluster()?.server;
  if (!server) throw new KubeRequestError('no server configured');
  const url = new URL(`${server.replace(/\/+$/, '')}${path}`);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url;
}

/**
 * client-node refuses a plain-HTTP server unless TLS verification is off;
 * with no TLS there is nothing to verify, so say so for `http:` servers.
 */
function allowPlainHttp(kubeConfig: KubeConfig): KubeConfig {
  const copy = new KubeConfig();
  copy.loadFromOptions({
    clusters: kubeConfig.clusters.map(c => ({
      ...c,
      skipTLSVerify: c.skipTLSVerify || c.server.startsWith('http:'),
    })),
    users: kubeConfig.users,
    contexts: kubeConfig.contexts,
    currentContext: kubeConfig.currentContext,
  });
  return copy;
}

/**
 * Opens a GET to the cluster's API server with its CA, client certificate
 * and token as the KubeConfig gives them (client-node's own TLS options).
 * Redirects are not followed: an API server does not redirect reads.
 */
export async function openKubeGet(
  kubeConfig: KubeConfig,
  path: string,
  query: Query,
  signal: AbortSignal,
): Promise<http.IncomingMessage> {
  const url = requestUrl(kubeConfig, path, query);
  const options: https.RequestOptions = {
    method: 'GET',
    headers: { Accept: 'application/json' },
  };
  const transport = url.protocol === 'https:' ? https : http;
  await (transport === http
    ? allowPlainHttp(kubeConfig)
    : kubeConfig
  ).applyToHTTPSOptions(options);
  const send = (attempt: number): Promise<http.IncomingMessage> =>
    new Promise((resolve, reject) => {
      const agent = transport === https ? AGENTS.https : AGENTS.http;
      const req = transport.request(
        url,
        { ...options, agent, signal },
        resolve,
      );
      req.on('error', error => {
        // A kept-alive socket the server closed as it was reused: the GET
        // never reached it, so send it again on a new one (Node's advice).
        if (req.reusedSocket && !signal.aborted && attempt < 2) {
          resolve(send(attempt + 1));
          return;
        }
        const code = (error as NodeJS.ErrnoException).code ?? '';
        reject(
          new KubeRequestError(
            signal.aborted
              ? 'no answer before the deadline'
              : `request failed: ${error.message}`,
            undefined,
            !signal.aborted && TLS_CODES.test(code),
          ),
        );
      });
      req.end();
    });
  return send(0);
}

/** The Status message of an error answer, or its HTTP status line. */
function statusMessage(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body);
    if (typeof parsed?.message === 'string') {
      return `HTTP ${status}: ${parsed.message.slice(0, 300)}`;
    }
  } catch {
    // Not a Status: the code says enough.
  }
  return `HTTP ${status}`;
}

async function readBody(
  res: http.IncomingMessage,
  signal: AbortSignal,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        res.destroy();
        throw new KubeRequestError(`answer over ${MAX_BODY_BYTES} bytes`);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof KubeRequestError) throw error;
    throw new KubeRequestError(
      signal.aborted
        ? 'answer not complete before the deadline'
        : `answer cut off: ${(error as Error).message}`,
    );
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** GET of a JSON document within `timeoutMs`, the whole body included. */
export async function kubeGetJson<T>(
  kubeConfig: KubeConfig,
  path: string,
  query: Query,
  timeoutMs: number,
): Promise<T> {
  const signal = AbortSignal.timeout(timeoutMs);
  const res = await openKubeGet(kubeConfig, path, query, signal);
  const status = res.statusCode ?? 0;
  const body = await readBody(res, signal);
  if (status < 200 || status >= 300) {
    throw new KubeRequestError(statusMessage(status, body), status);
  }
  try {
    return JSON.parse(body) as T;
  } catch {
    throw new KubeRequestError('answer is not valid JSON', status);
  }
}

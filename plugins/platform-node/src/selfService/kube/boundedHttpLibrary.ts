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
  RequestContext,
  ResponseContext,
  wrapHttpLibrary,
} from '@kubernetes/client-node';
import { Agent, fetch } from 'undici';

/** The most of one response body an action reads: Kubernetes objects are far smaller. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * A request to the Kubernetes API that ended without an answer to read.
 *
 * @public
 */
export class KubeTransportError extends Error {
  constructor(
    message: string,
    readonly kind: 'timeout' | 'redirect' | 'tls' | 'unreachable' | 'body',
  ) {
    super(message);
    this.name = 'KubeTransportError';
  }
}

const TLS_CODES =
  /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|ERR_SSL|HOSTNAME_MISMATCH/;

function transportError(error: unknown, timeoutMs: number): Error {
  const cause = (error as { cause?: { code?: string; message?: string } })
    ?.cause;
  const name = (error as Error)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new KubeTransportError(
      `no answer within ${Math.round(timeoutMs / 1000)} s`,
      'timeout',
    );
  }
  const code = cause?.code ?? '';
  if (TLS_CODES.test(code)) {
    return new KubeTransportError(
      `the server's certificate was refused (${code})`,
      'tls',
    );
  }
  return new KubeTransportError(
    `could not be reached (${
      code || cause?.message || (error as Error)?.message || 'unknown error'
    })`,
    'unreachable',
  );
}

/**
 * The HTTP library of the actions' Kubernetes clients: every request has a
 * deadline (an API server that accepts the connection and never answers would
 * otherwise hold the task for ever), redirects are not followed (an API server
 * does not redirect; following one would send the write elsewhere), and the
 * body is read within the same deadline and a size limit. `agent` carries
 * the cluster's own TLS trust.
 */
export function boundedHttpLibrary(timeoutMs: number, agent: Agent) {
  return wrapHttpLibrary({
    async send(request: RequestContext): Promise<ResponseContext> {
      const signals = [AbortSignal.timeout(timeoutMs)];
      const taskSignal = request.getSignal();
      if (taskSignal) signals.push(taskSignal);
      const signal = AbortSignal.any(signals);
      let response: Awaited<ReturnType<typeof fetch>>;
      try {
        response = await fetch(request.getUrl(), {
          method: request.getHttpMethod().toString(),
          headers: request.getHeaders(),
          body: request.getBody() as string | undefined,
          signal,
          redirect: 'manual',
          dispatcher: agent,
        });
      } catch (error) {
        throw transportError(error, timeoutMs);
      }
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel().catch(() => undefined);
        throw new KubeTransportError(
          `answered with a redirect (${response.status}), which an API server never sends; not followed`,
          'redirect',
        );
      }
      let text: string;
      try {
        const declared = Number(response.headers.get('content-length') ?? 0);
        if (declared > MAX_BODY_BYTES) {
          throw new KubeTransportError(
            `answered with a ${declared}-byte body, more than an action reads`,
            'body',
          );
        }
        text = await response.text();
      } catch (error) {
        if (error instanceof KubeTransportError) throw error;
        throw transportError(error, timeoutMs);
      }
      if (text.length > MAX_BODY_BYTES) {
        throw new KubeTransportError(
          `answered with more than ${MAX_BODY_BYTES} bytes, more than an action reads`,
          'body',
        );
      }
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      return new ResponseContext(response.status, headers, {
        text: async () => text,
        binary: async () => Buffer.from(text),
        stream: () => null,
      });
    },
  });
}

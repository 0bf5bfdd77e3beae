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

import { Agent } from 'undici';
import { parseRetryAfter } from '../resilience/parseRetryAfter';
import { UpstreamFailure } from '../resilience/UpstreamFailure';
import { readBodyWithin } from './readBodyWithin';

const MAX_REDIRECTS = 5;

/**
 * Connections to upstreams are kept alive, at most 64 to one origin (the
 * refresh's cap on requests in flight), and an idle one is closed after a
 * few seconds, so the portal holds a bounded number of sockets at rest.
 */
const upstreamAgent = new Agent({
  connections: 64,
  keepAliveTimeout: 4_000,
  keepAliveMaxTimeout: 10_000,
});

/** Enough of an error body for its message; the rest is not read. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * `fetch` that follows redirects only within the origin of the first URL, so
 * credentials are never sent to another host. Non-2xx answers other than
 * `acceptStatuses` become an `UpstreamFailure` carrying `Retry-After`.
 */
export async function fetchWithinOrigin(
  url: string,
  init: RequestInit & { acceptStatuses?: number[] },
): Promise<Response> {
  const origin = new URL(url).origin;
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    let response: Response;
    try {
      response = await fetch(current, {
        ...init,
        redirect: 'manual',
        dispatcher: upstreamAgent,
      } as RequestInit);
    } catch (error) {
      if (init.signal?.aborted) {
        throw error;
      }
      const cause = (error as { cause?: { code?: string } }).cause;
      throw new UpstreamFailure({
        kind: 'network',
        message:
          cause?.code ??
          (error instanceof Error ? error.message : String(error)),
      });
    }
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      if (!location) {
        return response;
      }
      const next = new URL(location, current);
      if (next.origin !== origin) {
        await response.body?.cancel();
        throw new UpstreamFailure({
          kind: 'redirect',
          message: `redirect to ${next.origin}`,
        });
      }
      await response.body?.cancel();
      current = next.toString();
      continue;
    }
    if (response.ok || init.acceptStatuses?.includes(response.status)) {
      return response;
    }
    const body = await readBodyWithin(response, MAX_ERROR_BODY_BYTES)
      .then(buffer => buffer.toString('utf8'))
      .catch(() => '');
    throw new UpstreamFailure({
      kind: 'status',
      status: response.status,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      message: `HTTP ${response.status}${summariseBody(body)}`,
    });
  }
  throw new UpstreamFailure({
    kind: 'redirect',
    message: `more than ${MAX_REDIRECTS} redirects`,
  });
}

/** The upstream's own error message, short, when its body has one. */
function summariseBody(body: string): string {
  if (!body) {
    return '';
  }
  let text = body;
  try {
    const parsed = JSON.parse(body);
    text =
      typeof parsed === 'string'
        ? parsed
        : parsed?.message ?? parsed?.error ?? '';
    if (typeof text !== 'string') {
      text = JSON.stringify(text);
    }
  } catch {
    text = body.startsWith('<') ? '' : body;
  }
  text = text.trim().slice(0, 200);
  return text ? `: ${text}` : '';
}

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

import { parseRetryAfter } from '../resilience/parseRetryAfter';
import { UpstreamFailure } from '../resilience/UpstreamFailure';
import { readBodyWithin } from './readBodyWithin';
import {
  isCertificateError,
  upstreamAgent,
  upstreamWatchAgent,
  UpstreamTls,
} from './upstreamAgents';

const MAX_REDIRECTS = 5;

/** Enough of an error body for its message; the rest is not read. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * `fetch` that follows redirects only within the origin of the first URL, so
 * credentials are never sent to another host. Non-2xx answers other than
 * `acceptStatuses` become an `UpstreamFailure` carrying `Retry-After`.
 * `tls` is the upstream's own trust (its CA, or no verification).
 */
export async function fetchWithinOrigin(
  url: string,
  init: RequestInit & {
    acceptStatuses?: number[];
    tls?: UpstreamTls;
    /** 'watch': a long-lived stream, kept off the pool requests share. */
    pool?: 'request' | 'watch';
  },
): Promise<Response> {
  const { acceptStatuses, tls, pool, ...requestInit } = init;
  const dispatcher =
    pool === 'watch' ? upstreamWatchAgent(tls) : upstreamAgent(tls);
  const origin = new URL(url).origin;
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    let response: Response;
    try {
      response = await fetch(current, {
        ...requestInit,
        redirect: 'manual',
        dispatcher,
      } as RequestInit);
    } catch (error) {
      if (init.signal?.aborted) {
        throw error;
      }
      const cause = (error as { cause?: { code?: string; message?: string } })
        .cause;
      if (isCertificateError(cause?.code)) {
        throw new UpstreamFailure({
          kind: 'tls',
          message: `${cause!.code}: ${cause!.message ?? 'certificate refused'}`,
        });
      }
      throw new UpstreamFailure({
        kind: 'network',
        message:
          cause?.code ??
          cause?.message ??
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
    if (response.ok || acceptStatuses?.includes(response.status)) {
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

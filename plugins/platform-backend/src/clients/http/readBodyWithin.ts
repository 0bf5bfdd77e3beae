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

import { UpstreamFailure } from '../resilience/UpstreamFailure';

/**
 * Reads a response body up to `maxBytes` and refuses anything longer, so a
 * runaway upstream cannot make the portal buffer it whole: a declared
 * Content-Length over the limit is refused before reading, and a chunked
 * body is cancelled as soon as it passes the limit.
 */
export async function readBodyWithin(
  response: Response,
  maxBytes: number,
): Promise<Buffer> {
  const tooLarge = () =>
    new UpstreamFailure({
      kind: 'too-large',
      message: `response larger than the ${maxBytes}-byte limit`,
    });
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    // Not awaited: a peer that stops reading must not hold the caller up.
    response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) {
    return Buffer.alloc(0);
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    total += value.byteLength;
    if (total > maxBytes) {
      reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** Parses an upstream's JSON, naming a broken body as such rather than as a network error. */
export function parseUpstreamJson<T>(text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new UpstreamFailure({
      kind: 'malformed',
      message: `malformed JSON (${(error as Error).message})`,
    });
  }
}

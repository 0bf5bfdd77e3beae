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

import { createHash } from 'node:crypto';

/**
 * The search API's continuation as Nexus's Elasticsearch search writes it
 * (`TokenEncoder` and `ElasticSearchServiceImpl.continuationToken` in
 * nexus-public release-3.77.1-01): the token is the hex of
 * `<next offset>:<md5 of the query>`, and it is left out only when a page
 * comes back short, so a list that fills its last page exactly ends with
 * one more, empty page.
 */
export function encodeSearchToken(query: string, nextOffset: number): string {
  const hash = createHash('md5').update(query).digest('hex');
  return Buffer.from(`${nextOffset}:${hash}`, 'utf8').toString('hex');
}

/** The offset a token stands for; undefined when it is not this query's (Nexus answers 406). */
export function decodeSearchToken(query: string, token: string | null): number | undefined {
  if (token === null || token === '') return 0;
  if (!/^([0-9a-f]{2})+$/.test(token)) return undefined;
  const [offset, hash, ...rest] = Buffer.from(token, 'hex').toString('utf8').split(':');
  if (rest.length > 0 || hash !== createHash('md5').update(query).digest('hex')) return undefined;
  const from = Number.parseInt(offset, 10);
  return Number.isFinite(from) && from >= 0 ? from : undefined;
}

export function searchPage<T>(query: string, items: T[], offset: number, size: number) {
  const slice = items.slice(offset, offset + size);
  return { items: slice, continuationToken: slice.length === size ? encodeSearchToken(query, offset + size) : null };
}

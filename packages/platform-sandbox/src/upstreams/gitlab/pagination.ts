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

import { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_PER_PAGE, MAX_COUNT_LIMIT, MAX_PER_PAGE } from './assumptions';
import { sendJson } from '../shared/http';

/** `page` and `per_page` as GitLab reads them: invalid values fall back to defaults. */
export function readPageParams(query: URLSearchParams): { page: number; perPage: number } {
  const page = Number.parseInt(query.get('page') ?? '', 10);
  const perPage = Number.parseInt(query.get('per_page') ?? '', 10);
  return {
    page: Number.isFinite(page) && page >= 1 ? page : 1,
    perPage: Number.isFinite(perPage) && perPage >= 1 ? Math.min(perPage, MAX_PER_PAGE) : DEFAULT_PER_PAGE,
  };
}

/** The absolute URL the client used, so Link headers point back at the same mount. */
export function requestUrl(req: IncomingMessage): URL {
  const proto = String(req.headers['x-forwarded-proto'] ?? 'http').split(',')[0];
  return new URL(req.url ?? '/', `${proto}://${req.headers.host ?? '127.0.0.1'}`);
}

function linkTo(base: URL, params: Record<string, string>): string {
  const url = new URL(base.toString());
  for (const [key, value] of Object.entries(params)) {
    url.searchParams.set(key, value);
  }
  return url.toString();
}

/**
 * Sends one page of an offset-paginated list with GitLab's `x-*` headers and
 * a `Link` header (gitbeaker follows `rel="next"`, not `x-next-page`), as
 * `Gitlab::Pagination::OffsetPagination` and `OffsetHeaderBuilder` build them:
 * past Kaminari's count limit the relation is paginated without a count, so
 * `x-total`, `x-total-pages` and `rel="last"` are left out; a page past the
 * end has neither a previous nor a next page (Kaminari's `out_of_range?`).
 */
export function sendOffsetPage<T>(
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
  items: T[],
  render: (item: T) => unknown,
): void {
  const { page, perPage } = readPageParams(query);
  const total = items.length;
  const withoutCount = total > MAX_COUNT_LIMIT;
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const outOfRange = page > totalPages;
  const prevPage = page > 1 && !outOfRange ? page - 1 : undefined;
  const nextPage = page < totalPages ? page + 1 : undefined;
  const base = requestUrl(req);
  const perPageText = String(perPage);
  const links: string[] = [];
  if (prevPage) links.push(`<${linkTo(base, { page: String(prevPage), per_page: perPageText })}>; rel="prev"`);
  if (nextPage) links.push(`<${linkTo(base, { page: String(nextPage), per_page: perPageText })}>; rel="next"`);
  links.push(`<${linkTo(base, { page: '1', per_page: perPageText })}>; rel="first"`);
  if (!withoutCount) {
    links.push(`<${linkTo(base, { page: String(totalPages), per_page: perPageText })}>; rel="last"`);
  }
  sendJson(res, 200, slice.map(render), {
    'X-Per-Page': perPageText,
    'X-Page': String(page),
    'X-Next-Page': nextPage ? String(nextPage) : '',
    'X-Prev-Page': prevPage ? String(prevPage) : '',
    Link: links.join(', '),
    ...(withoutCount ? {} : { 'X-Total': String(total), 'X-Total-Pages': String(totalPages) }),
  });
}

/**
 * Sends one page of a keyset-paginated list ordered by id: only a `Link`
 * rel="next" header, no totals and no `x-next-page`.
 */
export function sendKeysetPage<T extends { id: number }>(
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
  items: T[],
  render: (item: T) => unknown,
): void {
  const { perPage } = readPageParams(query);
  const descending = query.get('sort') === 'desc';
  const idAfter = Number.parseInt(query.get('id_after') ?? '', 10);
  const idBefore = Number.parseInt(query.get('id_before') ?? '', 10);
  const ordered = [...items].sort((a, b) => (descending ? b.id - a.id : a.id - b.id));
  const remaining = ordered.filter(item => {
    if (!descending && Number.isFinite(idAfter)) return item.id > idAfter;
    if (descending && Number.isFinite(idBefore)) return item.id < idBefore;
    return true;
  });
  const slice = remaining.slice(0, perPage);
  const headers: Record<string, string> = { 'X-Per-Page': String(perPage) };
  if (remaining.length > perPage) {
    const last = slice[slice.length - 1].id;
    const base = requestUrl(req);
    base.searchParams.delete(descending ? 'id_after' : 'id_before');
    headers.Link = `<${linkTo(base, {
      [descending ? 'id_before' : 'id_after']: String(last),
      per_page: String(perPage),
    })}>; rel="next"`;
  }
  sendJson(res, 200, slice.map(render), headers);
}

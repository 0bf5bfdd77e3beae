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

import { Dashboard, Folder, slugify } from './dashboards';
import { SEARCH_DEFAULT_LIMIT, SEARCH_MAX_LIMIT } from './assumptions';

/** `/api/search` hits: folders and dashboards in Grafana's hit shape, filtered and paged. */
export function searchHits(folders: Folder[], dashboards: Dashboard[], query: URLSearchParams): unknown[] {
  const folderHit = (f: Folder) => ({
    id: 1000 + folders.indexOf(f),
    uid: f.uid,
    orgId: 1,
    title: f.title,
    uri: `db/${slugify(f.title)}`,
    url: `/dashboards/f/${f.uid}/${slugify(f.title)}`,
    slug: '',
    type: 'dash-folder',
    tags: [],
    isStarred: false,
    sortMeta: 0,
  });
  const dashboardHit = (d: Dashboard) => ({
    id: d.id,
    uid: d.uid,
    orgId: 1,
    title: d.title,
    uri: `db/${slugify(d.title)}`,
    url: `/d/${d.uid}/${slugify(d.title)}`,
    slug: '',
    type: 'dash-db',
    tags: d.tags,
    isStarred: false,
    folderId: 1000 + folders.indexOf(d.folder),
    folderUid: d.folder.uid,
    folderTitle: d.folder.title,
    folderUrl: `/dashboards/f/${d.folder.uid}/${slugify(d.folder.title)}`,
    sortMeta: 0,
  });

    const type = query.get('type');
    const text = query.get('query')?.toLowerCase();
    const tags = query.getAll('tag');
    const list = (name: string) => query.getAll(name).flatMap(v => v.split(',')).filter(Boolean);
    const folderUids = list('folderUIDs');
    const dashboardUids = list('dashboardUIDs');
    if (query.get('starred') === 'true') {
      // Service accounts have no stars.
      return [];
    }
    const parsedLimit = Number.parseInt(query.get('limit') ?? '', 10);
    const limit = parsedLimit > 0 ? Math.min(parsedLimit, SEARCH_MAX_LIMIT) : SEARCH_DEFAULT_LIMIT;
    const parsedPage = Number.parseInt(query.get('page') ?? '', 10);
    const page = parsedPage > 0 ? parsedPage : 1;
    const matchesText = (title: string) => !text || title.toLowerCase().includes(text);
    const folderHits =
      (type === null || type === 'dash-folder') && tags.length === 0 && dashboardUids.length === 0
        ? folders.filter(f => matchesText(f.title) && folderUids.length === 0).map(folderHit)
        : [];
    const dashboardHits =
      type === null || type === 'dash-db'
        ? dashboards
            .filter(d => matchesText(d.title))
            .filter(d => tags.every(t => d.tags.includes(t)))
            .filter(d => folderUids.length === 0 || folderUids.includes(d.folder.uid))
            .filter(d => dashboardUids.length === 0 || dashboardUids.includes(d.uid))
            .sort((a, b) => a.title.localeCompare(b.title))
            .map(dashboardHit)
        : [];
    const hits = [...folderHits.sort((a, b) => a.title.localeCompare(b.title)), ...dashboardHits];
    return hits.slice((page - 1) * limit, page * limit);
}

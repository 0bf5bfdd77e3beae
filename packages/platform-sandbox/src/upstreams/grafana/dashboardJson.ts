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

/** `/api/dashboards/uid/:uid` body: the dashboard JSON and its meta. */
export function dashboardJson(d: Dashboard, folders: Folder[]) {
  const slug = slugify(d.title);
  return {
    dashboard: {
      id: d.id,
      uid: d.uid,
      title: d.title,
      tags: d.tags,
      timezone: 'browser',
      schemaVersion: 39,
      version: d.version,
      time: { from: 'now-6h', to: 'now' },
      templating: {
        list: [
          { name: 'datasource', type: 'datasource', query: 'prometheus' },
          { name: 'cluster', type: 'query', query: 'label_values(up, cluster)', multi: true, includeAll: true },
        ],
      },
      panels: [
        { id: 1, type: 'timeseries', title: d.title, gridPos: { h: 8, w: 24, x: 0, y: 0 }, datasource: { type: 'prometheus', uid: 'mimir' }, targets: [{ refId: 'A', expr: d.expr }] },
      ],
    },
    meta: {
      type: 'db',
      canSave: true,
      canEdit: true,
      canAdmin: true,
      canStar: false,
      canDelete: true,
      slug,
      url: `/d/${d.uid}/${slug}`,
      expires: '0001-01-01T00:00:00Z',
      created: '2026-01-10T09:00:00Z',
      updated: '2026-06-01T09:00:00Z',
      updatedBy: 'admin',
      createdBy: 'admin',
      version: d.version,
      hasAcl: false,
      isFolder: false,
      folderId: 1000 + folders.indexOf(d.folder),
      folderUid: d.folder.uid,
      folderTitle: d.folder.title,
      folderUrl: `/dashboards/f/${d.folder.uid}/${slugify(d.folder.title)}`,
      provisioned: true,
      provisionedExternalId: `${d.uid}.json`,
    },
  };
}

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
import { applyBehaviour } from '../../control/applyBehaviour';
import { alertFor } from '../alerts/alertInstances';
import { FaultTimeline } from '../alerts/FaultTimeline';
import { gettableAlerts, parseAlertQuery } from '../alerts/gettableAlerts';
import { bearerToken, sameSecret } from '../shared/auth';
import { parsePath, sendJson } from '../shared/http';
import { findRoute, Route } from '../shared/router';
import { UpstreamContext, UpstreamSimulator } from '../types';
import { renderAlertsList, renderRuleGroups, provisionedRules } from './alerting';
import {
  GRAFANA_VERSION,
  INVALID_TOKEN_BODY,
  SEARCH_DEFAULT_LIMIT,
  SEARCH_MAX_LIMIT,
  UNAUTHORIZED_BODY,
} from './assumptions';
import { buildDashboards, Dashboard, Folder, slugify } from './dashboards';

interface GrafanaScope {
  res: ServerResponse;
  query: URLSearchParams;
}

function writeGrafanaError(res: ServerResponse, status: number): void {
  sendJson(res, status, { message: status >= 500 ? 'Internal Server Error' : 'Request failed', statusCode: status });
}

/** Grafana's HTTP API (search, dashboards, unified alerting), fleet-wide, mounted at `/grafana`. */
export function createGrafanaSimulator(ctx: UpstreamContext): UpstreamSimulator {
  const { folders, dashboards } = buildDashboards(ctx.fleet);
  const timeline = new FaultTimeline(ctx);

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

  function search({ res, query }: GrafanaScope): void {
    const type = query.get('type');
    const text = query.get('query')?.toLowerCase();
    const tags = query.getAll('tag');
    const list = (name: string) => query.getAll(name).flatMap(v => v.split(',')).filter(Boolean);
    const folderUids = list('folderUIDs');
    const dashboardUids = list('dashboardUIDs');
    if (query.get('starred') === 'true') {
      // Service accounts have no stars.
      sendJson(res, 200, []);
      return;
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
    sendJson(res, 200, hits.slice((page - 1) * limit, page * limit));
  }

  function dashboardByUid({ res }: GrafanaScope, params: Record<string, string>): void {
    const d = dashboards.find(x => x.uid === params.uid);
    if (!d) {
      sendJson(res, 404, { message: 'Dashboard not found' });
      return;
    }
    const slug = slugify(d.title);
    sendJson(res, 200, {
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
    });
  }

  function amAlerts({ res, query }: GrafanaScope): void {
    const parsed = parseAlertQuery(query);
    if (typeof parsed === 'string') {
      sendJson(res, 400, parsed);
      return;
    }
    const now = ctx.clock.now();
    const instances = timeline.active().map(f => alertFor(f, ctx.fleet));
    sendJson(res, 200, gettableAlerts(instances, parsed, now));
  }

  const routes: Route<GrafanaScope>[] = [
    { method: 'GET', pattern: '/api/search', handle: search },
    { method: 'GET', pattern: '/api/dashboards/uid/:uid', handle: dashboardByUid },
    {
      method: 'GET',
      pattern: '/api/folders',
      handle: ({ res }) => sendJson(res, 200, folders.map((f, i) => ({ id: 1000 + i, uid: f.uid, title: f.title }))),
    },
    {
      method: 'GET',
      pattern: '/api/datasources',
      handle: ({ res }) =>
        sendJson(res, 200, [
          { id: 1, uid: 'mimir', orgId: 1, name: 'Mimir', type: 'prometheus', access: 'proxy', url: 'http://mimir-query-frontend:8080/prometheus', isDefault: true },
          { id: 2, uid: 'loki', orgId: 1, name: 'Loki', type: 'loki', access: 'proxy', url: 'http://loki-gateway', isDefault: false },
          { id: 3, uid: 'tempo', orgId: 1, name: 'Tempo', type: 'tempo', access: 'proxy', url: 'http://tempo-query-frontend:3200', isDefault: false },
        ]),
    },
    {
      method: 'GET',
      pattern: '/api/prometheus/grafana/api/v1/rules',
      handle: ({ res }) => sendJson(res, 200, renderRuleGroups(timeline.active(), ctx.fleet, ctx.clock.now())),
    },
    {
      method: 'GET',
      pattern: '/api/prometheus/grafana/api/v1/alerts',
      handle: ({ res }) => sendJson(res, 200, renderAlertsList(timeline.active(), ctx.fleet)),
    },
    { method: 'GET', pattern: '/api/alertmanager/grafana/api/v2/alerts', handle: amAlerts },
    {
      method: 'GET',
      pattern: '/api/v1/provisioning/alert-rules',
      handle: ({ res }) => sendJson(res, 200, provisionedRules(ctx.fleet)),
    },
    {
      method: 'GET',
      pattern: '/api/v1/provisioning/alert-rules/:uid',
      handle: ({ res }, params) => {
        const rule = provisionedRules(ctx.fleet).find(r => r.uid === params.uid);
        if (rule) sendJson(res, 200, rule);
        else sendJson(res, 404, { message: 'could not find alert rule', statusCode: 404 });
      },
    },
  ];

  async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    const proceed = await applyBehaviour(ctx.control, req, res, {
      upstream: 'grafana',
      cluster: '*',
      verb: method,
      writeError: writeGrafanaError,
    });
    if (!proceed) return;
    const { segments, query } = parsePath(path);
    if (method === 'GET' && segments.join('/') === 'api/health') {
      sendJson(res, 200, { commit: GRAFANA_VERSION.commit, database: 'ok', version: GRAFANA_VERSION.version });
      return;
    }
    const token = bearerToken(req);
    if (!token) {
      sendJson(res, 401, UNAUTHORIZED_BODY);
      return;
    }
    if (!sameSecret(token, ctx.credentials.grafanaToken)) {
      sendJson(res, 401, INVALID_TOKEN_BODY);
      return;
    }
    const found = findRoute(routes, method, segments);
    if (!('route' in found)) {
      sendJson(res, found.pathExists ? 405 : 404, { message: found.pathExists ? 'Method Not Allowed' : 'Not found' });
      return;
    }
    await found.route.handle({ res, query }, found.params);
  }

  return { id: 'grafana', mount: 'grafana', perCluster: false, handle, close: () => timeline.close() };
}

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
import { grafanaAlertsList, grafanaRuleGroups, provisionedRules } from './alerting';
import { GRAFANA_VERSION, INVALID_TOKEN_BODY, UNAUTHORIZED_BODY } from './assumptions';
import { buildDashboards } from './dashboards';
import { dashboardJson } from './dashboardJson';
import { searchHits } from './search';
import { sendUiPage } from './uiPage';

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

  function search({ res, query }: GrafanaScope): void {
    sendJson(res, 200, searchHits(folders, dashboards, query));
  }

  function dashboardByUid({ res }: GrafanaScope, params: Record<string, string>): void {
    const d = dashboards.find(x => x.uid === params.uid);
    if (d) sendJson(res, 200, dashboardJson(d, folders));
    else sendJson(res, 404, { message: 'Dashboard not found' });
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
      handle: ({ res }) => sendJson(res, 200, grafanaRuleGroups(timeline.active(), ctx.fleet, ctx.clock.now())),
    },
    {
      method: 'GET',
      pattern: '/api/prometheus/grafana/api/v1/alerts',
      handle: ({ res }) => sendJson(res, 200, grafanaAlertsList(timeline.active(), ctx.fleet)),
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
    // Browser pages, which a signed-in user would see; the API below needs a token.
    if (method === 'GET' && (segments[0] === 'explore' || segments[0] === 'd')) {
      sendUiPage(res, segments, query);
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

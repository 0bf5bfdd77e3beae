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
import { gettableAlerts, parseAlertQuery, receiverFor } from '../alerts/gettableAlerts';
import { compileMatcher, parseMatcher } from '../alerts/matchers';
import { parsePath, readBody, readParams, sendJson, sendText } from '../shared/http';
import { UpstreamContext, UpstreamSimulator } from '../types';
import { ALREADY_EXPIRED_STATUS, alreadyExpired, invalidAlerts, malformedAlerts, SILENCE_NOT_FOUND } from './assumptions';
import { PostedAlertStore } from './postedAlerts';
import { SilenceStore } from './silences';

const VERSION_INFO = {
  version: '0.28.1',
  revision: 'b2099eaa2c9ebc25edb26517cb9c732738e93910',
  branch: 'HEAD',
  buildUser: 'root@fa3ca569dfe4',
  buildDate: '20250307-15:05:18',
  goVersion: 'go1.23.7',
};

const CONFIG = `route:
  receiver: platform-team
  group_by: [alertname, cluster]
  routes:
    - matchers: [severity="critical"]
      receiver: platform-oncall
receivers:
  - name: platform-team
  - name: platform-oncall
`;

/** Alertmanager API v2, fleet-wide, mounted at `/alertmanager`, alerts fed by the fleet's faults. */
export function createAlertmanagerSimulator(ctx: UpstreamContext): UpstreamSimulator {
  const timeline = new FaultTimeline(ctx);
  const silences = new SilenceStore(ctx.clock);
  const posted = new PostedAlertStore();
  const startedAt = ctx.clock.now();

  function alerts(res: ServerResponse, query: URLSearchParams) {
    const parsed = parseAlertQuery(query);
    if (typeof parsed === 'string') {
      sendJson(res, 400, parsed);
      return undefined;
    }
    const now = ctx.clock.now();
    const instances = [...timeline.active().map(f => alertFor(f, ctx.fleet)), ...posted.active(now)];
    return gettableAlerts(instances, parsed, now, silences.list());
  }

  async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    const proceed = await applyBehaviour(ctx.control, req, res, {
      upstream: 'alertmanager',
      cluster: '*',
      verb: method,
      writeError: (r, status) => sendJson(r, status, `simulated failure (HTTP ${status})`),
    });
    if (!proceed) return;
    const { segments, query } = parsePath(path);
    const route = segments.join('/');
    if (route === '-/ready' || route === '-/healthy') {
      sendText(res, 200, 'OK');
    } else if (route === 'api/v2/alerts' && method === 'GET') {
      const list = alerts(res, query);
      if (list) sendJson(res, 200, list);
    } else if (route === 'api/v2/alerts' && method === 'POST') {
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req));
      } catch (error) {
        sendJson(res, 400, malformedAlerts(String((error as Error).message)));
        return;
      }
      const result = posted.post(body, ctx.clock.now());
      if ('malformed' in result) sendJson(res, 400, malformedAlerts(result.malformed));
      else if (result.errors.length > 0) sendJson(res, 400, invalidAlerts(result.errors));
      else sendText(res, 200, '');
    } else if (route === 'api/v2/alerts/groups' && method === 'GET') {
      const list = alerts(res, query);
      if (!list) return;
      type Alert = (typeof list)[number];
      const groups = new Map<string, { labels: Record<string, string>; receiver: { name: string }; alerts: Alert[] }>();
      for (const alert of list) {
        const labels = { alertname: alert.labels.alertname, cluster: alert.labels.cluster };
        const key = JSON.stringify(labels);
        const group = groups.get(key) ?? { labels, receiver: { name: receiverFor(alert.labels) }, alerts: [] as Alert[] };
        group.alerts.push(alert);
        groups.set(key, group);
      }
      sendJson(res, 200, [...groups.values()]);
    } else if (route === 'api/v2/silences' && method === 'GET') {
      const filters: Array<(labels: Record<string, string>) => boolean> = [];
      for (const text of query.getAll('filter')) {
        const m = parseMatcher(text);
        const compiled = m && compileMatcher(m);
        if (!compiled) {
          sendJson(res, 400, `bad matcher format: ${text}`);
          return;
        }
        filters.push(compiled);
      }
      const list = silences
        .list()
        .filter(s => filters.every(f => f(Object.fromEntries(s.matchers.filter(m => m.isEqual && !m.isRegex).map(m => [m.name, m.value])))))
        .map(s => silences.render(s));
      sendJson(res, 200, list);
    } else if (route === 'api/v2/silences' && method === 'POST') {
      const body = await readParams(req);
      if (!body) {
        sendJson(res, 400, 'parsing silence body failed');
        return;
      }
      const result = silences.upsert(body);
      if ('error' in result) sendJson(res, result.status, result.error);
      else sendJson(res, 200, { silenceID: result.id });
    } else if (segments[0] === 'api' && segments[1] === 'v2' && segments[2] === 'silence' && segments.length === 4) {
      const id = segments[3];
      if (method === 'GET') {
        const silence = silences.get(id);
        if (silence) sendJson(res, 200, silences.render(silence));
        else sendJson(res, 404, SILENCE_NOT_FOUND);
      } else if (method === 'DELETE') {
        const outcome = silences.expire(id);
        if (outcome === 'ok') sendJson(res, 200, null);
        else if (outcome === 'not-found') sendJson(res, 404, SILENCE_NOT_FOUND);
        else sendJson(res, ALREADY_EXPIRED_STATUS, alreadyExpired(id));
      } else {
        sendJson(res, 405, 'method not allowed');
      }
    } else if (route === 'api/v2/status' && method === 'GET') {
      const uptime = startedAt.toISOString();
      sendJson(res, 200, {
        cluster: { name: '01JSANDBOXALERTMANAGER0000', status: 'ready', peers: [{ name: '01JSANDBOXALERTMANAGER0000', address: '10.42.0.30:9094' }] },
        versionInfo: VERSION_INFO,
        config: { original: CONFIG },
        uptime,
      });
    } else if (route === 'api/v2/receivers' && method === 'GET') {
      sendJson(res, 200, [{ name: 'platform-team' }, { name: 'platform-oncall' }]);
    } else {
      sendText(res, 404, '404 page not found\n');
    }
  }

  return { id: 'alertmanager', mount: 'alertmanager', perCluster: false, handle, close: () => timeline.close() };
}

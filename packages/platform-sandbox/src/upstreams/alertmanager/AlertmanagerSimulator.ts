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
import {
  alertFilter,
  gettableAlerts,
  parseAlertQuery,
} from '../alerts/gettableAlerts';
import {
  parsePath,
  readBody,
  sendEmpty,
  sendJson,
  sendText,
} from '../shared/http';
import { UpstreamContext, UpstreamSimulator } from '../types';
import {
  invalidAlerts,
  malformedAlerts,
  notAUuid,
  SILENCE_NOT_FOUND,
  UUID,
} from './assumptions';
import { goJsonError } from './goErrors';
import { sortedGroups } from './groups';
import { bindPostableSilence } from './postableSilence';
import { PostedAlertStore } from './postedAlerts';
import { CONFIG_ORIGINAL, inhibitedBy, RECEIVERS } from './routing';
import { SilenceStore } from './silences';

const VERSION_INFO = {
  version: '0.28.1',
  revision: 'b2099eaa2c9ebc25edb26517cb9c732738e93910',
  branch: 'HEAD',
  buildUser: 'root@fa3ca569dfe4',
  buildDate: '20250307-15:05:18',
  goVersion: 'go1.23.7',
};

/** The API's routes and their methods: another method answers 405, another path 404, both in go-swagger's envelope. */
const ROUTES: Array<[RegExp, string[]]> = [
  [/^alerts$/, ['GET', 'POST']],
  [/^alerts\/groups$/, ['GET']],
  [/^receivers$/, ['GET']],
  [/^status$/, ['GET']],
  [/^silences$/, ['GET', 'POST']],
  [/^silence\/[^/]+$/, ['DELETE', 'GET']],
];

/** Alertmanager API v2, fleet-wide, mounted at `/alertmanager`, alerts fed by the fleet's faults. */
export function createAlertmanagerSimulator(
  ctx: UpstreamContext,
): UpstreamSimulator {
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
    const instances = [
      ...timeline.active().map(f => alertFor(f, ctx.fleet)),
      ...posted.active(now),
    ];
    return gettableAlerts(instances, parsed, now, silences.list(), inhibitedBy);
  }

  async function postAlerts(req: IncomingMessage, res: ServerResponse) {
    const text = await readBody(req);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      sendJson(res, 400, malformedAlerts(goJsonError(text, error as Error)));
      return;
    }
    const result = posted.post(body, ctx.clock.now());
    if ('malformed' in result)
      sendJson(res, 400, malformedAlerts(result.malformed));
    else if (result.errors.length > 0)
      sendJson(res, 400, invalidAlerts(result.errors));
    else sendEmpty(res, 200);
  }

  function listSilences(res: ServerResponse, query: URLSearchParams) {
    const filters: Array<(labels: Record<string, string>) => boolean> = [];
    for (const text of query.getAll('filter')) {
      const compiled = alertFilter(text);
      if (typeof compiled === 'string') {
        sendJson(res, 400, compiled);
        return;
      }
      filters.push(compiled);
    }
    // Alertmanager matches a filter against each silence's equality matchers read as labels.
    const labelsOf = (s: {
      matchers: Array<{
        name: string;
        value: string;
        isEqual: boolean;
        isRegex: boolean;
      }>;
    }) =>
      Object.fromEntries(
        s.matchers
          .filter(m => m.isEqual && !m.isRegex)
          .map(m => [m.name, m.value]),
      );
    const list = silences
      .list()
      .filter(s => filters.every(f => f(labelsOf(s))))
      .map(s => silences.render(s));
    sendJson(res, 200, list);
  }

  async function postSilence(req: IncomingMessage, res: ServerResponse) {
    const bound = bindPostableSilence(await readBody(req));
    if ('status' in bound) {
      sendJson(res, bound.status, bound.body);
      return;
    }
    const result = silences.upsert(bound);
    if ('error' in result) sendJson(res, result.status, result.error);
    else sendJson(res, 200, { silenceID: result.id });
  }

  function silence(res: ServerResponse, method: string, id: string) {
    if (!UUID.test(id)) sendJson(res, 422, notAUuid(id));
    else if (method === 'DELETE') {
      // Expiring an unknown silence is a 500 in Alertmanager 0.25; an expired one expires again quietly.
      if (silences.expire(id) === 'ok') sendEmpty(res, 200);
      else sendJson(res, 500, SILENCE_NOT_FOUND);
    } else {
      const found = silences.get(id);
      if (found) sendJson(res, 200, silences.render(found));
      else sendEmpty(res, 404);
    }
  }

  async function api(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    route: string,
    query: URLSearchParams,
  ) {
    const known = ROUTES.find(([pattern]) => pattern.test(route));
    if (!known) {
      sendJson(res, 404, {
        code: 404,
        message: `path /api/v2/${route} was not found`,
      });
      return;
    }
    if (!known[1].includes(method)) {
      sendJson(res, 405, {
        code: 405,
        message: `method ${method} is not allowed, but [${known[1].join(
          ',',
        )}] are`,
      });
      return;
    }
    if (route === 'alerts' && method === 'GET') {
      const list = alerts(res, query);
      if (list) sendJson(res, 200, list);
    } else if (route === 'alerts') {
      await postAlerts(req, res);
    } else if (route === 'alerts/groups') {
      const list = alerts(res, query);
      if (list) sendJson(res, 200, sortedGroups(list));
    } else if (route === 'silences' && method === 'GET') {
      listSilences(res, query);
    } else if (route === 'silences') {
      await postSilence(req, res);
    } else if (route.startsWith('silence/')) {
      silence(res, method, route.slice('silence/'.length));
    } else if (route === 'status') {
      sendJson(res, 200, {
        cluster: {
          name: '01JSANDBOXALERTMANAGER0000',
          status: 'ready',
          peers: [
            { name: '01JSANDBOXALERTMANAGER0000', address: '10.42.0.30:9094' },
          ],
        },
        versionInfo: VERSION_INFO,
        config: { original: CONFIG_ORIGINAL },
        uptime: startedAt.toISOString(),
      });
    } else {
      sendJson(
        res,
        200,
        RECEIVERS.map(name => ({ name })),
      );
    }
  }

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
  ): Promise<void> {
    const method = req.method ?? 'GET';
    const proceed = await applyBehaviour(ctx.control, req, res, {
      upstream: 'alertmanager',
      cluster: '*',
      verb: method,
      writeError: (r, status) =>
        sendJson(r, status, `simulated failure (HTTP ${status})`),
    });
    if (!proceed) return;
    const { segments, query } = parsePath(path);
    const route = segments.join('/');
    if (route === '-/ready' || route === '-/healthy') {
      sendText(res, 200, 'OK');
    } else if (segments[0] === 'api' && segments[1] === 'v2') {
      await api(req, res, method, segments.slice(2).join('/'), query);
    } else {
      sendText(res, 404, '404 page not found\n');
    }
  }

  return {
    id: 'alertmanager',
    mount: 'alertmanager',
    perCluster: false,
    handle,
    close: () => timeline.close(),
  };
}

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
import { haproxyBackends, LbBackend } from '../externalLb/loadBalancers';
import { readBody, sendText } from '../shared/http';
import { UpstreamContext, UpstreamSimulator } from '../types';
import { BACKEND_CONDITIONS, HaproxyNode } from './HaproxyNode';
import { BackendCondition } from './serverCheck';
import { renderStatsCsv } from './statsCsv';

/** HAProxy answers errors of its own with a small HTML page. */
function writeHaproxyError(res: ServerResponse, status: number): void {
  const reason = status === 503 ? 'Service Unavailable' : 'Error';
  const body = `<html><body><h1>${status} ${reason}</h1>\nNo server is available to handle this request.\n</body></html>\n`;
  sendText(res, status, body, {
    'Content-Type': 'text/html',
    'Cache-Control': 'no-cache',
  });
}

/**
 * The HAProxy stats page of the load balancer in front of each cluster,
 * mounted at `/haproxy/<cluster>`: `/stats;csv` as the `stats uri` with
 * `;csv` appended.
 */
export function createHaproxySimulator(
  ctx: UpstreamContext,
  options: { topology?: (clusterIndex: number) => LbBackend[] } = {},
): UpstreamSimulator {
  const startedAt = ctx.clock.now().getTime() - 86_400_000;
  const topology = (index: number) =>
    options.topology?.(index) ??
    haproxyBackends(ctx.fleet.clusters[index], index, ctx.control);
  const nodes = new Map<number, HaproxyNode>();
  const nodeOf = (index: number) => {
    let node = nodes.get(index);
    if (!node) {
      node = new HaproxyNode(topology(index), ctx.clock.now().getTime());
      nodes.set(index, node);
    }
    return node;
  };

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    cluster?: string,
  ): Promise<void> {
    const proceed = await applyBehaviour(ctx.control, req, res, {
      upstream: 'haproxy',
      cluster: cluster ?? '*',
      verb: req.method ?? 'GET',
      writeError: writeHaproxyError,
    });
    if (!proceed) return;
    const index = ctx.fleet.clusters.findIndex(c => c.name === cluster);
    const pathname = path.split('?')[0];
    const now = ctx.clock.now().getTime();
    if (index !== -1 && req.method === 'POST' && pathname === '/runtime') {
      // The runtime API (HAProxy's stats socket) over HTTP: one command a request, answered as the socket does.
      sendText(res, 200, nodeOf(index).runtime(await readBody(req), now));
      return;
    }
    const condition = /^\/servers\/([^/]+)\/([^/]+)\/condition$/.exec(pathname);
    if (index !== -1 && req.method === 'PUT' && condition) {
      // Sandbox only: what the server behind HAProxy does (stopped, slow, answering 404) from now on.
      const wanted = (await readBody(req)).trim() as BackendCondition;
      const ok =
        BACKEND_CONDITIONS.has(wanted) &&
        nodeOf(index).setCondition(condition[1], condition[2], wanted, now);
      if (ok) sendText(res, 200, `${wanted}\n`);
      else
        sendText(
          res,
          400,
          `unknown server or condition (one of ${[...BACKEND_CONDITIONS].join(
            ', ',
          )})\n`,
        );
      return;
    }
    if (index === -1 || !/^\/stats;csv(;norefresh)?$/.test(pathname)) {
      writeHaproxyError(res, 404);
      return;
    }
    const uptime = (now - startedAt) / 1000;
    const backends = topology(index);
    const node = nodeOf(index);
    node.applyFaults(backends);
    const csv = renderStatsCsv(backends, uptime, node, now);
    sendText(res, 200, csv, {
      'Content-Type': 'text/plain',
      'Cache-Control': 'no-cache',
    });
  }

  return { id: 'haproxy', mount: 'haproxy', perCluster: true, handle };
}

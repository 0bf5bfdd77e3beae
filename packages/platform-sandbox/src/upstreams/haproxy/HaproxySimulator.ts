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
import { haproxyBackends } from '../externalLb/loadBalancers';
import { sendText } from '../shared/http';
import { UpstreamContext, UpstreamSimulator } from '../types';
import { renderStatsCsv } from './statsCsv';

/** HAProxy answers errors of its own with a small HTML page. */
function writeHaproxyError(res: ServerResponse, status: number): void {
  const reason = status === 503 ? 'Service Unavailable' : 'Error';
  const body = `<html><body><h1>${status} ${reason}</h1>\nNo server is available to handle this request.\n</body></html>\n`;
  sendText(res, status, body, { 'Content-Type': 'text/html', 'Cache-Control': 'no-cache' });
}

/**
 * The HAProxy stats page of the load balancer in front of each cluster,
 * mounted at `/haproxy/<cluster>`: `/stats;csv` as the `stats uri` with
 * `;csv` appended.
 */
export function createHaproxySimulator(ctx: UpstreamContext): UpstreamSimulator {
  const startedAt = ctx.clock.now().getTime() - 86_400_000;

  async function handle(req: IncomingMessage, res: ServerResponse, path: string, cluster?: string): Promise<void> {
    const proceed = await applyBehaviour(ctx.control, req, res, {
      upstream: 'haproxy',
      cluster: cluster ?? '*',
      verb: req.method ?? 'GET',
      writeError: writeHaproxyError,
    });
    if (!proceed) return;
    const index = ctx.fleet.clusters.findIndex(c => c.name === cluster);
    const pathname = path.split('?')[0];
    if (index === -1 || !/^\/stats;csv(;norefresh)?$/.test(pathname)) {
      writeHaproxyError(res, 404);
      return;
    }
    const uptime = (ctx.clock.now().getTime() - startedAt) / 1000;
    const csv = renderStatsCsv(haproxyBackends(ctx.fleet.clusters[index], index, ctx.control), uptime);
    sendText(res, 200, csv, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache' });
  }

  return { id: 'haproxy', mount: 'haproxy', perCluster: true, handle };
}

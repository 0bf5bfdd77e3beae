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
import { FaultTimeline } from '../alerts/FaultTimeline';
import { parsePath, sendText } from '../shared/http';
import { checkTenant, writeNoOrgId } from '../shared/tenancy';
import { UpstreamContext, UpstreamSimulator } from '../types';
import { renderExposition } from './exposition';
import { handleQueryApi, writePromError, writePromFailure } from './queryApi';
import { clusterSeries, fleetSeries } from './series';

/**
 * Prometheus, fleet-wide, mounted at `/prometheus`: the query API under
 * `/api/v1`, readiness probes, and `/metrics` (whole fleet) or
 * `/metrics/<cluster>` in text exposition format, for a real Prometheus to
 * scrape with `honor_labels: true`.
 */
export function createPrometheusSimulator(ctx: UpstreamContext): UpstreamSimulator {
  const timeline = new FaultTimeline(ctx);
  async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const proceed = await applyBehaviour(ctx.control, req, res, {
      upstream: 'prometheus',
      cluster: '*',
      verb: req.method ?? 'GET',
      writeError: writePromFailure,
    });
    if (!proceed) return;
    const { segments, query } = parsePath(path);
    const route = segments.join('/');
    const exposition = { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' };
    const now = ctx.clock.now().getTime();
    const index = ctx.fleet.clusters.findIndex(c => c.name === segments[1]);
    if (route === '-/ready') {
      sendText(res, 200, 'Prometheus Server is Ready.\n');
    } else if (route === '-/healthy') {
      sendText(res, 200, 'Prometheus Server is Healthy.\n');
    } else if (route === 'metrics') {
      sendText(res, 200, renderExposition(fleetSeries(ctx), now), exposition);
    } else if (segments[0] === 'metrics' && segments.length === 2 && index !== -1) {
      sendText(res, 200, renderExposition(clusterSeries(ctx, ctx.fleet.clusters[index], index), now), exposition);
    } else if (!(await handleQueryApi(ctx, req, res, segments, query, true, timeline))) {
      sendText(res, 404, '404 page not found\n');
    }
  }
  return { id: 'prometheus', mount: 'prometheus', perCluster: false, handle, close: () => timeline.close() };
}

/**
 * Mimir, fleet-wide, mounted at `/mimir`: the same query API under the
 * `/prometheus` prefix, with `X-Scope-OrgID` required (401 `no org id`).
 * Another tenant sees an empty store.
 */
export function createMimirSimulator(ctx: UpstreamContext): UpstreamSimulator {
  const timeline = new FaultTimeline(ctx);
  async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const proceed = await applyBehaviour(ctx.control, req, res, {
      upstream: 'prometheus',
      cluster: 'mimir',
      verb: req.method ?? 'GET',
      writeError: writePromFailure,
    });
    if (!proceed) return;
    const { segments, query } = parsePath(path);
    const tenant = checkTenant(req, ctx.credentials.tenant);
    if (segments.join('/') === 'ready') {
      sendText(res, 200, 'ready\n');
    } else if (segments[0] !== 'prometheus') {
      sendText(res, 404, '404 page not found\n');
    } else if (tenant === 'missing') {
      writeNoOrgId(res);
    } else if (!(await handleQueryApi(ctx, req, res, segments.slice(1), query, tenant === 'own', timeline))) {
      writePromError(res, 'not_found', 'not found');
    }
  }
  return { id: 'prometheus', mount: 'mimir', perCluster: false, handle, close: () => timeline.close() };
}

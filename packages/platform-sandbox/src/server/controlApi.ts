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
import { ControlState } from '../control/ControlState';
import { SimClock } from '../control/SimClock';
import { SimulatedFleet } from '../fleet/SimulatedFleet';
import { InputError, parseAdvance, parseBehaviour, parseCluster, parseFault, parseFaultId } from './controlInput';

export interface ControlApiOptions {
  control: ControlState;
  clock: SimClock;
  fleet: SimulatedFleet;
  /** Endpoint URLs per cluster and upstream, for GET /clusters and /state. */
  endpoints: () => Record<string, unknown>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError('body', 'is not valid JSON');
  }
}

/** The sandbox's control API (its own port): faults, behaviour, simulated time, counters. */
export function createControlHandler(options: ControlApiOptions) {
  const { control, clock, fleet } = options;
  const clusters = () => fleet.names();
  const clusterView = (name: string) => {
    const spec = fleet.spec(name)!;
    return {
      name,
      provisioner: spec.provisioner,
      environment: spec.environment,
      managementCluster: spec.managementCluster,
      kubernetesVersion: spec.kubernetesVersion,
      faults: control.faults(name),
    };
  };
  const routes: Record<string, (req: IncomingMessage, url: URL) => Promise<[number, unknown]>> = {
    'GET /state': async () => [200, {
      now: clock.now().toISOString(),
      builtClusters: fleet.builtCount(),
      clusters: clusters().map(clusterView),
      behaviour: control.behaviourSettings(),
      counters: { total: control.readCounters().total },
      endpoints: options.endpoints(),
    }],
    'POST /faults': async req => {
      const fault = parseFault(await readJson(req), clusters());
      control.injectFault(fault.cluster, { id: fault.id, ...(fault.target ? { target: fault.target } : {}) });
      return [200, clusterView(fault.cluster)];
    },
    'DELETE /faults': async (_req, url) => {
      const cluster = parseCluster(url.searchParams.get('cluster') ?? undefined, clusters(), false);
      const id = parseFaultId(url.searchParams.get('id') ?? undefined, false);
      control.clearFault(cluster, id);
      return [200, clusterView(cluster)];
    },
    'POST /behaviour': async req => {
      const { selector, patch } = parseBehaviour(await readJson(req), clusters());
      control.setBehaviour(selector, patch);
      return [200, { behaviour: control.behaviourSettings() }];
    },
    'DELETE /behaviour': async () => {
      control.resetBehaviour();
      return [200, { behaviour: [] }];
    },
    'POST /time/advance': async req => {
      const ms = parseAdvance(await readJson(req));
      const now = clock.advance(ms);
      return [200, { now: now.toISOString() }];
    },
    'GET /counters': async () => [200, control.readCounters()],
    'DELETE /counters': async () => {
      control.resetCounters();
      return [200, control.readCounters()];
    },
    'GET /clusters': async () => [200, { clusters: clusters().map(clusterView), endpoints: options.endpoints() }],
  };
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://control.invalid');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const route = routes[`${req.method} ${path}`];
    if (!route) {
      const known = Object.keys(routes).some(r => r.endsWith(` ${path}`));
      send(res, known ? 405 : 404, { error: known ? `method ${req.method} not allowed on ${path}` : `no such control endpoint: ${path}` });
      return;
    }
    try {
      const [status, body] = await route(req, url);
      send(res, status, body);
    } catch (error) {
      if (error instanceof InputError) send(res, 400, { error: error.message, field: error.field });
      else send(res, 500, { error: error instanceof Error ? error.message : String(error) });
    }
  };
}

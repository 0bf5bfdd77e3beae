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
import { SimulatedFleet } from '../fleet/SimulatedFleet';
import { UpstreamSimulator } from '../upstreams/types';

/** Where the Kubernetes APIs were once mounted; a request there learns where they are now. */
const KUBERNETES_MOUNT = 'k8s';

function notFound(res: ServerResponse, message: string): void {
  const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'NotFound', code: 404 });
  res.writeHead(404, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * Routes the simulated APIs by first path segment, `/<mount>[/<cluster>]/...`,
 * to the upstream simulators. Everything else is a 404; the Kubernetes APIs
 * have listeners of their own (ClusterListeners).
 */
export function createApiRouter(fleet: SimulatedFleet, upstreams: UpstreamSimulator[]) {
  const byMount = new Map(upstreams.map(u => [u.mount, u]));
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = req.url ?? '/';
    const queryStart = raw.indexOf('?');
    const pathname = queryStart >= 0 ? raw.slice(0, queryStart) : raw;
    const query = queryStart >= 0 ? raw.slice(queryStart) : '';
    const segments = pathname.split('/');
    const mount = segments[1] ?? '';
    if (mount === KUBERNETES_MOUNT) {
      notFound(res, 'the Kubernetes APIs are served over HTTPS, each cluster on its own port (sandbox.json lists them)');
      return;
    }
    const upstream = byMount.get(mount);
    if (!upstream) {
      notFound(res, `nothing is mounted at /${mount}`);
      return;
    }
    if (upstream.perCluster) {
      const name = decodeURIComponent(segments[2] ?? '');
      if (!fleet.spec(name)) {
        notFound(res, `no simulated cluster "${name}"`);
        return;
      }
      await upstream.handle(req, res, `/${segments.slice(3).join('/')}${query}`, name);
      return;
    }
    await upstream.handle(req, res, `/${segments.slice(2).join('/')}${query}`);
  };
}

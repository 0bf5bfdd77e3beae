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

import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { ControlState } from '../control/ControlState';
import { SimClock } from '../control/SimClock';
import { SimulatedFleet } from '../fleet/SimulatedFleet';
import { FleetSpec } from '../scenario/types';
import { SandboxCredentials, UpstreamContext, UpstreamSimulator } from '../upstreams/types';
import { createApiRouter } from './apiRouter';
import { ClusterListeners } from './clusterListeners';
import { createControlHandler } from './controlApi';
import { generateCredentials } from './credentials';
import { kubeconfigYaml } from './kubeconfig';

export interface StartSandboxOptions {
  fleet: FleetSpec;
  /** Loopback only; anything else is refused. */
  host?: '127.0.0.1';
  /** Port of the simulated APIs; 0 picks a free one. */
  port?: number;
  /** Port of the control API; 0 picks a free one. */
  controlPort?: number;
  /** The part-2 simulators to mount; may be empty. */
  upstreams?: (ctx: UpstreamContext) => UpstreamSimulator[];
  /** Tick simulated controllers in real time (default true; tests pass false and advance time). */
  realTimeTicks?: boolean;
  /** How often watches with allowWatchBookmarks get a BOOKMARK (real ms, default 60 s). */
  bookmarkIntervalMs?: number;
  /**
   * Upstream's published OpenAPI v3 documents (`api/openapi-spec/v3` of
   * k8s.io/kubernetes), served for the built-in groups so `kubectl explain`
   * finds their schemas; without it the documents carry no schemas.
   */
  openApiSpecDir?: string;
  control?: ControlState;
  clock?: SimClock;
}

export interface SandboxClusterEndpoint {
  name: string;
  /** Kubernetes API URL, e.g. https://127.0.0.1:41234 */
  kubernetesUrl: string;
}

export interface Sandbox {
  /** Base URL of the simulated APIs, e.g. http://127.0.0.1:7100 */
  url: string;
  /** Base URL of the control API, e.g. http://127.0.0.1:7101 */
  controlUrl: string;
  credentials: SandboxCredentials;
  fleetSpec: FleetSpec;
  fleet: SimulatedFleet;
  control: ControlState;
  clock: SimClock;
  upstreams: UpstreamSimulator[];
  clusters: SandboxClusterEndpoint[];
  kubernetesUrl(cluster: string): string;
  /** PEM of the cluster's own CA, which signed its API server's certificate. */
  caData(cluster: string): string;
  /**
   * A kubeconfig with one context per cluster, using each cluster's admin
   * token (or `reader`), each trusting its cluster's CA.
   */
  kubeconfig(role?: 'admin' | 'reader'): string;
  stop(): Promise<void>;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function trackSockets(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return sockets;
}

function close(server: Server, sockets: Set<Socket>): Promise<void> {
  return new Promise(resolve => {
    for (const socket of sockets) socket.destroy();
    server.close(() => resolve());
  });
}

function guarded(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {
  return (req: IncomingMessage, res: ServerResponse) => {
    handler(req, res).catch(error => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
      } else {
        res.end();
      }
    });
  };
}

/** Seeds the control state with the faults the scenario starts with. */
export function seedFaults(control: ControlState, fleet: FleetSpec): void {
  for (const cluster of fleet.clusters) {
    for (const fault of cluster.faults) control.injectFault(cluster.name, fault);
  }
}

/**
 * Starts the sandbox on loopback: each cluster's Kubernetes API over HTTPS on
 * a port of its own with its own CA, one HTTP server for the upstream
 * simulators under their mounts, and a separate control API server.
 */
export async function startSandbox(options: StartSandboxOptions): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error('the sandbox listens on 127.0.0.1 only');
  const control = options.control ?? new ControlState();
  const clock = options.clock ?? new SimClock();
  const credentials = generateCredentials(options.fleet);
  seedFaults(control, options.fleet);

  const apiServer = createServer();
  const controlServer = createServer();
  const apiSockets = trackSockets(apiServer);
  const controlSockets = trackSockets(controlServer);
  const port = await listen(apiServer, host, options.port ?? 0);
  const url = `http://${host}:${port}`;
  // The fleet needs the listeners' ports; the listeners answer for it once it exists.
  const built: { fleet?: SimulatedFleet } = {};
  const listeners = new ClusterListeners(host, (cluster, request, response) =>
    guarded(async (req, res) => {
      const runtime = built.fleet?.cluster(cluster);
      if (runtime) await runtime.api.handle(req, res, req.url ?? '/');
      else res.writeHead(404).end();
    })(request, response),
  );
  try {
    await listeners.start(options.fleet.clusters.map(c => c.name));
  } catch (error) {
    await close(apiServer, apiSockets);
    throw error;
  }
  const kubernetesUrl = (cluster: string) => `https://${host}:${listeners.port(cluster)}`;
  const caData = (cluster: string) => listeners.certificates(cluster).ca;
  const kubeconfigFor = (names: string[], role: 'admin' | 'reader') =>
    kubeconfigYaml(
      names.map(name => ({
        name,
        url: kubernetesUrl(name),
        token: credentials.kubernetes[name][role],
        user: role,
        certificateAuthority: caData(name),
      })),
    );

  const clusters = options.fleet.clusters.map(c => ({ name: c.name, kubernetesUrl: kubernetesUrl(c.name) }));
  const fleet = new SimulatedFleet({
    fleet: options.fleet,
    control,
    clock,
    credentials,
    endpointFor: cluster => ({ url: kubernetesUrl(cluster), serverAddress: `${host}:${listeners.port(cluster)}`, prefix: '' }),
    kubeconfigFor: cluster => kubeconfigFor([cluster], 'admin'),
    bookmarkIntervalMs: options.bookmarkIntervalMs,
    openApiSpecDir: options.openApiSpecDir,
    onClusterDeclared: spec => clusters.push({ name: spec.name, kubernetesUrl: kubernetesUrl(spec.name) }),
  });
  built.fleet = fleet;
  const pods = (cluster: string) => fleet.built(cluster)?.store.list('pods') ?? [];
  const upstreams = options.upstreams?.({ fleet: options.fleet, control, clock, credentials, pods }) ?? [];
  const endpoints = () => ({
    api: url,
    kubernetes: Object.fromEntries(clusters.map(c => [c.name, c.kubernetesUrl])),
    upstreams: Object.fromEntries(upstreams.map(u => [u.mount, u.perCluster ? `${url}/${u.mount}/<cluster>` : `${url}/${u.mount}`])),
  });
  apiServer.on('request', guarded(createApiRouter(fleet, upstreams)));
  controlServer.on('request', guarded(createControlHandler({ control, clock, fleet, endpoints })));
  let controlPort: number;
  try {
    controlPort = await listen(controlServer, host, options.controlPort ?? 0);
  } catch (error) {
    await close(apiServer, apiSockets);
    await listeners.close();
    throw error;
  }
  if (options.realTimeTicks !== false) clock.start();

  return {
    url,
    controlUrl: `http://${host}:${controlPort}`,
    credentials,
    fleetSpec: options.fleet,
    fleet,
    control,
    clock,
    upstreams,
    clusters,
    kubernetesUrl: (cluster: string) => kubernetesUrl(cluster),
    caData,
    kubeconfig: (role = 'admin') => kubeconfigFor(clusters.map(c => c.name), role),
    stop: async () => {
      clock.stop();
      fleet.close();
      for (const upstream of upstreams) upstream.close?.();
      await Promise.all([
        close(apiServer, apiSockets),
        close(controlServer, controlSockets),
        listeners.close(),
      ]);
    },
  };
}

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

import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ControlState } from '../../control/ControlState';
import { SimClock } from '../../control/SimClock';
import { defaultFleet } from '../../scenario/defaultFleet';
import { FleetSpec } from '../../scenario/types';
import { SandboxCredentials, UpstreamContext, UpstreamSimulator } from '../types';

export const TEST_CREDENTIALS: SandboxCredentials = {
  kubernetes: {},
  argocdToken: 'argocd-test-token',
  argocdReadOnlyToken: 'argocd-readonly-test-token',
  argocdUsername: 'admin',
  argocdPassword: 'argocd-test-password',
  nexusUsername: 'admin',
  nexusPassword: 'nexus-test-password',
  grafanaToken: 'glsa_test_token',
  gitlabToken: 'glpat-test-token',
  tenant: 'platform',
};

/**
 * A context over the default fleet whose scenario faults are already in the
 * control state, as the sandbox server seeds them at start.
 */
export function createTestContext(fleet: FleetSpec = defaultFleet()): UpstreamContext {
  const control = new ControlState(() => 0);
  for (const cluster of fleet.clusters) {
    for (const fault of cluster.faults) {
      control.injectFault(cluster.name, fault);
    }
  }
  return { fleet, control, clock: new SimClock(), credentials: TEST_CREDENTIALS };
}

export interface TestServer {
  /** e.g. `http://127.0.0.1:40123`, without a trailing slash. */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Serves the given simulators the way the sandbox server mounts them:
 * `/<mount>/...`, or `/<mount>/<cluster>/...` for per-cluster upstreams, with
 * the prefix stripped before `handle` is called.
 */
export async function startTestServer(simulators: UpstreamSimulator[]): Promise<TestServer> {
  const byMount = new Map(simulators.map(s => [s.mount, s]));
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    const match = /^\/([^/?]+)(.*)$/.exec(url);
    const simulator = match ? byMount.get(match[1]) : undefined;
    if (!match || !simulator) {
      res.writeHead(404).end();
      return;
    }
    let rest = match[2];
    let cluster: string | undefined;
    if (simulator.perCluster) {
      const clusterMatch = /^\/([^/?]+)(.*)$/.exec(rest);
      if (!clusterMatch) {
        res.writeHead(404).end();
        return;
      }
      cluster = decodeURIComponent(clusterMatch[1]);
      rest = clusterMatch[2];
    }
    const path = rest.startsWith('/') ? rest : `/${rest}`;
    simulator.handle(req, res, path, cluster).catch(error => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
      }
      res.end(String(error));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close(error => (error ? reject(error) : resolve()));
        for (const simulator of simulators) {
          simulator.close?.();
        }
      }),
  };
}

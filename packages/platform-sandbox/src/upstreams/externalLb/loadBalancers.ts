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

import { ControlState } from '../../control/ControlState';
import { ClusterSpec } from '../../scenario/types';
import { CheckSettings } from '../haproxy/serverCheck';
import { controlPlaneNodes, workerNodes } from '../telemetry/nodes';

export type ServerState = 'UP' | 'DOWN';
export type VrrpState = 'INIT' | 'BACKUP' | 'MASTER' | 'FAULT';

export interface LbServer {
  name: string;
  address: string;
  /** DOWN: settled down under the `haproxy-backend-down` fault. */
  state: ServerState;
  /** Its health check; the fleet's default (TCP, rise 2, fall 3, every 2 s) when absent. */
  check?: CheckSettings;
}

export interface LbBackend {
  /** Frontend (listener) name; the backend is `<name>-be`. */
  name: string;
  bind: string;
  /** The fleet's load balancers pass TCP through; `http` for a Layer 7 proxy. */
  mode?: 'tcp' | 'http';
  servers: LbServer[];
}

export interface KeepalivedNode {
  host: string;
  instance: string;
  interface: string;
  vrid: number;
  vip: string;
  priority: number;
  state: VrrpState;
}

/** A cluster's index in the fleet, for stable addresses. */
function octet(fleetIndex: number): number {
  return 10 + (fleetIndex % 200);
}

/**
 * The HAProxy pair in front of a cluster: the Kubernetes API on 6443 (control
 * planes) and HTTP/HTTPS ingress (workers, through Traefik's NodePorts).
 * `haproxy-backend-down` marks a server DOWN: the target server, or the last
 * control-plane server when no target is given.
 */
export function haproxyBackends(
  cluster: ClusterSpec,
  fleetIndex: number,
  control: ControlState,
): LbBackend[] {
  const net = octet(fleetIndex);
  const fault = control.hasFault(cluster.name, 'haproxy-backend-down');
  const cps = controlPlaneNodes(cluster);
  const downServer = fault?.target ?? cps[cps.length - 1];
  const server = (name: string, i: number, port: number): LbServer => ({
    name,
    address: `10.${net}.0.${10 + i}:${port}`,
    state: fault && name === downServer ? 'DOWN' : 'UP',
  });
  const workers = workerNodes(cluster);
  return [
    {
      name: 'k8s-api',
      bind: '*:6443',
      servers: cps.map((n, i) => server(n, i, 6443)),
    },
    {
      name: 'ingress-http',
      bind: '*:80',
      servers: workers.map((n, i) => server(n, 20 + i, 30080)),
    },
    {
      name: 'ingress-https',
      bind: '*:443',
      servers: workers.map((n, i) => server(n, 20 + i, 30443)),
    },
  ];
}

/**
 * The Keepalived pair holding the cluster's VIP: lb-1 MASTER, lb-2 BACKUP;
 * `keepalived-split-brain` makes both MASTER, `keepalived-fault` puts the
 * target node (default lb-1) in FAULT and lb-2 takes over as MASTER.
 */
export function keepalivedNodes(
  cluster: ClusterSpec,
  fleetIndex: number,
  control: ControlState,
): KeepalivedNode[] {
  const net = octet(fleetIndex);
  const hosts = [`${cluster.name}-lb-1`, `${cluster.name}-lb-2`];
  const splitBrain = control.hasFault(cluster.name, 'keepalived-split-brain');
  const fault = control.hasFault(cluster.name, 'keepalived-fault');
  let faulted: string | undefined;
  if (fault)
    faulted =
      fault.target && hosts.includes(fault.target) ? fault.target : hosts[0];
  return hosts.map((host, i) => {
    let state: VrrpState = i === 0 ? 'MASTER' : 'BACKUP';
    if (splitBrain) state = 'MASTER';
    if (faulted) state = host === faulted ? 'FAULT' : 'MASTER';
    return {
      host,
      instance: 'VI_1',
      interface: 'eth0',
      vrid: 51,
      vip: `10.${net}.0.5`,
      priority: i === 0 ? 150 : 100,
      state,
    };
  });
}

export const VRRP_STATE_NUMBER: Record<VrrpState, number> = {
  INIT: 0,
  BACKUP: 1,
  MASTER: 2,
  FAULT: 3,
};

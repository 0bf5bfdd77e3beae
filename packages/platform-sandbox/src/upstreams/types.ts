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
import { ControlState, UpstreamId } from '../control/ControlState';
import { SimClock } from '../control/SimClock';
import { KubeObject } from '../kube/objects';
import { FleetSpec } from '../scenario/types';

/** What every simulated upstream gets from the sandbox. */
export interface UpstreamContext {
  fleet: FleetSpec;
  control: ControlState;
  clock: SimClock;
  /** Credentials each upstream accepts, generated per sandbox run. */
  credentials: SandboxCredentials;
  /**
   * The pods a cluster's API server holds, as its kubelets run them (what
   * cAdvisor reports on); none for a cluster nothing has read yet.
   */
  pods?: (cluster: string) => KubeObject[];
}

export interface SandboxCredentials {
  /** Kubernetes bearer tokens per cluster, by role. */
  kubernetes: Record<string, { admin: string; reader: string; teams: Record<string, string> }>;
  argocdToken: string;
  /** API token of Argo CD's `readonly` account: may read everything, sync nothing. */
  argocdReadOnlyToken: string;
  argocdUsername: string;
  argocdPassword: string;
  nexusUsername: string;
  nexusPassword: string;
  grafanaToken: string;
  gitlabToken: string;
  /** X-Scope-OrgID tenant for Mimir, Loki and Tempo. */
  tenant: string;
}

/**
 * One simulated upstream, mounted by the sandbox server under a path prefix:
 * `/<mount>/...` for fleet-wide upstreams, `/<mount>/<cluster>/...` for those
 * that exist once per cluster. The server strips the prefix before calling
 * handle.
 */
export interface UpstreamSimulator {
  id: UpstreamId;
  /** First path segment the server routes on, e.g. 'argocd'. */
  mount: string;
  perCluster: boolean;
  /**
   * Answers one request. `path` is what follows the prefix, starting with
   * '/', query string included. `cluster` is set for per-cluster upstreams.
   */
  handle(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    cluster?: string,
  ): Promise<void>;
  /** Releases timers; called when the sandbox stops. */
  close?(): void;
}

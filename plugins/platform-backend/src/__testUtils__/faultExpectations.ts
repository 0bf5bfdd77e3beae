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

import { FAULT_CLASSES, FaultClass } from '@platform-portal/platform-sandbox';

export { FAULT_CLASSES };
export type { FaultClass };

const UPSTREAM_WORDS: Record<string, { name: RegExp; key: RegExp }> = {
  kubernetes: {
    name: /Kubernetes API of cluster [a-z0-9-]+/,
    key: /platform\.clusters\[\d+\]\.kubernetes/,
  },
  argocd: {
    name: /Argo CD of cluster [a-z0-9-]+/,
    key: /platform\.upstreams\.argocd/,
  },
  nexus: { name: /Nexus/, key: /platform\.upstreams\.nexus/ },
  gitlab: { name: /GitLab/, key: /platform\.upstreams\.gitlab/ },
  grafana: { name: /Grafana/, key: /platform\.upstreams\.grafana/ },
  prometheus: {
    name: /Prometheus/,
    key: /platform\.upstreams\.prometheus/,
  },
  alertmanager: {
    name: /Alertmanager/,
    key: /platform\.upstreams\.alertmanager/,
  },
  keepalived: {
    name: /Keepalived/,
    key: /platform\.upstreams\.keepalived/,
  },
};

export interface FaultExpectation {
  status: number;
  /** What the answer must say: the upstream by name and its config key. */
  mentions: RegExp[];
}

export interface RouteFaultExpectation {
  /** Upstreams the route reads while it answers (none: served from the store). */
  live: string[];
  /**
   * The route sends a server-side dry run, which the sandbox counts as a
   * write request: what it wrote is read from the clusters' stores instead.
   */
  dryRun?: boolean;
  /** Upstreams whose faults during a health refresh show in its answer. */
  refreshed?: string[];
  /** What the route answers under `fault` of `upstream`. */
  under(fault: FaultClass, upstream: string): FaultExpectation;
}

function named(upstream: string): RegExp[] {
  const words = UPSTREAM_WORDS[upstream];
  if (!words) {
    throw new Error(`No words for upstream ${upstream} in faultExpectations`);
  }
  return [words.name, words.key];
}

/**
 * The route cannot answer without `upstreams`: an upstream's refusal of the
 * portal's credentials or rights passes on as 401 or 403, anything else is
 * 503; the message names the upstream and the key.
 */
function failsOn(upstreams: string[], options: { always503?: boolean } = {}) {
  return (
    fault: FaultClass,
    upstream: string,
  ): FaultExpectation | undefined => {
    if (!upstreams.includes(upstream)) return undefined;
    let status = 503;
    if (!options.always503 && fault === '401') status = 401;
    if (!options.always503 && fault === '403') status = 403;
    return { status, mentions: named(upstream) };
  };
}

/**
 * The route acts as the signed-in person: the API server's 403 is their
 * refusal, passed on naming the cluster's API; a 401 refuses the portal's
 * own token and, like every other fault, names the cluster and its key.
 */
function actsAsPersonOn(upstream: string) {
  return (fault: FaultClass, faulty: string): FaultExpectation | undefined => {
    if (faulty !== upstream) return undefined;
    if (fault === '403') {
      return { status: 403, mentions: [named(upstream)[0], /You may not/] };
    }
    return failsOn([upstream])(fault, faulty);
  };
}

/** The route answers 200 without that upstream and says what is missing, and why. */
function degradesOn(upstreams: string[]) {
  return (_fault: FaultClass, upstream: string): FaultExpectation | undefined =>
    upstreams.includes(upstream)
      ? { status: 200, mentions: named(upstream) }
      : undefined;
}

function row(
  live: string[],
  ...rules: Array<
    (fault: FaultClass, upstream: string) => FaultExpectation | undefined
  >
): RouteFaultExpectation {
  return {
    live,
    under(fault, upstream) {
      for (const rule of rules) {
        const expectation = rule(fault, upstream);
        if (expectation) return expectation;
      }
      throw new Error(`No expectation for ${upstream} × ${fault}`);
    },
  };
}

/** Served from the store, whatever the upstreams do at the time. */
const STORED = row([]);

/** A summary of many clusters: 200, the scores change, the reasons are one level down. */
function summarisesOn(upstreams: string[]) {
  return (_fault: FaultClass, upstream: string): FaultExpectation | undefined =>
    upstreams.includes(upstream) ? { status: 200, mentions: [] } : undefined;
}

/** The store's view after a refresh under the fault: 200, and the reason shown. */
function storedAfterRefresh(upstreams: string[]): RouteFaultExpectation {
  return { ...row([], degradesOn(upstreams)), refreshed: upstreams };
}

const READINESS_UPSTREAMS = [
  'kubernetes',
  'keepalived',
  'nexus',
  'prometheus',
  'alertmanager',
  'grafana',
];

/**
 * Every route of platform-backend (the keys of ROUTES in platformRoutes.ts)
 * with what it must answer under each fault of each upstream it reads.
 */
export const ROUTE_FAULTS: Record<string, RouteFaultExpectation> = {
  'GET /layers': STORED,
  'GET /environment': STORED,
  'GET /health': STORED,
  'GET /health/{cluster}': storedAfterRefresh(['kubernetes']),
  'GET /health/{cluster}/history': STORED,
  'GET /health/{cluster}/{layer}': storedAfterRefresh(['kubernetes']),
  'GET /readiness': row(READINESS_UPSTREAMS, summarisesOn(READINESS_UPSTREAMS)),
  'GET /readiness/{cluster}': row(
    READINESS_UPSTREAMS,
    degradesOn(READINESS_UPSTREAMS),
  ),
  'POST /readiness/{cluster}/steps/{step}/attestations': STORED,
  // The re-checks an alert sets off run after the answer.
  'POST /alerts': STORED,
  // The fleet list answers with what it could read and names each cluster it could not.
  'GET /certificates': row(['kubernetes'], degradesOn(['kubernetes'])),
  // Sizing needs the nodes: without them there is nothing to size.
  'GET /sizing/{cluster}': row(
    ['kubernetes', 'keepalived', 'prometheus'],
    failsOn(['kubernetes'], { always503: true }),
    degradesOn(['keepalived', 'prometheus']),
  ),
  // One row per cluster: a cluster that cannot be read carries its error in its row.
  'GET /upgrades': row(['kubernetes'], summarisesOn(['kubernetes'])),
  // The planner needs the cluster's objects: without them there is no plan.
  'GET /upgrades/{cluster}': row(
    ['kubernetes'],
    failsOn(['kubernetes'], { always503: true }),
  ),
  // A diagnostic that cannot read its evidence is inconclusive, and says why.
  'POST /diagnostics/{cluster}/{runbook}': row(
    ['argocd'],
    degradesOn(['argocd']),
  ),
  'POST /diagnostics/{cluster}/remediations/{action}': row(
    ['argocd'],
    failsOn(['argocd']),
  ),
  // A dry run is sent as the person: nothing is previewed without the API.
  'POST /workload-actions/restart': {
    ...row(['kubernetes'], actsAsPersonOn('kubernetes')),
    dryRun: true,
  },
  'POST /workload-actions/scale': {
    ...row(['kubernetes'], actsAsPersonOn('kubernetes')),
    dryRun: true,
  },
  'GET /clusters': STORED,
  'GET /clusters/{cluster}': row(['kubernetes'], degradesOn(['kubernetes'])),
  // A person's mute is kept in the plugin's database.
  'GET /clusters/{cluster}/notifications': STORED,
  'PUT /clusters/{cluster}/notifications': STORED,
  'GET /clusters/{cluster}/namespaces': row(
    ['kubernetes'],
    failsOn(['kubernetes']),
  ),
  // The person's access review goes first: a refusal of the portal's own
  // account (it may not impersonate) is a 403 naming the cluster's key.
  'GET /clusters/{cluster}/namespaces/{namespace}/services': row(
    ['kubernetes'],
    failsOn(['kubernetes']),
  ),
  // The preview's answer is each manifest's outcome: a cluster that fails
  // refuses them all, in its words, naming the cluster's key.
  'POST /self-service/preview': {
    ...row(['kubernetes'], (_fault: FaultClass, upstream: string) =>
      upstream === 'kubernetes'
        ? {
            status: 200,
            mentions: [
              /"ok":false/,
              /Cluster prod-eu-1: /,
              /platform\.clusters\[\d+\]\.kubernetes/,
            ],
          }
        : undefined,
    ),
    dryRun: true,
  },
  'GET /entity/{namespace}/{kind}/{name}/nexus': row(
    ['kubernetes', 'nexus'],
    failsOn(['nexus']),
    degradesOn(['kubernetes']),
  ),
  'GET /entity/{namespace}/{kind}/{name}/gitlab': row(
    ['gitlab'],
    failsOn(['gitlab']),
  ),
  'GET /entity/{namespace}/{kind}/{name}/grafana': row(
    ['grafana'],
    failsOn(['grafana']),
  ),
  // One Argo CD per cluster: the others still answer, the failing one is named.
  'GET /entity/{namespace}/{kind}/{name}/argocd': row(
    ['argocd'],
    degradesOn(['argocd']),
  ),
  'POST /entity/{namespace}/{kind}/{name}/argocd/{instance}/{app}/sync': row(
    ['argocd'],
    failsOn(['argocd']),
  ),
  'POST /entity/{namespace}/{kind}/{name}/argocd/{instance}/{app}/rollback':
    row(['argocd'], failsOn(['argocd'])),
  // The delivery path needs the commits; every later stage turns unknown with its reason.
  // Each cluster that cannot be read is named in clusterErrors; a finding whose
  // Nexus or Prometheus facts cannot be read says so.
  'GET /workloads/{namespace}/{kind}/{name}': row(
    ['kubernetes', 'nexus', 'prometheus'],
    degradesOn(['kubernetes', 'nexus', 'prometheus']),
  ),
  // Whose namespace it is must be read before any log: 503 naming the API.
  'GET /workloads/{namespace}/{kind}/{name}/logs': row(
    ['kubernetes'],
    failsOn(['kubernetes'], { always503: true }),
  ),
  'GET /delivery/{namespace}/{kind}/{name}': row(
    ['kubernetes', 'nexus', 'gitlab', 'prometheus', 'argocd'],
    failsOn(['gitlab']),
    degradesOn(['kubernetes', 'nexus', 'prometheus', 'argocd']),
  ),
};

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

import { FaultId, FaultSpec } from '../scenario/types';

/** Every simulated upstream the control API can steer. */
export type UpstreamId =
  | 'kubernetes'
  | 'argocd'
  | 'nexus'
  | 'grafana'
  | 'tempo'
  | 'loki'
  | 'gitlab'
  | 'prometheus'
  | 'alertmanager'
  | 'haproxy'
  | 'keepalived';

/** How an upstream answers, per cluster. */
export interface Behaviour {
  /** Added to every answer, in milliseconds. */
  latencyMs: number;
  /** Share of requests, 0..1, answered with errorStatus. */
  errorRate: number;
  errorStatus: number;
  /** Accept the connection and never answer. */
  hang: boolean;
  /** Close the connection as soon as it is accepted. */
  refuse: boolean;
  /** Answer 200 with a JSON body cut off mid-object. */
  malformedJson: boolean;
  /** Answer 200 with a valid JSON list this many bytes long (0: off). */
  hugeBodyBytes: number;
  /** Answer 302 to this base URL plus the request's path ('' : off). */
  redirectTo: string;
  /** Kubernetes: every list and watch answers 410 Gone (resource version expired). */
  gone: boolean;
  /** Kubernetes: every list carries a `continue` token, so paging never ends. */
  endlessPaging: boolean;
  /** Kubernetes: watch streams are cut off right after their first events. */
  dropWatches: boolean;
}

export const NORMAL_BEHAVIOUR: Behaviour = {
  latencyMs: 0,
  errorRate: 0,
  errorStatus: 503,
  hang: false,
  refuse: false,
  malformedJson: false,
  hugeBodyBytes: 0,
  redirectTo: '',
  gone: false,
  endlessPaging: false,
  dropWatches: false,
};

/** '*' in a selector means every upstream or every cluster. */
export interface BehaviourSelector {
  upstream?: UpstreamId | '*';
  cluster?: string | '*';
}

export interface RequestCounters {
  total: number;
  byUpstream: Record<string, number>;
  byCluster: Record<string, Record<string, number>>;
}

type FaultListener = (cluster: string) => void;

/**
 * The state the control API changes and every simulator reads: behaviour
 * (latency, errors, hangs, refusals, broken bodies, redirects and the
 * Kubernetes list/watch faults) per upstream and cluster, the faults on
 * each cluster, and counters of requests received.
 */
export class ControlState {
  private readonly behaviours = new Map<string, Partial<Behaviour>>();
  private readonly faultsByCluster = new Map<string, FaultSpec[]>();
  private readonly faultListeners = new Set<FaultListener>();
  private counters: RequestCounters = { total: 0, byUpstream: {}, byCluster: {} };

  constructor(private readonly random: () => number = Math.random) {}

  setBehaviour(selector: BehaviourSelector, patch: Partial<Behaviour>): void {
    const key = behaviourKey(selector.upstream ?? '*', selector.cluster ?? '*');
    this.behaviours.set(key, { ...this.behaviours.get(key), ...patch });
  }

  resetBehaviour(): void {
    this.behaviours.clear();
  }

  /** Every behaviour setting in force, for the control API's state view. */
  behaviourSettings(): Array<{ upstream: string; cluster: string } & Partial<Behaviour>> {
    return [...this.behaviours].map(([key, patch]) => {
      const [upstream, cluster] = key.split('|');
      return { upstream, cluster, ...patch };
    });
  }

  /** The most specific setting wins: upstream+cluster, cluster, upstream, all. */
  behaviourFor(upstream: UpstreamId, cluster: string): Behaviour {
    return {
      ...NORMAL_BEHAVIOUR,
      ...this.behaviours.get(behaviourKey('*', '*')),
      ...this.behaviours.get(behaviourKey(upstream, '*')),
      ...this.behaviours.get(behaviourKey('*', cluster)),
      ...this.behaviours.get(behaviourKey(upstream, cluster)),
    };
  }

  /** Whether this request should fail with the behaviour's errorStatus. */
  shouldFail(behaviour: Behaviour): boolean {
    return behaviour.errorRate > 0 && this.random() < behaviour.errorRate;
  }

  faults(cluster: string): FaultSpec[] {
    return this.faultsByCluster.get(cluster) ?? [];
  }

  hasFault(cluster: string, id: FaultId): FaultSpec | undefined {
    return this.faults(cluster).find(f => f.id === id);
  }

  injectFault(cluster: string, fault: FaultSpec): void {
    const rest = this.faults(cluster).filter(
      f => !(f.id === fault.id && f.target === fault.target),
    );
    this.faultsByCluster.set(cluster, [...rest, fault]);
    this.emitFaults(cluster);
  }

  /** Clears one fault id on a cluster, or all of them when id is omitted. */
  clearFault(cluster: string, id?: FaultId): void {
    const kept = id ? this.faults(cluster).filter(f => f.id !== id) : [];
    this.faultsByCluster.set(cluster, kept);
    this.emitFaults(cluster);
  }

  onFaultsChanged(listener: FaultListener): () => void {
    this.faultListeners.add(listener);
    return () => this.faultListeners.delete(listener);
  }

  countRequest(upstream: UpstreamId, cluster: string, verb: string): void {
    const c = this.counters;
    c.total += 1;
    c.byUpstream[upstream] = (c.byUpstream[upstream] ?? 0) + 1;
    const perCluster = (c.byCluster[cluster] ??= {});
    const key = `${upstream}:${verb}`;
    perCluster[key] = (perCluster[key] ?? 0) + 1;
  }

  readCounters(): RequestCounters {
    return structuredClone(this.counters);
  }

  resetCounters(): void {
    this.counters = { total: 0, byUpstream: {}, byCluster: {} };
  }

  private emitFaults(cluster: string): void {
    for (const listener of this.faultListeners) {
      listener(cluster);
    }
  }
}

function behaviourKey(upstream: string, cluster: string): string {
  return `${upstream}|${cluster}`;
}

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

import {
  HealthEvidence,
  HealthVerdict,
} from '@platform-portal/plugin-platform-common';
import {
  HealthCheckOutcome,
  KubernetesObjectLike,
} from '@platform-portal/plugin-platform-node';

/** A Kubernetes object read as plain data; checks tolerate missing fields. */
export type KubeObject = KubernetesObjectLike & {
  spec?: any;
  status?: any;
};

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export function conditionOf(
  object: KubeObject,
  type: string,
): Condition | undefined {
  const conditions: Condition[] = object.status?.conditions ?? [];
  return conditions.find(c => c.type === type);
}

/** `Kind/namespace/name`, or `Kind/name` for cluster-scoped objects. */
export function refOf(object: KubeObject, kind?: string): string {
  const k = kind ?? object.kind ?? 'Object';
  const ns = object.metadata?.namespace;
  return ns
    ? `${k}/${ns}/${object.metadata?.name}`
    : `${k}/${object.metadata?.name}`;
}

export function evidence(
  object: string,
  field: string,
  value: unknown,
  observedAt: string,
): HealthEvidence {
  return {
    object,
    field,
    value: typeof value === 'string' ? value : JSON.stringify(value ?? null),
    observedAt,
  };
}

export function outcome(
  verdict: HealthVerdict,
  message: string,
  facts: HealthEvidence[] = [],
): HealthCheckOutcome {
  return { verdict, message, evidence: facts };
}

export function named(
  object: KubeObject,
  namespace: string,
  name: string,
): boolean {
  return (
    object.metadata?.namespace === namespace && object.metadata?.name === name
  );
}

/** Ready replicas against desired for Deployments, StatefulSets and DaemonSets. */
export function readiness(object: KubeObject): {
  ready: number;
  desired: number;
} {
  if (object.kind === 'DaemonSet') {
    return {
      ready: object.status?.numberReady ?? 0,
      desired: object.status?.desiredNumberScheduled ?? 0,
    };
  }
  return {
    ready: object.status?.readyReplicas ?? 0,
    desired: object.spec?.replicas ?? 1,
  };
}

/**
 * Outcome for platform workloads that must be fully ready: missing is
 * critical, short of replicas is `shortVerdict`.
 */
export function workloadsReady(
  workloads: Array<{ kind: string; namespace: string; name: string }>,
  found: KubeObject[],
  observedAt: string,
  shortVerdict: HealthVerdict = 'critical',
): HealthCheckOutcome {
  const facts: HealthEvidence[] = [];
  let verdict: HealthVerdict = 'ok';
  const problems: string[] = [];
  for (const w of workloads) {
    const object = found.find(
      o => o.kind === w.kind && named(o, w.namespace, w.name),
    );
    const ref = `${w.kind}/${w.namespace}/${w.name}`;
    if (!object) {
      verdict = 'critical';
      problems.push(`${ref} is missing`);
      facts.push(evidence(ref, 'metadata.name', 'not found', observedAt));
      continue;
    }
    const { ready, desired } = readiness(object);
    facts.push(
      evidence(ref, 'ready/desired', `${ready}/${desired}`, observedAt),
    );
    if (ready < desired) {
      verdict = verdict === 'critical' ? verdict : shortVerdict;
      problems.push(`${ref} has ${ready} of ${desired} ready`);
    }
  }
  return outcome(
    verdict,
    problems.length ? problems.join('; ') : 'All components are ready',
    facts,
  );
}

export function parseQuantity(value: string | undefined): number {
  if (!value) {
    return 0;
  }
  const match = /^([0-9.]+)([a-zA-Z]*)$/.exec(value);
  if (!match) {
    return 0;
  }
  const units: Record<string, number> = {
    '': 1,
    m: 1e-3,
    k: 1e3,
    Ki: 1024,
    M: 1e6,
    Mi: 1024 ** 2,
    G: 1e9,
    Gi: 1024 ** 3,
    T: 1e12,
    Ti: 1024 ** 4,
  };
  return Number(match[1]) * (units[match[2]] ?? 1);
}

export function toTime(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  const time = new Date(value as string).getTime();
  return Number.isNaN(time) ? undefined : time;
}

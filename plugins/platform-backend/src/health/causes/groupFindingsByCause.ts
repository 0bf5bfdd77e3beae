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
  ClusterUnreachable,
  getLayer,
  HealthCause,
  HealthCheckResult,
  HealthConsequence,
  HealthEvidence,
  HEALTH_VERDICTS,
  LayerHealth,
  LayerId,
} from '@platform-portal/plugin-platform-common';

const READY_FIELD = 'status.conditions[Ready]';
const SINCE_FIELD = 'status.conditions[Ready].lastTransitionTime';
const ADDRESS_FIELD = /^status\.addresses\[(InternalIP|ExternalIP)\]$/;

interface NodeCause {
  cause: HealthCause;
  /** The node's name and addresses, as other evidence may name it. */
  names: string[];
}

/**
 * Groups a cluster's findings under the causes their evidence shares: a
 * NotReady node (a failing check's evidence names it or one of its
 * addresses: a DaemonSet pod scheduled there, a scrape target at its IP)
 * and an unreachable API (every layer showing its last known verdict).
 * A view over the evidence: the layers' verdicts are left as they are.
 */
export function groupFindingsByCause(
  layers: LayerHealth[],
  unreachable?: ClusterUnreachable,
): HealthCause[] {
  const causes: HealthCause[] = [];
  if (unreachable) {
    causes.push(apiCause(layers, unreachable));
  }
  const failing = layers
    .filter(l => !l.lastKnown)
    .flatMap(l =>
      l.checks
        .filter(c => c.verdict === 'warning' || c.verdict === 'critical')
        .map(check => ({ layer: l.layer, check })),
    );
  const nodes = new Map<string, NodeCause>();
  for (const { layer, check } of failing) {
    for (const fact of check.evidence) {
      if (
        fact.field === READY_FIELD &&
        fact.object.startsWith('Node/') &&
        !fact.value.startsWith('True') &&
        !nodes.has(fact.object)
      ) {
        nodes.set(fact.object, nodeCause(layer, check, fact));
      }
    }
  }
  for (const node of nodes.values()) {
    for (const { layer, check } of failing) {
      if (
        node.cause.finding?.layer === layer &&
        node.cause.finding.checkId === check.id
      ) {
        continue;
      }
      const tied = check.evidence.filter(fact =>
        node.names.some(
          n => mentions(fact.object, n) || mentions(fact.value, n),
        ),
      );
      if (tied.length > 0) {
        node.cause.consequences.push(consequence(layer, check, tied));
      }
    }
    if (node.cause.consequences.length > 0) {
      causes.push(node.cause);
    }
  }
  return causes.sort(worstFirst);
}

function nodeCause(
  layer: LayerId,
  check: HealthCheckResult,
  fact: HealthEvidence,
): NodeCause {
  const name = fact.object.slice('Node/'.length);
  const facts = check.evidence.filter(e => e.object === fact.object);
  const since = facts.find(e => e.field === SINCE_FIELD)?.value;
  const addresses = facts
    .filter(e => ADDRESS_FIELD.test(e.field))
    .map(e => e.value);
  return {
    names: [name, ...addresses],
    cause: {
      id: `node-not-ready:${fact.object}`,
      kind: 'node-not-ready',
      object: fact.object,
      title: `Node ${name} is not Ready (${fact.value})`,
      verdict: check.verdict,
      ...(since && !Number.isNaN(Date.parse(since)) ? { since } : {}),
      finding: { layer, checkId: check.id },
      consequences: [],
    },
  };
}

function apiCause(
  layers: LayerHealth[],
  unreachable: ClusterUnreachable,
): HealthCause {
  return {
    id: `api-unreachable:${unreachable.endpoint}`,
    kind: 'api-unreachable',
    object: unreachable.endpoint,
    title: `The Kubernetes API at ${unreachable.endpoint} cannot be reached`,
    verdict: 'critical',
    since: unreachable.since,
    consequences: layers
      .filter(l => l.lastKnown)
      .map(l => ({
        layer: l.layer,
        title: getLayer(l.layer).title,
        verdict: l.verdict,
        message: 'Last known verdict: not read since the API stopped answering',
        evidence: [],
      })),
  };
}

function consequence(
  layer: LayerId,
  check: HealthCheckResult,
  evidence: HealthEvidence[],
): HealthConsequence {
  return {
    layer,
    checkId: check.id,
    title: check.title,
    verdict: check.verdict,
    message: check.message,
    evidence,
  };
}

/** `text` names `name` as a whole token (worker-2 is not worker-20). */
function mentions(text: string, name: string): boolean {
  let at = text.indexOf(name);
  while (at >= 0) {
    const before = text[at - 1];
    const after = text[at + name.length];
    if (!isNamePart(before) && !isNamePart(after)) {
      return true;
    }
    at = text.indexOf(name, at + 1);
  }
  return false;
}

function isNamePart(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z0-9.\-_]/.test(ch);
}

/** Critical first, then the longest-lasting, then the most consequences. */
function worstFirst(a: HealthCause, b: HealthCause): number {
  const severity =
    HEALTH_VERDICTS.indexOf(b.verdict) - HEALTH_VERDICTS.indexOf(a.verdict);
  if (severity !== 0) return severity;
  const since = (a.since ?? '\uffff').localeCompare(b.since ?? '\uffff');
  if (since !== 0) return since;
  return b.consequences.length - a.consequences.length;
}

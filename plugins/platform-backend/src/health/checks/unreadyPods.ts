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

import { HealthEvidence } from '@platform-portal/plugin-platform-common';
import { HealthCheckOutcome } from '@platform-portal/plugin-platform-node';
import { conditionOf, evidence, KubeObject, refOf } from './support';

/**
 * Adds, for each DaemonSet the outcome finds short of ready, the node of
 * each of its pods that is not Ready: the evidence that ties the finding to
 * a NotReady node, so both read as one cause.
 */
export function withUnreadyDaemonSetPods(
  result: HealthCheckOutcome,
  pods: KubeObject[],
  observedAt: string,
): HealthCheckOutcome {
  const short = result.evidence.filter(
    e =>
      e.object.startsWith('DaemonSet/') &&
      e.field === 'ready/desired' &&
      isShort(e.value),
  );
  const facts: HealthEvidence[] = short.flatMap(e => {
    const [, namespace, name] = e.object.split('/');
    return pods
      .filter(
        p =>
          p.metadata?.namespace === namespace &&
          ownedBy(p, 'DaemonSet', name) &&
          conditionOf(p, 'Ready')?.status !== 'True',
      )
      .map(p =>
        evidence(
          refOf(p, 'Pod'),
          'spec.nodeName',
          p.spec?.nodeName ?? 'unscheduled',
          observedAt,
        ),
      );
  });
  return { ...result, evidence: [...result.evidence, ...facts] };
}

function isShort(value: string): boolean {
  const [ready, desired] = value.split('/').map(Number);
  return ready < desired;
}

function ownedBy(pod: KubeObject, kind: string, name: string): boolean {
  const owners: Array<{ kind?: string; name?: string }> =
    (pod.metadata as any)?.ownerReferences ?? [];
  return owners.some(o => o.kind === kind && o.name === name);
}

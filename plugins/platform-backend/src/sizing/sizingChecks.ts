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
  HealthVerdict,
  SizingFinding,
  SizingSeverity,
} from '@platform-portal/plugin-platform-common';
import {
  HealthCheckContext,
  HealthCheckKubernetesReader,
  PlatformHealthCheck,
} from '@platform-portal/plugin-platform-node';
import { KINDS } from '../health/checks/kinds';
import { evidence, KubeObject, outcome } from '../health/checks/support';
import { sizeCluster } from './sizeCluster';

type SizingLayer = 'hardware' | 'provisioning';

/**
 * The sizing rules the health layers carry, by the layer each finding feeds.
 * A function, not a constant: the layers' check lists call it while the
 * modules that import each other are still loading.
 */
function rulesOf(layer: SizingLayer): Array<[rule: string, title: string]> {
  return layer === 'provisioning'
    ? [
        ['control-plane-quorum', 'Control-plane count for etcd quorum'],
        ['worker-count', 'Worker count'],
      ]
    : [
        ['control-plane-size', 'Control-plane node size'],
        ['worker-size', 'Worker node size'],
        ['workers-n-plus-one', 'N+1 workers'],
        ['pods-per-node', 'Pods per node'],
      ];
}

/** Below the production column is only information outside production: no warning. */
const VERDICT_OF: Record<SizingSeverity, HealthVerdict> = {
  ok: 'ok',
  info: 'ok',
  warning: 'warning',
  critical: 'critical',
};

/**
 * One refresh's sizing of a cluster, shared by its sizing checks. It reads
 * the nodes and pods other checks list through the same reader, so it costs
 * no request of its own; usage from node-exporter stays on the sizing page.
 */
const sized = new WeakMap<
  HealthCheckKubernetesReader,
  Promise<{ findings: SizingFinding[]; observedAt: string }>
>();

function sizingOf({ kubernetes, cluster }: HealthCheckContext) {
  let pending = sized.get(kubernetes);
  if (!pending) {
    pending = Promise.all([
      kubernetes.list<KubeObject>(...KINDS.node),
      kubernetes.list<KubeObject>(...KINDS.pod),
    ]).then(([nodes, pods]) => ({
      findings: sizeCluster({
        environment: cluster.environment,
        nodes: nodes.items,
        pods: pods.items,
      }).findings,
      observedAt: nodes.observedAt,
    }));
    sized.set(kubernetes, pending);
  }
  return pending;
}

function sizingCheck(
  layer: SizingLayer,
  rule: string,
  title: string,
): PlatformHealthCheck {
  return {
    id: `${layer}.sizing-${rule}`,
    layer,
    title: `Sizing: ${title}`,
    runbook: 'add-worker-node',
    async run(context) {
      const { findings, observedAt } = await sizingOf(context);
      const finding = findings.find(f => f.rule === rule);
      if (!finding) {
        return outcome('unknown', `No node to apply the ${rule} rule to`, [
          evidence(`Sizing rule ${rule}`, 'nodes', 0, observedAt),
        ]);
      }
      const object = `Sizing rule ${rule}`;
      return outcome(VERDICT_OF[finding.severity], finding.message, [
        evidence(object, 'severity', finding.severity, observedAt),
        ...Object.entries(finding.numbers).map(([name, value]) =>
          evidence(object, name, value, observedAt),
        ),
        evidence(object, 'recommendation', finding.recommendation, observedAt),
      ]);
    },
  };
}

/** The sizing advisor's findings as checks of one layer, one check per rule. */
export function sizingChecks(layer: SizingLayer): PlatformHealthCheck[] {
  return rulesOf(layer).map(([rule, title]) => sizingCheck(layer, rule, title));
}

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
  SIZING_GUIDE,
} from '@platform-portal/plugin-platform-common';
import { PlatformHealthCheck } from '@platform-portal/plugin-platform-node';
import { sizingChecks } from '../../sizing/sizingChecks';
import { KINDS } from './kinds';
import { isControlPlane } from './nodeRoles';
import {
  conditionOf,
  evidence,
  KubeObject,
  outcome,
  parseQuantity,
  refOf,
} from './support';

const GIB = 1024 ** 3;

/** Sizing from the platform guide: minimum for any cluster, and for production. */
const SIZING = {
  minimum: {
    controlPlane: SIZING_GUIDE.controlPlane.minimum,
    worker: SIZING_GUIDE.worker.minimum,
  },
  production: {
    controlPlane: SIZING_GUIDE.controlPlane.production,
    worker: SIZING_GUIDE.worker.production,
  },
};

/** Worker nodes Ready: a NotReady worker takes its pods and volumes down. */
const workersReady: PlatformHealthCheck = {
  id: 'hardware.workers-ready',
  layer: 'hardware',
  title: 'Worker nodes are Ready',
  runbook: 'add-worker-node',
  buildOutStep: 8,
  async run({ kubernetes }) {
    const { items, observedAt } = await kubernetes.list<KubeObject>(
      ...KINDS.node,
    );
    const workers = items.filter(n => !isControlPlane(n));
    const notReady = workers.filter(
      n => conditionOf(n, 'Ready')?.status !== 'True',
    );
    // Since when and at which address: what lets the findings it causes
    // (a DaemonSet pod there, a scrape target at its IP) be grouped under it.
    const facts = notReady.flatMap(n => {
      const ready = conditionOf(n, 'Ready');
      const ref = refOf(n, 'Node');
      return [
        evidence(
          ref,
          'status.conditions[Ready]',
          `${ready?.status ?? 'missing'} (${ready?.reason ?? 'no reason'})`,
          observedAt,
        ),
        ...(ready?.lastTransitionTime
          ? [
              evidence(
                ref,
                'status.conditions[Ready].lastTransitionTime',
                ready.lastTransitionTime,
                observedAt,
              ),
            ]
          : []),
        ...(
          (n.status?.addresses ?? []) as Array<{
            type: string;
            address: string;
          }>
        )
          .filter(a => a.type === 'InternalIP')
          .map(a =>
            evidence(ref, `status.addresses[${a.type}]`, a.address, observedAt),
          ),
      ];
    });
    if (workers.length === 0) {
      return outcome('critical', 'The cluster has no worker node', facts);
    }
    if (notReady.length > 0) {
      return outcome(
        'critical',
        `${notReady.length} of ${
          workers.length
        } worker nodes not Ready: ${notReady
          .map(n => n.metadata?.name)
          .join(', ')}`,
        facts,
      );
    }
    return outcome('ok', `${workers.length} worker nodes Ready`, [
      evidence(
        'Node/*',
        'workers Ready',
        `${workers.length}/${workers.length}`,
        observedAt,
      ),
    ]);
  },
};

/** Kubelet-reported pressure: the node is short of memory, disk or PIDs. */
const nodePressure: PlatformHealthCheck = {
  id: 'hardware.node-pressure',
  layer: 'hardware',
  title: 'No node reports memory, disk or PID pressure',
  runbook: 'add-worker-node',
  buildOutStep: 1,
  async run({ kubernetes }) {
    const { items, observedAt } = await kubernetes.list<KubeObject>(
      ...KINDS.node,
    );
    const facts: HealthEvidence[] = [];
    for (const node of items) {
      for (const type of ['MemoryPressure', 'DiskPressure', 'PIDPressure']) {
        if (conditionOf(node, type)?.status === 'True') {
          facts.push(
            evidence(
              refOf(node, 'Node'),
              `status.conditions[${type}]`,
              'True',
              observedAt,
            ),
          );
        }
      }
    }
    if (facts.length > 0) {
      return outcome(
        'warning',
        `${facts.length} pressure condition(s): ${facts
          .map(f => `${f.object} ${f.field}`)
          .join(', ')}`,
        facts,
      );
    }
    return outcome('ok', `No pressure on ${items.length} nodes`);
  },
};

/** Node capacity against the guide's sizing table. */
const nodeCapacity: PlatformHealthCheck = {
  id: 'hardware.node-capacity',
  layer: 'hardware',
  title: 'Node capacity meets the sizing table',
  runbook: 'add-worker-node',
  buildOutStep: 1,
  async run({ kubernetes, cluster }) {
    const { items, observedAt } = await kubernetes.list<KubeObject>(
      ...KINDS.node,
    );
    const production = cluster.environment === 'production';
    const table = production ? SIZING.production : SIZING.minimum;
    const facts: HealthEvidence[] = [];
    for (const node of items) {
      const role = isControlPlane(node) ? 'controlPlane' : 'worker';
      const need = table[role];
      const cpu = parseQuantity(node.status?.capacity?.cpu);
      const memoryGiB = parseQuantity(node.status?.capacity?.memory) / GIB;
      if (cpu < need.cpu || memoryGiB < need.memoryGiB - 0.5) {
        facts.push(
          evidence(
            refOf(node, 'Node'),
            'status.capacity',
            `${cpu} cores, ${Math.round(memoryGiB)} GiB (needs ${
              need.cpu
            } cores, ${need.memoryGiB} GiB)`,
            observedAt,
          ),
        );
      }
    }
    const verdict: HealthVerdict = facts.length ? 'warning' : 'ok';
    return outcome(
      verdict,
      facts.length
        ? `${facts.length} node(s) below the ${
            production ? 'production' : 'minimum'
          } sizing`
        : `All ${items.length} nodes meet the ${
            production ? 'production' : 'minimum'
          } sizing`,
      facts,
    );
  },
};

export const hardwareChecks: PlatformHealthCheck[] = [
  workersReady,
  nodePressure,
  nodeCapacity,
  ...sizingChecks('hardware'),
];

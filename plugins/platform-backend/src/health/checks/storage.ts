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
import { PlatformHealthCheck } from '@platform-portal/plugin-platform-node';
import { KINDS } from './kinds';
import { withUnreadyDaemonSetPods } from './unreadyPods';
import {
  evidence,
  KubeObject,
  outcome,
  refOf,
  workloadsReady,
} from './support';

const longhornManagers: PlatformHealthCheck = {
  id: 'storage.longhorn-managers',
  layer: 'storage',
  title: 'Longhorn managers are ready',
  runbook: 'longhorn-volume-degraded',
  buildOutStep: 17,
  async run({ kubernetes }) {
    const [daemonSets, pods] = await Promise.all([
      kubernetes.list<KubeObject>(...KINDS.daemonSet),
      kubernetes.list<KubeObject>(...KINDS.pod),
    ]);
    return withUnreadyDaemonSetPods(
      workloadsReady(
        [
          {
            kind: 'DaemonSet',
            namespace: 'longhorn-system',
            name: 'longhorn-manager',
          },
        ],
        daemonSets.items,
        daemonSets.observedAt,
      ),
      pods.items,
      pods.observedAt,
    );
  },
};

/** Volume robustness: degraded runs on fewer replicas, faulted has lost its data path. */
const longhornVolumes: PlatformHealthCheck = {
  id: 'storage.longhorn-volumes',
  layer: 'storage',
  title: 'Longhorn volumes are healthy',
  runbook: 'longhorn-volume-degraded',
  buildOutStep: 19,
  async run({ kubernetes }) {
    const volumes = await kubernetes.list<KubeObject>(...KINDS.longhornVolume);
    const facts: HealthEvidence[] = [];
    let verdict: HealthVerdict = 'ok';
    for (const volume of volumes.items) {
      const robustness = volume.status?.robustness;
      if (robustness === 'faulted') {
        verdict = 'critical';
      } else if (robustness === 'degraded' && verdict === 'ok') {
        verdict = 'warning';
      }
      if (robustness === 'faulted' || robustness === 'degraded') {
        const claim = volume.status?.kubernetesStatus;
        facts.push(
          evidence(
            refOf(volume, 'Volume'),
            'status.robustness',
            `${robustness}${
              claim?.pvcName ? ` (PVC ${claim.namespace}/${claim.pvcName})` : ''
            }`,
            volumes.observedAt,
          ),
        );
      }
    }
    return outcome(
      verdict,
      facts.length
        ? `${facts.length} volume(s) not healthy: ${facts
            .map(f => f.object)
            .join(', ')}`
        : `${volumes.items.length} volumes healthy`,
      facts,
    );
  },
};

/** The `longhorn` StorageClass exists and every PVC is Bound. */
const claims: PlatformHealthCheck = {
  id: 'storage.claims',
  layer: 'storage',
  title: 'StorageClass longhorn exists and PVCs are Bound',
  runbook: 'longhorn-volume-degraded',
  buildOutStep: 18,
  async run({ kubernetes }) {
    const [classes, pvcs] = await Promise.all([
      kubernetes.list<KubeObject>(...KINDS.storageClass),
      kubernetes.list<KubeObject>(...KINDS.pvc),
    ]);
    const facts: HealthEvidence[] = [];
    let verdict: HealthVerdict = 'ok';
    if (!classes.items.some(c => c.metadata?.name === 'longhorn')) {
      verdict = 'critical';
      facts.push(
        evidence(
          'StorageClass/longhorn',
          'metadata.name',
          'not found',
          classes.observedAt,
        ),
      );
    }
    for (const pvc of pvcs.items.filter(p => p.status?.phase !== 'Bound')) {
      verdict = verdict === 'critical' ? verdict : 'warning';
      facts.push(
        evidence(
          refOf(pvc, 'PersistentVolumeClaim'),
          'status.phase',
          pvc.status?.phase ?? 'missing',
          pvcs.observedAt,
        ),
      );
    }
    return outcome(
      verdict,
      facts.length
        ? facts.map(f => `${f.object} ${f.value}`).join('; ')
        : `StorageClass longhorn present; ${pvcs.items.length} PVCs Bound`,
      facts,
    );
  },
};

export const storageChecks: PlatformHealthCheck[] = [
  longhornManagers,
  longhornVolumes,
  claims,
];

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

import { KINDS } from '../../health/checks/kinds';
import {
  evidence,
  KubeObject,
  outcome,
  workloadsReady,
} from '../../health/checks/support';
import { BuildOutProbe, PROBE_KINDS } from './BuildOutProbe';

/** Step 10: CoreDNS runs and the kube-dns Service fronts it. */
const coreDns: BuildOutProbe = {
  id: 'build-out.coredns',
  step: 10,
  title: 'CoreDNS is ready behind the kube-dns Service',
  async run({ kubernetes }) {
    const [deployments, services] = await Promise.all([
      kubernetes.list<KubeObject>(...KINDS.deployment),
      kubernetes.list<KubeObject>(...KINDS.service),
    ]);
    const ready = workloadsReady(
      [{ kind: 'Deployment', namespace: 'kube-system', name: 'coredns' }],
      deployments.items.map(d => ({ kind: 'Deployment', ...d })),
      deployments.observedAt,
    );
    const service = services.items.find(
      s =>
        s.metadata?.namespace === 'kube-system' &&
        (s.metadata?.name === 'kube-dns' ||
          s.spec?.selector?.['k8s-app'] === 'kube-dns'),
    );
    const facts = [
      ...ready.evidence,
      evidence(
        'Service/kube-system/kube-dns',
        'spec.clusterIP',
        service?.spec?.clusterIP ?? 'not found',
        services.observedAt,
      ),
    ];
    if (ready.verdict !== 'ok') {
      return outcome(ready.verdict, ready.message, facts);
    }
    if (!service?.spec?.clusterIP) {
      // Pods resolve through the Service's ClusterIP: ready pods alone do not answer them.
      return outcome(
        'warning',
        'CoreDNS is ready but no kube-dns Service fronts it',
        facts,
      );
    }
    return outcome('ok', `CoreDNS answers at ${service.spec.clusterIP}`, facts);
  },
};

/** Step 11: metrics-server serves node metrics (what `kubectl top nodes` reads). */
const metricsServer: BuildOutProbe = {
  id: 'build-out.metrics-server',
  step: 11,
  title: 'metrics-server serves node metrics',
  async run({ kubernetes }) {
    const deployments = await kubernetes.list<KubeObject>(...KINDS.deployment);
    const ready = workloadsReady(
      [
        {
          kind: 'Deployment',
          namespace: 'kube-system',
          name: 'metrics-server',
        },
      ],
      deployments.items.map(d => ({ kind: 'Deployment', ...d })),
      deployments.observedAt,
    );
    if (ready.verdict !== 'ok') {
      return ready;
    }
    const metrics = await kubernetes.list<KubeObject>(
      ...PROBE_KINDS.nodeMetrics,
    );
    const facts = [
      ...ready.evidence,
      evidence(
        'NodeMetrics/*',
        'items',
        metrics.items.length,
        metrics.observedAt,
      ),
    ];
    return metrics.items.length > 0
      ? outcome('ok', `Metrics for ${metrics.items.length} nodes`, facts)
      : outcome('critical', 'metrics.k8s.io returns no node metrics', facts);
  },
};

export const bootstrapProbes: BuildOutProbe[] = [coreDns, metricsServer];

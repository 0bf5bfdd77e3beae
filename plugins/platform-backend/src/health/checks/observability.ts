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
import { notConfigured, UpstreamClients } from '../../clients/UpstreamClients';
import { KINDS } from './kinds';
import { withUnreadyDaemonSetPods } from './unreadyPods';
import { evidence, KubeObject, outcome, readiness, refOf } from './support';

/** The LGTM stack and exporters, each fully ready. */
const components: PlatformHealthCheck = {
  id: 'observability.components',
  layer: 'observability',
  title: 'Observability components are ready',
  runbook: 'observability-component-down',
  buildOutStep: 41,
  async run({ kubernetes }) {
    const [pods, ...lists] = await Promise.all([
      kubernetes.list<KubeObject>(...KINDS.pod),
      kubernetes.list<KubeObject>(...KINDS.deployment),
      kubernetes.list<KubeObject>(...KINDS.statefulSet),
      kubernetes.list<KubeObject>(...KINDS.daemonSet),
    ]);
    const workloads = lists
      .flatMap(l => l.items)
      .filter(w => w.metadata?.namespace === 'monitoring');
    if (workloads.length === 0) {
      return outcome('critical', 'Nothing runs in the monitoring namespace', [
        evidence('Namespace/monitoring', 'workloads', '0', lists[0].observedAt),
      ]);
    }
    const short = workloads.filter(w => {
      const { ready, desired } = readiness(w);
      return ready < desired;
    });
    const facts = short.map(w => {
      const { ready, desired } = readiness(w);
      return evidence(
        refOf(w),
        'ready/desired',
        `${ready}/${desired}`,
        lists[0].observedAt,
      );
    });
    // A store (Loki, Mimir, Tempo) or Grafana down loses data or sight; one exporter short loses one node's series.
    let verdict: HealthVerdict = short.length ? 'warning' : 'ok';
    if (short.some(w => w.kind !== 'DaemonSet' && readiness(w).ready === 0)) {
      verdict = 'critical';
    }
    return withUnreadyDaemonSetPods(
      outcome(
        verdict,
        short.length
          ? `Not fully ready: ${short.map(w => refOf(w)).join(', ')}`
          : `${workloads.length} components ready`,
        facts,
      ),
      pods.items,
      pods.observedAt,
    );
  },
};

/** Prometheus `up` for the cluster: a target down is a blind spot. */
function scrapeTargets(clients: UpstreamClients): PlatformHealthCheck {
  return {
    id: 'observability.scrape-targets',
    layer: 'observability',
    title: 'Scrape targets are up',
    runbook: 'observability-component-down',
    buildOutStep: 42,
    async run({ cluster, signal }) {
      const client = clients.prometheus();
      if (!client) {
        return outcome('unknown', notConfigured('prometheus'));
      }
      // One query for the whole fleet, shared by every cluster's check in a refresh.
      const fleet = await client.query('up{cluster!=""}', signal);
      const { observedAt } = fleet;
      const data = fleet.data.filter(s => s.metric.cluster === cluster.name);
      if (data.length === 0) {
        return outcome(
          'critical',
          `Prometheus has no targets for ${cluster.name}`,
          [
            evidence(
              `up{cluster="${cluster.name}"}`,
              'series',
              '0',
              observedAt,
            ),
          ],
        );
      }
      const down = data.filter(s => s.value[1] === '0');
      if (down.length > 0) {
        const jobs = [...new Set(down.map(s => s.metric.job))];
        return outcome(
          'warning',
          `${down.length} of ${data.length} targets down (${jobs.join(', ')})`,
          down.map(s =>
            evidence(
              `up{job="${s.metric.job}",instance="${s.metric.instance}"}`,
              'value',
              '0',
              observedAt,
            ),
          ),
        );
      }
      return outcome('ok', `${data.length} targets up`);
    },
  };
}

/** Alerts of the observability layer itself firing in Alertmanager, by severity. */
function firingAlerts(clients: UpstreamClients): PlatformHealthCheck {
  return {
    id: 'observability.alerts',
    layer: 'observability',
    title: 'No observability alert is firing',
    runbook: 'observability-component-down',
    buildOutStep: 47,
    async run({ cluster, signal }) {
      const client = clients.alertmanager();
      if (!client) {
        return outcome('unknown', notConfigured('alertmanager'));
      }
      // One read for the whole fleet, shared by every cluster's check in a refresh.
      const fleet = await client.firing(['layer="observability"'], signal);
      const { observedAt } = fleet;
      const data = fleet.data.filter(a => a.labels.cluster === cluster.name);
      const facts: HealthEvidence[] = data.map(a =>
        evidence(
          `alert/${a.labels.alertname}`,
          'severity',
          `${a.labels.severity ?? 'none'}${
            a.annotations?.summary ? ` (${a.annotations.summary})` : ''
          }`,
          observedAt,
        ),
      );
      let verdict: HealthVerdict = data.length ? 'warning' : 'ok';
      if (data.some(a => a.labels.severity === 'critical')) {
        verdict = 'critical';
      }
      return outcome(
        verdict,
        data.length ? `${data.length} alert(s) firing` : 'No alert firing',
        facts,
      );
    },
  };
}

export function observabilityChecks(
  clients: UpstreamClients,
): PlatformHealthCheck[] {
  return [components, scrapeTargets(clients), firingAlerts(clients)];
}

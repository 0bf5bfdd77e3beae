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
import { notConfigured, UpstreamClients } from '../../clients/UpstreamClients';
import { KINDS } from '../../health/checks/kinds';
import {
  evidence,
  KubeObject,
  outcome,
  readiness,
  refOf,
} from '../../health/checks/support';
import { BuildOutProbe } from './BuildOutProbe';

const NAMESPACE = 'monitoring';

/** The named components of the monitoring namespace, whatever their kind, fully ready. */
function componentsProbe(
  step: number,
  id: string,
  title: string,
  names: string[],
): BuildOutProbe {
  return {
    id,
    step,
    title,
    async run({ kubernetes }) {
      const lists = await Promise.all([
        kubernetes.list<KubeObject>(...KINDS.deployment),
        kubernetes.list<KubeObject>(...KINDS.statefulSet),
        kubernetes.list<KubeObject>(...KINDS.daemonSet),
      ]);
      const kinds = ['Deployment', 'StatefulSet', 'DaemonSet'];
      const workloads = lists.flatMap((l, i) =>
        l.items.map(item => ({ ...item, kind: item.kind ?? kinds[i] })),
      );
      const facts: HealthEvidence[] = [];
      const problems: string[] = [];
      let verdict: HealthVerdict = 'ok';
      for (const name of names) {
        const found = workloads.find(
          w => w.metadata?.namespace === NAMESPACE && w.metadata?.name === name,
        );
        if (!found) {
          verdict = 'critical';
          problems.push(`${name} is not installed in ${NAMESPACE}`);
          facts.push(
            evidence(
              `${NAMESPACE}/${name}`,
              'metadata.name',
              'not found',
              lists[0].observedAt,
            ),
          );
          continue;
        }
        const { ready, desired } = readiness(found);
        facts.push(
          evidence(
            refOf(found),
            'ready/desired',
            `${ready}/${desired}`,
            lists[0].observedAt,
          ),
        );
        if (ready === 0) {
          verdict = 'critical';
          problems.push(`${refOf(found)} has no ready replica`);
        } else if (ready < desired) {
          verdict = verdict === 'critical' ? verdict : 'warning';
          problems.push(`${refOf(found)} has ${ready} of ${desired} ready`);
        }
      }
      return outcome(
        verdict,
        problems.length ? problems.join('; ') : `${names.join(', ')} ready`,
        facts,
      );
    },
  };
}

/** Step 47: Alertmanager has somewhere to send alerts. */
function alertReceivers(clients: UpstreamClients): BuildOutProbe {
  return {
    id: 'build-out.alert-receivers',
    step: 47,
    title: 'Alertmanager routes to receivers',
    async run({ signal }) {
      const alertmanager = clients.alertmanager();
      if (!alertmanager) {
        return outcome('unknown', notConfigured('alertmanager'));
      }
      const { data, observedAt } = await alertmanager.receivers(signal);
      // A receiver named "null" or "blackhole" is the usual way of dropping alerts.
      const real = data.filter(r => !/^(null|blackhole|void)$/i.test(r.name));
      const facts = [
        evidence(
          'Alertmanager',
          'receivers',
          data.map(r => r.name).join(', ') || 'none',
          observedAt,
        ),
      ];
      return real.length
        ? outcome(
            'ok',
            `${real.length} receiver(s): ${real.map(r => r.name).join(', ')}`,
            facts,
          )
        : outcome(
            'critical',
            'Alertmanager has no receiver that delivers alerts',
            facts,
          );
    },
  };
}

/** Step 46: Grafana has dashboards and Prometheus has live series of the cluster for them. */
function dashboardsLive(clients: UpstreamClients): BuildOutProbe {
  return {
    id: 'build-out.dashboards-live',
    step: 46,
    title: 'Grafana has dashboards over live data of the cluster',
    async run({ cluster, signal }) {
      const grafana = clients.grafana();
      const prometheus = clients.prometheus();
      if (!grafana) {
        return outcome('unknown', notConfigured('grafana'));
      }
      if (!prometheus) {
        return outcome('unknown', notConfigured('prometheus'));
      }
      const [dashboards, series] = await Promise.all([
        grafana.allDashboards(signal),
        prometheus.query(`count({cluster="${cluster.name}"})`, signal),
      ]);
      const live = series.data.length ? Number(series.data[0].value[1]) : 0;
      const facts = [
        evidence('Grafana', 'dashboards', dashboards.length, series.observedAt),
        evidence(
          `count({cluster="${cluster.name}"})`,
          'series',
          live,
          series.observedAt,
        ),
      ];
      if (dashboards.length === 0) {
        return outcome('critical', 'Grafana has no dashboard', facts);
      }
      if (live === 0) {
        return outcome(
          'critical',
          `Prometheus has no series of ${cluster.name}: the dashboards show no data`,
          facts,
        );
      }
      return outcome(
        'ok',
        `${dashboards.length} dashboards over ${live} live series`,
        facts,
      );
    },
  };
}

export function observabilityProbes(clients: UpstreamClients): BuildOutProbe[] {
  return [
    componentsProbe(
      43,
      'build-out.loki-promtail',
      'Loki and Promtail are ready',
      ['loki', 'promtail'],
    ),
    componentsProbe(
      44,
      'build-out.tempo-otel',
      'Tempo and the OpenTelemetry Collector are ready',
      ['tempo', 'otel-collector'],
    ),
    componentsProbe(45, 'build-out.grafana', 'Grafana is ready', ['grafana']),
    dashboardsLive(clients),
    alertReceivers(clients),
  ];
}

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

import { componentClaimName } from '../../fleet/clusterContext';
import { ComponentSpec, FleetSpec } from '../../scenario/types';
import { stableHex } from '../shared/ids';
import { FAULT_ALERT_RULES, layerOf } from './faultAlerts';
import { TimedFault } from './FaultTimeline';

export interface AlertInstance {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: Date;
  fingerprint: string;
  /** The rule's expression in Prometheus's graph page, as the ruler sends it. */
  generatorURL?: string;
}

/**
 * The example component a fault's target belongs to: the component itself,
 * one of its objects (`payments-api-tls`) or its volume (`pvc-orders-db`).
 */
function componentOf(
  fleet: FleetSpec,
  target?: string,
): ComponentSpec | undefined {
  if (!target) return undefined;
  return fleet.components.find(
    c =>
      target === c.name ||
      target.startsWith(`${c.name}-`) ||
      target.endsWith(componentClaimName(c.name)),
  );
}

/**
 * One firing alert per active fault, labelled with its cluster, layer and
 * target, and with `service` and `namespace` when the target belongs to an
 * app team's component (as rules joined with kube-state-metrics labels are).
 */
export function alertFor(fault: TimedFault, fleet: FleetSpec): AlertInstance {
  const rule = FAULT_ALERT_RULES[fault.id];
  const labels: Record<string, string> = {
    alertname: rule.alertname,
    severity: rule.severity,
    cluster: fault.cluster,
    layer: layerOf(fault.id),
    fault: fault.id,
  };
  if (fault.target) labels.target = fault.target;
  const component = componentOf(fleet, fault.target);
  if (component) {
    labels.service = component.name;
    labels.namespace = component.namespace;
  }
  const annotations: Record<string, string> = {
    summary: rule.summary,
    description: `${rule.summary} on cluster ${fault.cluster}${
      fault.target ? ` (${fault.target})` : ''
    }.`,
  };
  if (rule.runbook)
    annotations.runbook_url = `https://runbooks.${fleet.domain}/${rule.runbook}`;
  const fingerprint = stableHex(16, ...Object.entries(labels).sort().flat());
  const generatorURL = `http://prometheus.monitoring.svc:9090/graph?g0.expr=${encodeURIComponent(
    rule.alertname,
  )}`;
  return {
    labels,
    annotations,
    startsAt: fault.since,
    fingerprint,
    generatorURL,
  };
}

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

import { FaultId, FAULT_LAYERS, FleetSpec, LAYER_IDS } from '../../scenario/types';
import { alertFor, AlertInstance } from './alertInstances';
import { FAULT_ALERT_RULES } from './faultAlerts';
import { TimedFault } from './FaultTimeline';

const FAULT_IDS = Object.keys(FAULT_LAYERS) as FaultId[];

function instancesOf(id: FaultId, faults: TimedFault[], fleet: FleetSpec): AlertInstance[] {
  return faults.filter(f => f.id === id).map(f => alertFor(f, fleet));
}

function renderInstance(alert: AlertInstance, instanceState: string) {
  return {
    labels: alert.labels,
    annotations: alert.annotations,
    state: instanceState,
    activeAt: alert.startsAt.toISOString(),
    value: '1e+00',
  };
}

export interface RuleListingStyle {
  /** State of a firing instance: Prometheus says `firing`, Grafana `Alerting`. */
  instanceState: string;
  /** Group `file`: the rule file, or Grafana's folder title. */
  file: string;
  /** Extra labels the server adds to each rule. */
  ruleLabels?: Record<string, string>;
}

/** Prometheus-style `/api/v1/rules`: one group per layer, one rule per fault kind. */
export function renderRuleGroups(faults: TimedFault[], fleet: FleetSpec, now: Date, style: RuleListingStyle) {
  const groups = LAYER_IDS.map(layer => {
    const rules = FAULT_IDS.filter(id => FAULT_LAYERS[id] === layer).map(id => {
      const rule = FAULT_ALERT_RULES[id];
      const alerts = instancesOf(id, faults, fleet);
      const annotations: Record<string, string> = { summary: rule.summary };
      if (rule.runbook) annotations.runbook_url = `https://runbooks.${fleet.domain}/${rule.runbook}`;
      return {
        state: alerts.length > 0 ? 'firing' : 'inactive',
        name: rule.alertname,
        query: rule.expr,
        duration: 300,
        labels: { severity: rule.severity, layer, ...style.ruleLabels },
        annotations,
        alerts: alerts.map(a => renderInstance(a, style.instanceState)),
        totals: alerts.length > 0 ? { alerting: alerts.length } : { normal: 1 },
        health: 'ok',
        type: 'alerting',
        lastEvaluation: now.toISOString(),
        evaluationTime: 0.0021,
      };
    });
    return {
      name: layer,
      file: style.file,
      rules,
      interval: 60,
      lastEvaluation: now.toISOString(),
      evaluationTime: 0.0042,
    };
  }).filter(g => g.rules.length > 0);
  return { status: 'success', data: { groups } };
}

/** Prometheus-style `/api/v1/alerts`: every firing instance. */
export function renderAlertsList(faults: TimedFault[], fleet: FleetSpec, instanceState: string) {
  return { status: 'success', data: { alerts: faults.map(f => renderInstance(alertFor(f, fleet), instanceState)) } };
}

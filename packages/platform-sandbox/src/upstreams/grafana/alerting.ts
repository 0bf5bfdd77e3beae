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
import { alertFor, AlertInstance } from '../alerts/alertInstances';
import { FAULT_ALERT_RULES } from '../alerts/faultAlerts';
import { TimedFault } from '../alerts/FaultTimeline';
import { FIRING_INSTANCE_STATE } from './assumptions';

const FAULT_IDS = Object.keys(FAULT_LAYERS) as FaultId[];

function instancesOf(id: FaultId, faults: TimedFault[], fleet: FleetSpec): AlertInstance[] {
  return faults.filter(f => f.id === id).map(f => alertFor(f, fleet));
}

function renderInstance(alert: AlertInstance) {
  return {
    labels: alert.labels,
    annotations: alert.annotations,
    state: FIRING_INSTANCE_STATE,
    activeAt: alert.startsAt.toISOString(),
    value: '1e+00',
  };
}

/** `/api/prometheus/grafana/api/v1/rules`: one group per layer, one rule per fault kind. */
export function renderRuleGroups(faults: TimedFault[], fleet: FleetSpec, now: Date) {
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
        labels: { severity: rule.severity, layer, __grafana_origin: 'sandbox' },
        annotations,
        alerts: alerts.map(renderInstance),
        totals: alerts.length > 0 ? { alerting: alerts.length } : { normal: 1 },
        health: 'ok',
        type: 'alerting',
        lastEvaluation: now.toISOString(),
        evaluationTime: 0.0021,
      };
    });
    return {
      name: layer,
      file: 'Platform',
      folderUid: 'platform',
      rules,
      interval: 60,
      lastEvaluation: now.toISOString(),
      evaluationTime: 0.0042,
    };
  }).filter(g => g.rules.length > 0);
  return { status: 'success', data: { groups } };
}

export function renderAlertsList(faults: TimedFault[], fleet: FleetSpec) {
  return { status: 'success', data: { alerts: faults.map(f => renderInstance(alertFor(f, fleet))) } };
}

/** `/api/v1/provisioning/alert-rules` shape for each fault kind. */
export function provisionedRules(fleet: FleetSpec) {
  return FAULT_IDS.map(id => {
    const rule = FAULT_ALERT_RULES[id];
    const annotations: Record<string, string> = { summary: rule.summary };
    if (rule.runbook) annotations.runbook_url = `https://runbooks.${fleet.domain}/${rule.runbook}`;
    return {
      id: FAULT_IDS.indexOf(id) + 1,
      uid: `fault-${id}`,
      orgID: 1,
      folderUID: 'platform',
      ruleGroup: FAULT_LAYERS[id],
      title: rule.alertname,
      condition: 'B',
      data: [
        { refId: 'A', queryType: '', relativeTimeRange: { from: 600, to: 0 }, datasourceUid: 'mimir', model: { expr: rule.expr, refId: 'A' } },
        { refId: 'B', queryType: '', relativeTimeRange: { from: 0, to: 0 }, datasourceUid: '__expr__', model: { type: 'threshold', expression: 'A', refId: 'B', conditions: [{ evaluator: { type: 'gt', params: [0] } }] } },
      ],
      noDataState: 'OK',
      execErrState: 'Error',
      for: '5m',
      labels: { severity: rule.severity, layer: FAULT_LAYERS[id] },
      annotations,
      isPaused: false,
      provenance: 'file',
      updated: '2026-01-01T00:00:00Z',
    };
  });
}

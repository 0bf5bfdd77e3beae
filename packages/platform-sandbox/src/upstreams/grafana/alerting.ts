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

import { FaultId, FAULT_LAYERS, FleetSpec } from '../../scenario/types';
import { FAULT_ALERT_RULES } from '../alerts/faultAlerts';
import { TimedFault } from '../alerts/FaultTimeline';
import { renderAlertsList, renderRuleGroups } from '../alerts/ruleListing';
import { FIRING_INSTANCE_STATE } from './assumptions';

const FAULT_IDS = Object.keys(FAULT_LAYERS) as FaultId[];

/** `/api/prometheus/grafana/api/v1/rules`: Grafana-managed rules in a Prometheus-style listing. */
export function grafanaRuleGroups(faults: TimedFault[], fleet: FleetSpec, now: Date) {
  const listing = renderRuleGroups(faults, fleet, now, {
    instanceState: FIRING_INSTANCE_STATE,
    file: 'Platform',
    ruleLabels: { __grafana_origin: 'sandbox' },
  });
  // Grafana's own types (pkg/services/ngalert/api/tooling/definitions/prom.go): a rule's
  // `alerts` is omitempty, so a rule without instances has none; each group counts its
  // rules by state in `totals`, and the listing sums them.
  const groups = listing.data.groups.map(g => {
    const rules = g.rules.map(({ alerts, ...rule }) => (alerts.length > 0 ? { ...rule, alerts } : rule));
    return { ...g, rules, totals: countByState(rules), folderUid: 'platform' };
  });
  const totals: Record<string, number> = {};
  for (const group of groups) {
    for (const [state, n] of Object.entries(group.totals)) totals[state] = (totals[state] ?? 0) + n;
  }
  return { ...listing, data: { groups, totals } };
}

function countByState(rules: Array<{ state: string }>): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const rule of rules) totals[rule.state] = (totals[rule.state] ?? 0) + 1;
  return totals;
}

export function grafanaAlertsList(faults: TimedFault[], fleet: FleetSpec) {
  return renderAlertsList(faults, fleet, FIRING_INSTANCE_STATE);
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

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

import { AlertInstance } from '../alerts/alertInstances';

/**
 * The fleet's Alertmanager configuration: critical alerts to the on-call, the
 * rest to the platform team, grouped by alert and cluster; a critical alert
 * inhibits the warning of the same name on the same cluster.
 */
export const ALERTMANAGER_CONFIG = `route:
  receiver: platform-team
  group_by: [alertname, cluster]
  routes:
    - matchers: [severity="critical"]
      receiver: platform-oncall
inhibit_rules:
  - source_matchers: [severity="critical"]
    target_matchers: [severity="warning"]
    equal: [alertname, cluster]
receivers:
  - name: platform-team
  - name: platform-oncall
`;

/**
 * `config.original` of GET /api/v2/status: Alertmanager answers with the
 * configuration as it re-renders it (defaults filled in), not the file.
 */
export const CONFIG_ORIGINAL = `global:
  resolve_timeout: 5m
  http_config:
    follow_redirects: true
    enable_http2: true
  smtp_hello: localhost
  smtp_require_tls: true
  pagerduty_url: https://events.pagerduty.com/v2/enqueue
  opsgenie_api_url: https://api.opsgenie.com/
  wechat_api_url: https://qyapi.weixin.qq.com/cgi-bin/
  victorops_api_url: https://alert.victorops.com/integrations/generic/20131114/alert/
  telegram_api_url: https://api.telegram.org
  webex_api_url: https://webexapis.com/v1/messages
route:
  receiver: platform-team
  group_by:
  - alertname
  - cluster
  continue: false
  routes:
  - receiver: platform-oncall
    matchers:
    - severity="critical"
    continue: false
inhibit_rules:
- source_matchers:
  - severity="critical"
  target_matchers:
  - severity="warning"
  equal:
  - alertname
  - cluster
receivers:
- name: platform-team
- name: platform-oncall
templates: []
`;

/** The receivers in configuration order, as GET /api/v2/receivers lists them. */
export const RECEIVERS = ['platform-team', 'platform-oncall'];

const GROUP_BY = ['alertname', 'cluster'];

/** The group's labels: the `group_by` labels the alert has. */
export function groupLabels(
  labels: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    GROUP_BY.filter(name => labels[name] !== undefined).map(name => [
      name,
      labels[name],
    ]),
  );
}

/**
 * The fingerprints of the firing alerts that inhibit this one (Alertmanager's
 * inhibitor: a source alert with equal `equal` labels, a missing label equal
 * to a missing one, and never the alert itself; it reports the first source).
 */
export function inhibitedBy(
  alert: AlertInstance,
  firing: AlertInstance[],
): string[] {
  if (alert.labels.severity !== 'warning') return [];
  const source = firing.find(
    s =>
      s.fingerprint !== alert.fingerprint &&
      s.labels.severity === 'critical' &&
      ['alertname', 'cluster'].every(
        name => (s.labels[name] ?? '') === (alert.labels[name] ?? ''),
      ),
  );
  return source ? [source.fingerprint] : [];
}

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

import { InputError, ServiceUnavailableError } from '@backstage/errors';
import {
  ANNOTATIONS,
  EntityAlert,
  EntityDashboard,
  EntityGrafanaResponse,
} from '@platform-portal/plugin-platform-common';
import { notConfigured as upstreamNotConfigured } from '../../clients/UpstreamClients';
import {
  GrafanaAlertRule,
  GrafanaSearchHit,
} from '../../clients/grafana/GrafanaClient';
import {
  parseDashboardSelector,
  SelectableDashboard,
} from './dashboardSelector';
import { annotationOf, notConfigured } from './entityAnnotations';
import { EntityRouteContext } from './EntityRouteContext';
import { parseLabelSelector } from './labelSelector';

/** Instance states shown: Grafana's `Alerting` (and `Alerting (NoData)`...) and `Pending`. */
function isActive(state: string): boolean {
  const s = state.toLowerCase();
  return s.startsWith('alerting') || s === 'firing' || s === 'pending';
}

function alertsOf(
  rules: GrafanaAlertRule[],
  matches: (labels: Record<string, string>) => boolean,
): EntityAlert[] {
  return rules.flatMap(rule =>
    (rule.alerts ?? [])
      .filter(a => isActive(a.state))
      .map(a => ({ ...a, labels: { ...rule.labels, ...a.labels } }))
      .filter(a => matches(a.labels))
      .map(a => {
        const annotations = { ...rule.annotations, ...a.annotations };
        return {
          name: a.labels.alertname ?? rule.name,
          state: a.state,
          ...(a.labels.severity ? { severity: a.labels.severity } : {}),
          ...(annotations.summary ? { summary: annotations.summary } : {}),
          ...(annotations.runbook_url
            ? { runbookUrl: annotations.runbook_url }
            : {}),
          ...(a.activeAt ? { activeAt: a.activeAt } : {}),
          labels: a.labels,
        };
      }),
  );
}

function dashboardsOf(
  hits: GrafanaSearchHit[],
  matches: (d: SelectableDashboard) => boolean,
): EntityDashboard[] {
  return hits
    .filter(h => h.type === undefined || h.type === 'dash-db')
    .filter(h =>
      matches({
        title: h.title,
        tags: h.tags ?? [],
        url: h.url,
        folderTitle: h.folderTitle,
      }),
    )
    .map(h => ({
      uid: h.uid,
      title: h.title,
      path: h.url,
      ...(h.folderTitle ? { folderTitle: h.folderTitle } : {}),
      tags: h.tags ?? [],
    }))
    .sort((a, b) => a.title.localeCompare(b.title));
}

/** GET /entity/:namespace/:kind/:name/grafana */
export function grafanaEntityRoute(context: EntityRouteContext): void {
  const { router, entities, clients, cache } = context;
  router.get('/entity/:namespace/:kind/:name/grafana', async (req, res) => {
    const { entity } = await entities.load(req);
    const dashboardSelector = annotationOf(
      entity,
      ANNOTATIONS.grafanaDashboardSelector,
    );
    const alertSelector = annotationOf(
      entity,
      ANNOTATIONS.grafanaAlertLabelSelector,
    );
    if (!dashboardSelector && !alertSelector) {
      const body: EntityGrafanaResponse = notConfigured(entity, [
        ANNOTATIONS.grafanaDashboardSelector,
        ANNOTATIONS.grafanaAlertLabelSelector,
      ]);
      res.json(body);
      return;
    }
    const grafana = clients.grafana();
    if (!grafana) {
      throw new ServiceUnavailableError(upstreamNotConfigured('grafana'));
    }
    const matchesDashboard = dashboardSelector
      ? parseDashboardSelector(dashboardSelector)
      : undefined;
    let matchesAlert: ((labels: Record<string, string>) => boolean) | undefined;
    if (alertSelector) {
      try {
        matchesAlert = parseLabelSelector(alertSelector);
      } catch (error) {
        throw new InputError(
          `Invalid ${ANNOTATIONS.grafanaAlertLabelSelector} on ${
            entity.metadata.name
          }: ${(error as Error).message}`,
        );
      }
    }
    // Every entity filters the same two shared reads.
    const [dashboards, rules] = await Promise.all([
      matchesDashboard
        ? cache.read('grafana:dashboards', () => grafana.allDashboards())
        : Promise.resolve([]),
      matchesAlert
        ? cache.read(
            'grafana:alert-rules',
            async () => (await grafana.alertRules()).data,
          )
        : Promise.resolve([]),
    ]);
    const body: EntityGrafanaResponse = {
      configured: true,
      ...(dashboardSelector ? { dashboardSelector } : {}),
      dashboards: matchesDashboard
        ? dashboardsOf(dashboards, matchesDashboard)
        : [],
      ...(alertSelector ? { alertSelector } : {}),
      alerts: matchesAlert ? alertsOf(rules, matchesAlert) : [],
      observedAt: new Date().toISOString(),
    };
    res.json(body);
  });
}

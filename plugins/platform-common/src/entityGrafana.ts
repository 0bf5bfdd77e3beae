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

import { EntityNotConfigured } from './entity';

/** A dashboard matching the entity's selector. @public */
export type EntityDashboard = {
  uid: string;
  title: string;
  /** Grafana-relative path, e.g. `/d/<uid>/<slug>`; join with Grafana's public URL. */
  path: string;
  folderTitle?: string;
  tags: string[];
};

/** A firing (or pending) alert of the entity, from Grafana unified alerting. @public */
export type EntityAlert = {
  name: string;
  /** Grafana's state, upstream casing (`Alerting`, `Pending`...). */
  state: string;
  severity?: string;
  summary?: string;
  runbookUrl?: string;
  activeAt?: string;
  labels: Record<string, string>;
};

/** GET /api/platform/entity/:namespace/:kind/:name/grafana @public */
export type EntityGrafanaResponse =
  | EntityNotConfigured
  | {
      configured: true;
      /** The `grafana/dashboard-selector` in force, when set. */
      dashboardSelector?: string;
      dashboards: EntityDashboard[];
      /** The `grafana/alert-label-selector` in force, when set. */
      alertSelector?: string;
      alerts: EntityAlert[];
      observedAt: string;
    };

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

import { Observed, UpstreamHttpClient } from '../http/UpstreamHttpClient';

export interface GrafanaSearchHit {
  uid: string;
  title: string;
  url: string;
  type?: string;
  tags?: string[];
  folderTitle?: string;
}

export interface GrafanaAlertInstance {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  state: string;
  activeAt?: string;
  value?: string;
}

export interface GrafanaAlertRule {
  name: string;
  state: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  alerts?: GrafanaAlertInstance[];
}

interface RulesEnvelope {
  status: string;
  data: { groups: Array<{ name: string; rules: GrafanaAlertRule[] }> };
}

const PAGE_SIZE = 1000;
const MAX_PAGES = 20;

/** Grafana HTTP API reads: dashboard search and unified-alerting rules. */
export class GrafanaClient {
  constructor(private readonly http: UpstreamHttpClient) {}

  /**
   * Dashboards carrying every one of `tags` (Grafana ANDs repeated `tag`).
   * Search has no total: page until a page is short.
   */
  async dashboardsByTags(
    tags: string[],
    signal?: AbortSignal,
  ): Promise<GrafanaSearchHit[]> {
    const hits: GrafanaSearchHit[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const { data } = await this.http.getJson<GrafanaSearchHit[]>(
        '/api/search',
        {
          type: 'dash-db',
          tag: tags,
          limit: String(PAGE_SIZE),
          page: String(page),
        },
        signal,
      );
      hits.push(...data);
      if (data.length < PAGE_SIZE) {
        break;
      }
    }
    return hits;
  }

  /** Every dashboard (for selectors that match on more than tags). */
  allDashboards(signal?: AbortSignal): Promise<GrafanaSearchHit[]> {
    return this.dashboardsByTags([], signal);
  }

  /** Grafana-managed alert rules with their instances (Prometheus-style listing). */
  async alertRules(
    signal?: AbortSignal,
  ): Promise<Observed<GrafanaAlertRule[]>> {
    const result = await this.http.getJson<RulesEnvelope>(
      '/api/prometheus/grafana/api/v1/rules',
      undefined,
      signal,
    );
    return {
      ...result,
      data: (result.data.data?.groups ?? []).flatMap(g => g.rules ?? []),
    };
  }
}

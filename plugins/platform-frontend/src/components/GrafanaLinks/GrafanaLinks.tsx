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

import { Link } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import {
  grafanaDashboardUrl,
  grafanaExploreUrl,
} from '@platform-portal/plugin-platform-common';
import Typography from '@material-ui/core/Typography';

/**
 * Links to the cluster's Grafana dashboard and to Explore on its metrics and
 * logs; says so when Grafana is not configured instead of linking nowhere.
 */
export function GrafanaLinks(props: { cluster: string; namespace?: string }) {
  const config = useApi(configApiRef);
  const grafana = config.getOptionalConfig('platform.links.grafana');
  if (!grafana) {
    return (
      <Typography variant="body2" color="textSecondary">
        Grafana links appear once platform.links.grafana.baseUrl is configured.
      </Typography>
    );
  }
  const baseUrl = grafana.getString('baseUrl');
  const dashboardUid = grafana.getOptionalString('clusterDashboardUid');
  const prometheus = grafana.getOptionalString('datasources.prometheus');
  const loki = grafana.getOptionalString('datasources.loki');
  const selector = props.namespace
    ? `{cluster="${props.cluster}", namespace="${props.namespace}"}`
    : `{cluster="${props.cluster}"}`;
  const links: Array<{ label: string; to: string }> = [];
  if (dashboardUid) {
    links.push({
      label: 'Cluster dashboard',
      to: grafanaDashboardUrl(baseUrl, dashboardUid, {
        vars: { cluster: props.cluster },
      }),
    });
  }
  if (prometheus) {
    links.push({
      label: 'Explore metrics',
      to: grafanaExploreUrl(baseUrl, {
        datasource: { type: 'prometheus', uid: prometheus },
        expr: `up${selector}`,
      }),
    });
  }
  if (loki) {
    links.push({
      label: 'Explore logs',
      to: grafanaExploreUrl(baseUrl, {
        datasource: { type: 'loki', uid: loki },
        expr: selector,
        queryType: 'range',
      }),
    });
  }
  // Separators only between the links there are.
  return (
    <Typography variant="body2" component="div">
      {links.map((link, i) => (
        <span key={link.label}>
          {i > 0 && ' · '}
          <Link to={link.to}>{link.label}</Link>
        </span>
      ))}
    </Typography>
  );
}

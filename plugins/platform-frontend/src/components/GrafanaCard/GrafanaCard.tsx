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

import { useEntity } from '@backstage/plugin-catalog-react';
import { Link } from '@backstage/core-components';
import {
  ANNOTATIONS,
  EntityGrafanaResponse,
} from '@platform-portal/plugin-platform-common';
import Typography from '@material-ui/core/Typography';
import { PlatformApi } from '../../api/PlatformApi';
import {
  EntityIntegrationCard,
  StatusWord,
  useEntityListStyles,
} from '../EntityIntegrationCard';
import { formatDateTime } from '../EntityIntegrationCard/format';
import {
  TelemetryLinks,
  TextWithTraceLinks,
  useGrafanaLinkTargets,
} from '../Telemetry';

type Configured = Extract<EntityGrafanaResponse, { configured: true }>;

const load = (
  api: PlatformApi,
  ref: Parameters<PlatformApi['getEntityGrafana']>[0],
) => api.getEntityGrafana(ref);

function Dashboards(props: { value: Configured }) {
  const classes = useEntityListStyles();
  const { baseUrl } = useGrafanaLinkTargets();
  const { dashboards, dashboardSelector } = props.value;
  if (!dashboardSelector) {
    return null;
  }
  return (
    <>
      <Typography variant="subtitle2" component="h3">
        Dashboards
      </Typography>
      {dashboards.length === 0 ? (
        <Typography variant="body2" color="textSecondary" paragraph>
          No dashboard matches {dashboardSelector}.
        </Typography>
      ) : (
        <ul className={classes.list} aria-label="Dashboards">
          {dashboards.map(d => (
            <li key={d.uid} className={classes.item}>
              <Typography variant="body2">
                {baseUrl ? (
                  <Link to={`${baseUrl.replace(/\/+$/, '')}${d.path}`}>
                    {d.title}
                  </Link>
                ) : (
                  d.title
                )}
                {d.folderTitle ? ` · ${d.folderTitle}` : ''}
              </Typography>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Alerts(props: { value: Configured }) {
  const classes = useEntityListStyles();
  const { alerts, alertSelector } = props.value;
  if (!alertSelector) {
    return null;
  }
  return (
    <>
      <Typography variant="subtitle2" component="h3" style={{ marginTop: 16 }}>
        Firing alerts
      </Typography>
      {alerts.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No alert with {alertSelector} is firing.
        </Typography>
      ) : (
        <ul className={classes.list} aria-label="Firing alerts">
          {alerts.map(a => (
            <li
              key={`${a.name}/${Object.entries(a.labels).sort().join(',')}`}
              className={classes.item}
            >
              <div className={classes.line}>
                {a.severity && <StatusWord value={a.severity} />}
                <Typography variant="body2" component="span">
                  <strong>{a.name}</strong>
                </Typography>
                <StatusWord value={a.state} />
                {a.labels.cluster && (
                  <Typography
                    variant="body2"
                    component="span"
                    color="textSecondary"
                  >
                    {a.labels.cluster}
                  </Typography>
                )}
                {a.activeAt && (
                  <Typography
                    variant="body2"
                    component="span"
                    color="textSecondary"
                  >
                    since {formatDateTime(a.activeAt)}
                  </Typography>
                )}
              </div>
              {a.summary && (
                <Typography variant="body2">
                  <TextWithTraceLinks text={a.summary} />
                </Typography>
              )}
              {a.runbookUrl && (
                <Typography variant="body2">
                  <Link to={a.runbookUrl}>Runbook</Link>
                </Typography>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * The entity's Grafana dashboards (`grafana/dashboard-selector`) and firing
 * alerts (`grafana/alert-label-selector`), with "View traces" and "View logs"
 * in Grafana Explore.
 *
 * @public
 */
export function GrafanaCard() {
  const { entity } = useEntity();
  return (
    <EntityIntegrationCard<Configured>
      title="Grafana"
      integration="Grafana"
      annotations={[
        ANNOTATIONS.grafanaDashboardSelector,
        ANNOTATIONS.grafanaAlertLabelSelector,
      ]}
      example={name =>
        `    ${ANNOTATIONS.grafanaDashboardSelector}: "tags @> '${name}'"\n    ${ANNOTATIONS.grafanaAlertLabelSelector}: service=${name}`
      }
      load={load}
      emptyMessage={() => undefined}
      action={
        <TelemetryLinks key={entity.metadata.uid ?? entity.metadata.name} />
      }
    >
      {value => (
        <>
          <Dashboards value={value} />
          <Alerts value={value} />
        </>
      )}
    </EntityIntegrationCard>
  );
}

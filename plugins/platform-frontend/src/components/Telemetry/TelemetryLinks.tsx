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
import {
  lokiAppLogsUrl,
  tempoServiceTracesUrl,
} from '@platform-portal/plugin-platform-common';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import DescriptionIcon from '@material-ui/icons/Description';
import TimelineIcon from '@material-ui/icons/Timeline';
import {
  logStreamOf,
  tracingServiceName,
  useGrafanaLinkTargets,
} from './grafanaLinkTargets';

/**
 * "View traces" (Tempo, the service's TraceQL) and "View logs" (Loki, its
 * namespace and app) in Grafana Explore, last hour. A link whose datasource
 * is not configured says which key to set instead of leading nowhere.
 */
export function TelemetryLinks() {
  const { entity } = useEntity();
  const { tempo, loki } = useGrafanaLinkTargets();
  const missing = (key: string) =>
    `Set platform.links.grafana.datasources.${key} to link to Grafana Explore`;
  const traces = tempo
    ? tempoServiceTracesUrl(tempo, tracingServiceName(entity))
    : undefined;
  const logs = loki ? lokiAppLogsUrl(loki, logStreamOf(entity)) : undefined;
  const button = (
    label: string,
    href: string | undefined,
    key: string,
    icon: JSX.Element,
  ) => (
    <Tooltip
      title={
        href ? `Open ${label.toLowerCase()} in Grafana Explore` : missing(key)
      }
    >
      <span>
        <Button
          size="small"
          color="primary"
          startIcon={icon}
          href={href ?? ''}
          target="_blank"
          rel="noopener noreferrer"
          disabled={!href}
        >
          {label}
        </Button>
      </span>
    </Tooltip>
  );
  return (
    <span>
      {button('View traces', traces, 'tempo', <TimelineIcon />)}
      {button('View logs', logs, 'loki', <DescriptionIcon />)}
    </span>
  );
}

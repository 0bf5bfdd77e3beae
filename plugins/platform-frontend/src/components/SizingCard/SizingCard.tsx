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

import {
  EmptyState,
  InfoCard,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  HealthVerdict,
  SizingFinding,
  SizingSeverity,
} from '@platform-portal/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Alert } from '@material-ui/lab';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../../api/PlatformApi';
import { BackendErrorPanel, isPermissionDenied } from '../BackendErrorPanel';
import { VerdictChip } from '../VerdictChip';
import { PLAIN_TABLE_OPTIONS } from '../plainTable';

const SEVERITY_ORDER: SizingSeverity[] = ['critical', 'warning', 'info', 'ok'];

// Info is advice, not a problem: it reads as ok with its own title.
const VERDICT_OF: Record<SizingSeverity, HealthVerdict> = {
  critical: 'critical',
  warning: 'warning',
  info: 'ok',
  ok: 'ok',
};

const columns: TableColumn<SizingFinding>[] = [
  {
    title: 'Severity',
    width: '12%',
    render: f => (
      <Box display="flex" flexDirection="column">
        <VerdictChip verdict={VERDICT_OF[f.severity]} />
        {f.severity === 'info' && (
          <Typography variant="caption" color="textSecondary">
            advice
          </Typography>
        )}
      </Box>
    ),
  },
  {
    title: 'Rule',
    width: '20%',
    render: f => (
      <>
        <Typography variant="body2">{f.title}</Typography>
        <Typography variant="caption" color="textSecondary">
          {f.layer}
        </Typography>
      </>
    ),
  },
  {
    title: 'What the cluster has',
    width: '38%',
    render: f => (
      <>
        <Typography variant="body2">{f.message}</Typography>
        <Typography variant="caption" color="textSecondary">
          {Object.entries(f.numbers)
            .map(([k, v]) => `${k}: ${v}`)
            .join(', ')}
        </Typography>
      </>
    ),
  },
  {
    title: 'The guide recommends',
    width: '30%',
    render: f => <Typography variant="body2">{f.recommendation}</Typography>,
  },
];

/**
 * The cluster's nodes against the guide's sizing, worst findings first.
 * `refusalShownElsewhere`: a view above, read with the same permission,
 * already says it is missing; the card then stays out of the way.
 */
export function SizingCard(props: {
  cluster: string;
  refusalShownElsewhere?: boolean;
}) {
  const platformApi = useApi(platformApiRef);
  const { value, loading, error } = useAsync(
    () => platformApi.getClusterSizing(props.cluster),
    [platformApi, props.cluster],
  );
  if (loading) return <Progress />;
  if (error && props.refusalShownElsewhere && isPermissionDenied(error)) {
    return null;
  }
  if (error)
    return <BackendErrorPanel error={error} title="Sizing unavailable" />;
  if (!value || value.nodes.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No nodes to size"
        description={`No node of ${props.cluster} is visible through the Kubernetes API.`}
      />
    );
  }
  const findings = [...value.findings].sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity),
  );
  const roles = (role: string) =>
    value.nodes.filter(n => n.role === role).length;
  return (
    <InfoCard
      title="Sizing"
      subheader={`${roles('control-plane')} control-plane and ${roles(
        'worker',
      )} worker nodes against the guide's ${value.profile} sizing`}
    >
      {value.usageError && (
        <Box mb={1}>
          <Alert severity="info">
            Usage from Prometheus unavailable: {value.usageError}
          </Alert>
        </Box>
      )}
      <Table<SizingFinding>
        options={{ ...PLAIN_TABLE_OPTIONS, toolbar: false }}
        columns={columns}
        data={findings}
      />
    </InfoCard>
  );
}

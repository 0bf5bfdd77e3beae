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
  CompoundEntityRef,
  getCompoundEntityRef,
} from '@backstage/catalog-model';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  EntityAlert,
  EntityArgocdResponse,
  EntityGitLabResponse,
  EntityGrafanaResponse,
} from '@platform-portal/plugin-platform-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { PlatformApi, platformApiRef } from '../../api/PlatformApi';
import { describeBackendError } from '../BackendErrorPanel';
import { StatusWord } from '../EntityIntegrationCard';
import { formatDateTime } from '../EntityIntegrationCard/format';
import { deploymentStatusRows } from './deploymentStatusRows';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  alerts: { display: 'flex', flexDirection: 'column', gap: theme.spacing(1) },
}));

type Read<T> = { loading: boolean; error?: Error; value?: T };

function useRead<T>(
  read: (api: PlatformApi, ref: CompoundEntityRef) => Promise<T>,
): Read<T> {
  const { entity } = useEntity();
  const api = useApi(platformApiRef);
  const ref = getCompoundEntityRef(entity);
  return useAsync(
    () => read(api, ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
}

/** The section's own loading and error states, so one slow upstream never hides the others. */
function Section<T>(props: {
  title: string;
  state: Read<T>;
  children: (value: T) => ReactNode;
}) {
  const classes = useStyles();
  const { state } = props;
  let content: ReactNode;
  if (state.loading) {
    content = <Progress />;
  } else if (state.error) {
    content = (
      <Typography variant="body2" color="error">
        Could not be read: {describeBackendError(state.error)}
      </Typography>
    );
  } else {
    content = props.children(state.value as T);
  }
  return (
    <section className={classes.section} aria-label={props.title}>
      <Typography variant="subtitle2" component="h3">
        {props.title}
      </Typography>
      {content}
    </section>
  );
}

function Muted(props: { children: ReactNode }) {
  return (
    <Typography variant="body2" color="textSecondary">
      {props.children}
    </Typography>
  );
}

function FiringAlerts(props: { value: EntityGrafanaResponse }) {
  const classes = useStyles();
  const { value } = props;
  if (!value.configured || !value.alertSelector) {
    return <Muted>No alert selector is set for this component.</Muted>;
  }
  if (value.alerts.length === 0) {
    return <Muted>No alert with {value.alertSelector} is firing.</Muted>;
  }
  const key = (a: EntityAlert) =>
    `${a.name}/${Object.entries(a.labels).sort().join(',')}`;
  return (
    <div className={classes.alerts}>
      {value.alerts.map(a => (
        <Alert
          key={key(a)}
          severity={a.severity === 'critical' ? 'error' : 'warning'}
        >
          <strong>{a.name}</strong> {a.state.toLocaleLowerCase('en-US')}
          {a.labels.cluster ? ` on ${a.labels.cluster}` : ''}
          {a.activeAt ? ` since ${formatDateTime(a.activeAt)}` : ''}
          {a.summary ? `: ${a.summary}` : ''}
          {a.runbookUrl && (
            <>
              {' '}
              <Link to={a.runbookUrl}>Runbook</Link>
            </>
          )}
        </Alert>
      ))}
    </div>
  );
}

function ClusterStatus(props: { value: EntityArgocdResponse }) {
  const { value } = props;
  if (!value.configured) {
    return <Muted>No Argo CD application is named for this component.</Muted>;
  }
  const rows = deploymentStatusRows(value.applications);
  return (
    <>
      {value.instanceErrors.map(e => (
        <Typography key={e.instance} variant="body2" color="error">
          Argo CD on {e.instance} could not be read: {e.message}
        </Typography>
      ))}
      {rows.length === 0 ? (
        <Muted>No Argo CD application matches {value.selector}.</Muted>
      ) : (
        <Table size="small" aria-label="Deployment status per cluster">
          <TableHead>
            <TableRow>
              <TableCell>Cluster</TableCell>
              <TableCell>Sync</TableCell>
              <TableCell>Health</TableCell>
              <TableCell>Running version</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map(row => (
              <TableRow key={row.key}>
                <TableCell component="th" scope="row">
                  {row.cluster}
                  {row.application ? (
                    <Typography variant="caption" display="block">
                      {row.application}
                    </Typography>
                  ) : null}
                </TableCell>
                <TableCell>
                  <StatusWord value={row.sync} />
                </TableCell>
                <TableCell>
                  <StatusWord value={row.health} />
                  {row.healthMessage && (
                    <Typography variant="caption" display="block">
                      {row.healthMessage}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>{row.version ?? 'unknown'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}

function LatestPipeline(props: { value: EntityGitLabResponse }) {
  const { value } = props;
  if (!value.configured) {
    return <Muted>No GitLab project is named for this component.</Muted>;
  }
  const [latest] = value.defaultBranch;
  if (!latest) {
    return (
      <Muted>
        No pipeline has run on {value.project.defaultBranch} of{' '}
        {value.project.path}.
      </Muted>
    );
  }
  return (
    <Typography variant="body2" component="div">
      <StatusWord value={latest.status} />{' '}
      {latest.webUrl ? (
        <Link to={latest.webUrl}>Pipeline #{latest.id}</Link>
      ) : (
        `Pipeline #${latest.id}`
      )}{' '}
      on {latest.ref}
      {latest.sha ? ` at ${latest.sha.slice(0, 8)}` : ''}
      {latest.createdAt ? `, ${formatDateTime(latest.createdAt)}` : ''}
    </Typography>
  );
}

/**
 * What is wrong with a component first: firing alerts, Argo CD's sync and
 * health with the running version on every cluster, and the latest pipeline
 * of the default branch. Each part loads and fails on its own.
 *
 * @public
 */
export function DeploymentStatusCard() {
  const argocd = useRead((api, ref) => api.getEntityArgocd(ref));
  const gitlab = useRead((api, ref) => api.getEntityGitLab(ref));
  const grafana = useRead((api, ref) => api.getEntityGrafana(ref));
  return (
    <InfoCard
      title="Deployment status"
      subheader="Firing alerts, Argo CD on every cluster and the latest pipeline"
    >
      <Section title="Firing alerts" state={grafana}>
        {value => <FiringAlerts value={value} />}
      </Section>
      <Section title="Clusters" state={argocd}>
        {value => <ClusterStatus value={value} />}
      </Section>
      <Section title="Latest pipeline" state={gitlab}>
        {value => <LatestPipeline value={value} />}
      </Section>
    </InfoCard>
  );
}

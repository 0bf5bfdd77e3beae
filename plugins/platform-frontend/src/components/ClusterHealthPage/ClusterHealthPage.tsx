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
  ContentHeader,
  InfoCard,
  Link,
  LinkButton,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  ClusterNode,
  getLayer,
  HealthCause,
  LayerHealth,
} from '@platform-portal/plugin-platform-common';
// Material UI's own: Backstage's grey crumbs fall short of AA contrast on
// the page background.
import Breadcrumbs from '@material-ui/core/Breadcrumbs';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { useHealthChanges } from '../../hooks/useHealthChanges';
import { platformApiRef } from '../../api/PlatformApi';
import { rootRouteRef } from '../../routes';
import {
  ApiUnreachablePanel,
  UnreachableRunbookSteps,
} from '../ApiUnreachable';
import { BackendErrorPanel } from '../BackendErrorPanel';
import { BackupPostureCard } from '../BackupPostureCard';
import { ClusterNotificationMute } from '../ClusterNotificationMute';
import { GrafanaLinks } from '../GrafanaLinks';
import { HealthCausesCard } from '../HealthCauses';
import { HealthHistory } from '../HealthHistory';
import { PlatformLayout } from '../PlatformLayout';
import { VerdictChip } from '../VerdictChip';
import { PLAIN_TABLE_OPTIONS } from '../plainTable';
import { formatAge } from '../FleetHealthMatrix/formatAge';
import { formatBytes } from './quantities';

/** The node a check's failure follows from, if it follows from one. */
function causeOf(
  causes: HealthCause[],
  layer: LayerHealth,
  checkId: string,
): HealthCause | undefined {
  return causes.find(
    c =>
      c.kind === 'node-not-ready' &&
      c.consequences.some(
        x => x.layer === layer.layer && x.checkId === checkId,
      ),
  );
}

const layerColumns = (causes: HealthCause[]): TableColumn<LayerHealth>[] => [
  {
    title: 'Layer',
    render: l => (
      <Link to={`layers/${l.layer}`}>{getLayer(l.layer).title}</Link>
    ),
  },
  {
    title: 'Verdict',
    render: l => (
      <VerdictChip
        verdict={l.verdict}
        lastKnownAt={l.lastKnown ? l.observedAt : undefined}
      />
    ),
  },
  {
    title: 'For',
    render: l =>
      l.verdict !== 'ok' && l.since ? (
        <time dateTime={l.since} title={new Date(l.since).toLocaleString()}>
          {formatAge(l.since, new Date()).replace(/ ago$/, '')}
        </time>
      ) : (
        '—'
      ),
  },
  {
    title: 'Findings',
    render: l =>
      l.checks
        .filter(c => c.verdict !== 'ok')
        .map(c => {
          const cause = causeOf(causes, l, c.id);
          return cause
            ? `${c.message} (follows from ${cause.object.replace('/', ' ')})`
            : c.message;
        })
        .join('; ') || '—',
  },
];

const nodeColumns: TableColumn<ClusterNode>[] = [
  { title: 'Node', field: 'name' },
  { title: 'Roles', render: n => n.roles.join(', ') },
  {
    title: 'Ready',
    render: n => <VerdictChip verdict={n.ready ? 'ok' : 'critical'} />,
  },
  { title: 'Kubelet', field: 'kubeletVersion' },
  { title: 'CPU', render: n => n.capacity.cpu ?? '—' },
  { title: 'Memory', render: n => formatBytes(n.capacity.memory) },
  { title: 'Pods', render: n => n.capacity.pods ?? '—' },
];

function ClusterHealthContent(props: { cluster: string }) {
  const platformApi = useApi(platformApiRef);
  const changes = useHealthChanges({ cluster: props.cluster });
  const { value, loading, error } = useAsync(async () => {
    const [health, detail, history] = await Promise.all([
      platformApi.getClusterHealth(props.cluster),
      platformApi.getCluster(props.cluster),
      platformApi.getHealthHistory(props.cluster),
    ]);
    return { health, detail, history };
  }, [platformApi, props.cluster, changes]);
  if (loading && !value) return <Progress />;
  if (error) return <BackendErrorPanel error={error} />;
  if (!value) return null;
  const { health, detail, history } = value;
  const causes = health.causes ?? [];
  const nodeCauses = causes.filter(c => c.kind !== 'api-unreachable');
  return (
    <Grid container spacing={2}>
      {health.unreachable && (
        <Grid item xs={12}>
          <ApiUnreachablePanel
            unreachable={health.unreachable}
            cause={causes.find(c => c.kind === 'api-unreachable')}
          />
        </Grid>
      )}
      {nodeCauses.length > 0 && (
        <Grid item xs={12}>
          <HealthCausesCard causes={nodeCauses} />
        </Grid>
      )}
      <Grid item xs={12}>
        <Table<LayerHealth>
          title="Layers"
          options={PLAIN_TABLE_OPTIONS}
          columns={layerColumns(causes)}
          data={health.layers}
        />
      </Grid>
      {health.unreachable && (
        <Grid item xs={12}>
          <InfoCard title="What to do while the API cannot be reached">
            <UnreachableRunbookSteps unreachable={health.unreachable} />
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12} md={6}>
        <InfoCard
          title="Overview"
          deepLink={{
            title: 'Catalog page',
            link: `/catalog/default/resource/${encodeURIComponent(
              props.cluster,
            )}`,
          }}
        >
          <Typography variant="body2">
            Provisioner: {detail.provisioner}
          </Typography>
          <Typography variant="body2">
            Environment: {detail.environment ?? '—'}
          </Typography>
          <Typography variant="body2">
            Kubernetes: {detail.kubernetesVersions.join(', ') || 'unknown'}
          </Typography>
          {detail.managementCluster && (
            <Typography variant="body2">
              Management cluster: {detail.managementCluster}
            </Typography>
          )}
          <Typography variant="body2">
            Verdict: <VerdictChip verdict={health.verdict} />
          </Typography>
          <GrafanaLinks cluster={props.cluster} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="History">
          <HealthHistory changes={history.changes} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <BackupPostureCard layers={health.layers} />
      </Grid>
      <Grid item xs={12}>
        {detail.liveError && (
          <BackendErrorPanel
            error={new Error(detail.liveError)}
            title="Live detail unavailable"
          />
        )}
        <Table<ClusterNode>
          title={`Nodes (${detail.nodes.length})`}
          options={PLAIN_TABLE_OPTIONS}
          columns={nodeColumns}
          data={detail.nodes}
        />
      </Grid>
    </Grid>
  );
}

/** Platform › cluster, and the way to the cluster's catalog page. */
function ClusterBreadcrumbs(props: { cluster: string }) {
  const platformRoot = useRouteRef(rootRouteRef);
  return (
    <Breadcrumbs aria-label="Breadcrumb" color="textPrimary">
      <Link to={platformRoot()}>Platform</Link>
      <Typography color="textPrimary">{props.cluster}</Typography>
    </Breadcrumbs>
  );
}

/** One cluster: outage, every layer's verdict, overview, history, nodes. */
export function ClusterHealthPage() {
  const { cluster = '' } = useParams();
  return (
    <PlatformLayout title={cluster} subtitle="Cluster health">
      <ClusterBreadcrumbs cluster={cluster} />
      <ContentHeader title="Cluster health">
        <LinkButton
          to={`/catalog/default/resource/${encodeURIComponent(cluster)}`}
          variant="outlined"
        >
          Catalog page
        </LinkButton>
        <LinkButton to="readiness" variant="outlined">
          Build-out readiness and sizing
        </LinkButton>
      </ContentHeader>
      <ClusterNotificationMute cluster={cluster} />
      <ClusterHealthContent cluster={cluster} />
    </PlatformLayout>
  );
}

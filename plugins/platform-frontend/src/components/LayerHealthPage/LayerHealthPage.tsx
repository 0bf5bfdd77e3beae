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

import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  getLayer,
  isLayerId,
  LayerId,
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
import { ApiUnreachablePanel } from '../ApiUnreachable';
import { BackendErrorPanel } from '../BackendErrorPanel';
import { GrafanaLinks } from '../GrafanaLinks';
import { HealthHistory } from '../HealthHistory';
import { PlatformLayout } from '../PlatformLayout';
import { RunbookDiagnostic } from '../RunbookDiagnostics';
import { RunbookSteps } from '../RunbookSteps';
import { VerdictChip } from '../VerdictChip';
import { ChecksTable } from './ChecksTable';

function LayerHealthContent(props: { cluster: string; layer: LayerId }) {
  const { cluster, layer } = props;
  const platformApi = useApi(platformApiRef);
  const changes = useHealthChanges({ cluster, layer });
  const { value, loading, error } = useAsync(async () => {
    const [health, history] = await Promise.all([
      platformApi.getLayerHealth(cluster, layer),
      platformApi.getHealthHistory(cluster),
    ]);
    return { health, changes: history.changes.filter(c => c.layer === layer) };
  }, [platformApi, cluster, layer, changes]);

  if (loading && !value) return <Progress />;
  if (error) return <BackendErrorPanel error={error} />;
  if (!value) return null;

  const definition = getLayer(layer);
  const { unreachable } = value.health;
  const failing = value.health.checks.filter(c => c.verdict !== 'ok');
  const remediations = failing.flatMap(c =>
    c.remediation ? [c.remediation] : [],
  );
  // While the API cannot be reached, only the runbooks that do not need it.
  const runbookIds = unreachable
    ? unreachable.runbooks
    : [
        ...new Set([
          ...remediations.map(r => r.runbook),
          ...failing.flatMap(c => (c.runbook ? [c.runbook] : [])),
          ...(failing.length > 0 ? definition.runbooks : []),
        ]),
      ];
  const provisioner = remediations[0]?.provisioner;
  // The names the checks' evidence gave, for the steps they do not point at.
  const values = Object.assign({}, ...remediations.map(r => r.values));
  return (
    <Grid container spacing={2}>
      {unreachable && (
        <Grid item xs={12}>
          <ApiUnreachablePanel unreachable={unreachable} />
        </Grid>
      )}
      <Grid item xs={12} md={8}>
        <InfoCard title="Verdict">
          <Typography variant="h5" component="p">
            <VerdictChip
              verdict={value.health.verdict}
              lastKnownAt={
                value.health.lastKnown ? value.health.observedAt : undefined
              }
            />
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {value.health.lastKnown ? 'Last observed' : 'Observed'}{' '}
            <time dateTime={value.health.observedAt}>
              {new Date(value.health.observedAt).toLocaleString()}
            </time>
          </Typography>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title="Owners and links">
          <Typography variant="body2">
            Owned by{' '}
            {definition.owners.map((owner, i) => (
              <span key={owner}>
                {i > 0 && ', '}
                <Link to={`/catalog/default/group/${owner}`}>{owner}</Link>
              </span>
            ))}
          </Typography>
          <GrafanaLinks cluster={cluster} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <ChecksTable checks={value.health.checks} withRunbooks={!unreachable} />
      </Grid>
      {runbookIds.length > 0 && (
        <Grid item xs={12}>
          <InfoCard title="What to do">
            {runbookIds.map(id => (
              <div key={id} id={`runbook-${id}`}>
                <RunbookSteps
                  id={id}
                  provisioner={unreachable ? undefined : provisioner}
                  values={unreachable ? undefined : values}
                  applies={remediations
                    .filter(r => r.runbook === id)
                    .map(r => r.step)}
                />
                {!unreachable && (
                  <RunbookDiagnostic cluster={cluster} runbook={id} />
                )}
              </div>
            ))}
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12}>
        <InfoCard title="History">
          <HealthHistory changes={value.changes} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}

function LayerBreadcrumbs(props: { cluster: string; layer: LayerId }) {
  const platformRoot = useRouteRef(rootRouteRef);
  const root = platformRoot().replace(/\/+$/, '');
  return (
    <Breadcrumbs aria-label="Breadcrumb" color="textPrimary">
      <Link to={platformRoot()}>Platform</Link>
      <Link to={`${root}/clusters/${encodeURIComponent(props.cluster)}`}>
        {props.cluster}
      </Link>
      <Typography color="textPrimary">{getLayer(props.layer).title}</Typography>
    </Breadcrumbs>
  );
}

/** One layer of one cluster: checks, evidence, runbooks, owners, history. */
export function LayerHealthPage() {
  const { cluster = '', layer = '' } = useParams();
  if (!isLayerId(layer)) {
    return (
      <PlatformLayout title={cluster}>
        <BackendErrorPanel
          error={new Error(`There is no layer called '${layer}'.`)}
          title="Unknown layer"
        />
      </PlatformLayout>
    );
  }
  return (
    <PlatformLayout
      title={`${cluster} · ${getLayer(layer).title}`}
      subtitle="Layer health"
    >
      <LayerBreadcrumbs cluster={cluster} layer={layer} />
      <LayerHealthContent cluster={cluster} layer={layer} />
    </PlatformLayout>
  );
}

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

import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  Content,
  EmptyState,
  InfoCard,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { platformApiRef } from '../../api/PlatformApi';
import { BackendErrorPanel } from '../BackendErrorPanel';
import { NotConfigured } from '../EntityIntegrationCard';
import { ClusterWorkloadsSection } from './ClusterWorkloadsSection';

const useStyles = makeStyles(theme => ({
  clusters: { display: 'flex', flexDirection: 'column', gap: theme.spacing(3) },
}));

/**
 * The Workloads tab: for every cluster where the component runs, what is
 * wrong first, then its rollouts, pods with their logs, and events.
 *
 * @public
 */
export function WorkloadsContent() {
  const classes = useStyles();
  const { entity } = useEntity();
  const api = useApi(platformApiRef);
  const ref = getCompoundEntityRef(entity);
  const state = useAsyncRetry(
    () => api.getEntityWorkloads(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
  let content;
  if (state.loading && !state.value) {
    content = <Progress />;
  } else if (state.error) {
    content = (
      <BackendErrorPanel
        error={state.error}
        title="The workloads could not be read"
      />
    );
  } else if (!state.value?.configured) {
    content = (
      <InfoCard title="Workloads">
        <NotConfigured
          integration="Kubernetes"
          annotations={state.value?.annotations ?? []}
          example={`    backstage.io/kubernetes-namespace: my-team\n    backstage.io/kubernetes-id: ${entity.metadata.name}`}
        />
      </InfoCard>
    );
  } else {
    const value = state.value;
    content = (
      <div className={classes.clusters}>
        {value.clusterErrors.length > 0 && (
          <WarningPanel
            severity="warning"
            title={`${value.clusterErrors.length} cluster${
              value.clusterErrors.length === 1 ? '' : 's'
            } could not be read; the others are shown`}
          >
            <ul>
              {value.clusterErrors.map(e => (
                <li key={e.cluster}>
                  {e.cluster}: {e.message}
                </li>
              ))}
            </ul>
          </WarningPanel>
        )}
        {value.hiddenClusters > 0 && (
          <Typography variant="body2" color="textSecondary">
            {value.hiddenClusters} cluster
            {value.hiddenClusters === 1 ? '' : 's'} where namespace{' '}
            {value.namespace} belongs to another team, or to a team you are not
            in, are left out.
          </Typography>
        )}
        {value.clusters.length === 0 ? (
          <EmptyState
            missing="data"
            title="No workloads found"
            description={`Nothing labelled ${value.selector} runs in namespace ${value.namespace} on a cluster you may see.`}
          />
        ) : (
          value.clusters.map(c => (
            <InfoCard key={c.cluster}>
              <ClusterWorkloadsSection
                entity={ref}
                value={c}
                onChanged={state.retry}
              />
            </InfoCard>
          ))
        )}
      </div>
    );
  }
  return <Content noPadding>{content}</Content>;
}

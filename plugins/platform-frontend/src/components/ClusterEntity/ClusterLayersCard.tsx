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
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { getLayer } from '@platform-portal/plugin-platform-common';
import List from '@material-ui/core/List';
import Typography from '@material-ui/core/Typography';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../../api/PlatformApi';
import { BackendErrorPanel } from '../BackendErrorPanel';
import { VerdictChip } from '../VerdictChip';

/** The 13 layers' verdicts for a cluster entity, each linking to its evidence. @public */
export function ClusterLayersCard() {
  const { entity } = useEntity();
  const cluster = entity.metadata.name;
  const platformApi = useApi(platformApiRef);
  const { value, loading, error } = useAsync(
    () => platformApi.getClusterHealth(cluster),
    [platformApi, cluster],
  );
  return (
    <InfoCard
      title="Platform layers"
      subheader={value ? undefined : 'Health of every layer'}
    >
      {loading && <Progress />}
      {error && <BackendErrorPanel error={error} />}
      {value?.unreachable && (
        <Typography variant="body2" color="error" role="status">
          Kubernetes API unreachable since{' '}
          {new Date(value.unreachable.since).toLocaleString()}: last known
          verdicts.
        </Typography>
      )}
      {value && (
        <List dense aria-label={`Layers of ${cluster}`}>
          {value.layers.map(layer => (
            <ListItem key={layer.layer}>
              <ListItemText
                primary={
                  <Link
                    to={`/platform/clusters/${encodeURIComponent(
                      cluster,
                    )}/layers/${layer.layer}`}
                  >
                    {getLayer(layer.layer).title}
                  </Link>
                }
              />
              <VerdictChip
                verdict={layer.verdict}
                lastKnownAt={layer.lastKnown ? layer.observedAt : undefined}
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}

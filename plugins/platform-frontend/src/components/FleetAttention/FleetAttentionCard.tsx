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
  ClusterHealthSummary,
  LAYERS,
} from '@platform-portal/plugin-platform-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../../api/PlatformApi';
import { rootRouteRef } from '../../routes';
import { BackendErrorPanel } from '../BackendErrorPanel';
import { worstFirst } from '../FleetHealthMatrix/matrixFilters';
import { VerdictChip } from '../VerdictChip';

const SHOWN = 5;
const TITLES = new Map(LAYERS.map(layer => [layer.id, layer.title]));

/** One line on what is wrong: the outage, or the layers at the row's verdict. */
function whatIsWrong(row: ClusterHealthSummary): string {
  if (row.unreachable) {
    return `Kubernetes API unreachable since ${new Date(
      row.unreachable.since,
    ).toLocaleString()}`;
  }
  const layers = row.layers
    .filter(layer => layer.verdict === row.verdict)
    .map(layer => TITLES.get(layer.layer) ?? layer.layer);
  return layers.join(', ');
}

/**
 * The fleet's worst clusters, for the home page: the ones to look at first,
 * in the fleet matrix's order, each linking to its cluster page.
 */
export function FleetAttentionContent() {
  const api = useApi(platformApiRef);
  const platformRoot = useRouteRef(rootRouteRef);
  const { value, loading, error } = useAsync(() => api.getFleetHealth(), [api]);

  let content: JSX.Element;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <BackendErrorPanel error={error} />;
  } else {
    const problems = worstFirst(
      (value?.clusters ?? []).map(health => ({ health })),
    ).filter(row => row.health.verdict !== 'ok');
    content =
      problems.length === 0 ? (
        <Typography>
          Every one of the {value?.clusters.length ?? 0} clusters is OK.
        </Typography>
      ) : (
        <>
          <List dense aria-label="Clusters that need attention">
            {problems.slice(0, SHOWN).map(({ health }) => (
              <ListItem key={health.cluster}>
                <VerdictChip verdict={health.verdict} compact />
                <ListItemText
                  style={{ marginLeft: 8 }}
                  primary={
                    <Link
                      to={`${platformRoot()}/clusters/${encodeURIComponent(
                        health.cluster,
                      )}`}
                    >
                      {health.cluster}
                    </Link>
                  }
                  secondary={whatIsWrong(health)}
                />
              </ListItem>
            ))}
          </List>
          {problems.length > SHOWN && (
            <Typography variant="body2">
              and {problems.length - SHOWN} more in the{' '}
              <Link to={platformRoot()}>fleet view</Link>
            </Typography>
          )}
        </>
      );
  }
  return content;
}

/** The same in a card of its own, for pages without the home's widget frame. */
export function FleetAttentionCard() {
  const platformRoot = useRouteRef(rootRouteRef);
  return (
    <InfoCard
      title="Clusters that need attention"
      deepLink={{ title: 'Fleet health', link: platformRoot() }}
    >
      <FleetAttentionContent />
    </InfoCard>
  );
}

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

import { Link, Progress } from '@backstage/core-components';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  identityApiRef,
  useApi,
  useRouteRef,
} from '@backstage/core-plugin-api';
import {
  HealthVerdict,
  LAYERS,
  LayerId,
} from '@platform-portal/plugin-platform-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../../api/PlatformApi';
import { rootRouteRef } from '../../routes';
import { BackendErrorPanel } from '../BackendErrorPanel';
import { VerdictChip } from '../VerdictChip';
import { teamGroups } from './teamGroups';
import { catalogPath, loadTeamServices, serviceProblems } from './teamServices';

const SHOWN = 8;
// As many services as the home's service list reads.
const SERVICES_READ = 10;
const LAYER_BY_ID = new Map(LAYERS.map(layer => [layer.id, layer]));

interface Problem {
  cluster: string;
  layer: LayerId;
  verdict: HealthVerdict;
  since?: string;
}

/**
 * The open problems of the signed-in person's teams: their services' Argo
 * CD applications that are not synced and healthy, and the critical and
 * warning layers, across the fleet, of the layers their groups own (the
 * platform guide's owners); critical first, the longest-lasting first.
 */
export function TeamProblemsContent() {
  const api = useApi(platformApiRef);
  const catalog = useApi(catalogApiRef);
  const identity = useApi(identityApiRef);
  const platformRoot = useRouteRef(rootRouteRef);
  const { value, loading, error } = useAsync(async () => {
    const [{ ownershipEntityRefs }, fleet] = await Promise.all([
      identity.getBackstageIdentity(),
      api.getFleetHealth(),
    ]);
    const groups = teamGroups(ownershipEntityRefs);
    const owned = (layer: LayerId) =>
      (LAYER_BY_ID.get(layer)?.owners ?? []).some(o => groups.includes(o));
    const problems: Problem[] = fleet.clusters.flatMap(row =>
      row.layers
        .filter(l => l.verdict === 'critical' || l.verdict === 'warning')
        .filter(l => owned(l.layer))
        .map(l => ({
          cluster: row.cluster,
          layer: l.layer,
          verdict: l.verdict,
          since: l.since,
        })),
    );
    problems.sort(
      (a, b) =>
        Number(b.verdict === 'critical') - Number(a.verdict === 'critical') ||
        (a.since ?? '').localeCompare(b.since ?? '') ||
        a.cluster.localeCompare(b.cluster),
    );
    const ownsLayers = LAYERS.some(layer =>
      layer.owners.some(o => groups.includes(o)),
    );
    const { services } = await loadTeamServices(
      catalog,
      api,
      ownershipEntityRefs,
      SERVICES_READ,
    );
    return {
      groups,
      problems,
      ownsLayers,
      services: serviceProblems(services),
    };
  }, [api, catalog, identity]);

  if (loading) return <Progress />;
  if (error) return <BackendErrorPanel error={error} />;
  if (!value) return null;
  if (value.groups.length === 0) {
    return (
      <Typography>
        You are in no team yet; your team's problems show here once you are.
      </Typography>
    );
  }
  const shownLayers = value.problems.slice(
    0,
    Math.max(SHOWN - value.services.length, 0),
  );
  if (value.problems.length === 0 && value.services.length === 0) {
    return (
      <Typography>
        {value.ownsLayers
          ? `No open problem on the layers ${value.groups.join(
              ', ',
            )} own or on their services.`
          : `No open problem on the services of ${value.groups.join(
              ', ',
            )}, who own no platform layer.`}
      </Typography>
    );
  }
  return (
    <>
      <List dense aria-label="Your team's open problems">
        {value.services.slice(0, SHOWN).map(p => (
          <ListItem key={`${p.entity.metadata.name}/${p.instance}`}>
            <VerdictChip verdict={p.verdict} compact />
            <ListItemText
              style={{ marginLeft: 8 }}
              primary={
                <Link to={catalogPath(p.entity)}>
                  {p.entity.metadata.title ?? p.entity.metadata.name} on{' '}
                  {p.instance}: {p.detail}
                </Link>
              }
            />
          </ListItem>
        ))}
        {shownLayers.map(p => (
          <ListItem key={`${p.cluster}/${p.layer}`}>
            <VerdictChip verdict={p.verdict} compact />
            <ListItemText
              style={{ marginLeft: 8 }}
              primary={
                <Link
                  to={`${platformRoot()}/clusters/${encodeURIComponent(
                    p.cluster,
                  )}/layers/${p.layer}`}
                >
                  {p.cluster}: {LAYER_BY_ID.get(p.layer)?.title ?? p.layer}
                </Link>
              }
              secondary={
                p.since
                  ? `since ${new Date(p.since).toLocaleString()}`
                  : undefined
              }
            />
          </ListItem>
        ))}
      </List>
      {value.problems.length > shownLayers.length && (
        <Typography variant="body2">
          and {value.problems.length - shownLayers.length} more in the{' '}
          <Link to={platformRoot()}>fleet view</Link>
        </Typography>
      )}
    </>
  );
}

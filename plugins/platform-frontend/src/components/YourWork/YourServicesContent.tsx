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

import { Link, LinkButton, Progress } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { EntityArgocdResponse } from '@platform-portal/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../../api/PlatformApi';
import { BackendErrorPanel } from '../BackendErrorPanel';
import { teamGroups } from './teamGroups';
import { catalogPath, loadTeamServices } from './teamServices';

const SHOWN = 10;

/** How the service runs on each cluster, as the component's Argo CD card reads it. */
function ServiceState(props: {
  argocd?: EntityArgocdResponse;
  failed?: string;
}) {
  if (props.failed) {
    return (
      <Typography variant="body2" color="textSecondary">
        Argo CD could not be read: {props.failed}
      </Typography>
    );
  }
  const argocd = props.argocd;
  if (!argocd || !argocd.configured) {
    return (
      <Typography variant="body2" color="textSecondary">
        Not deployed by Argo CD
      </Typography>
    );
  }
  if (argocd.applications.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No Argo CD application matches {argocd.selector}
      </Typography>
    );
  }
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
      {argocd.applications.map(app => {
        const good =
          app.syncStatus === 'Synced' && app.healthStatus === 'Healthy';
        return (
          <Chip
            key={`${app.instance}/${app.name}`}
            size="small"
            variant="outlined"
            // Weight, not colour alone, marks a service that needs a look.
            style={good ? undefined : { fontWeight: 700 }}
            label={`${app.instance}: ${app.syncStatus}, ${app.healthStatus}`}
          />
        );
      })}
      {argocd.instanceErrors.map(e => (
        <Chip
          key={e.instance}
          size="small"
          variant="outlined"
          style={{ fontWeight: 700 }}
          label={`${e.instance}: not answering`}
        />
      ))}
    </Box>
  );
}

/**
 * The services of the signed-in person's teams (components their groups
 * own) with their Argo CD sync and health on every cluster.
 */
export function YourServicesContent() {
  const catalog = useApi(catalogApiRef);
  const identity = useApi(identityApiRef);
  const platform = useApi(platformApiRef);
  const { value, loading, error } = useAsync(async () => {
    const { ownershipEntityRefs } = await identity.getBackstageIdentity();
    const groups = teamGroups(ownershipEntityRefs);
    const { services, total } = await loadTeamServices(
      catalog,
      platform,
      ownershipEntityRefs,
      SHOWN,
    );
    return { groups, services, total };
  }, [catalog, identity, platform]);

  if (loading) return <Progress />;
  if (error) return <BackendErrorPanel error={error} />;
  if (!value) return null;
  if (value.services.length === 0) {
    return (
      <>
        <Typography>
          {value.groups.length === 0
            ? 'You are in no team yet, so no service is yours.'
            : `No component is owned by ${value.groups.join(' or ')} yet.`}
        </Typography>
        {value.groups.length > 0 && (
          <Box mt={1}>
            <LinkButton to="/create" variant="outlined" size="small">
              Create a service
            </LinkButton>
          </Box>
        )}
      </>
    );
  }
  return (
    <>
      <List dense aria-label="Your services">
        {value.services.map(({ entity, argocd, failed }) => (
          <ListItem key={entity.metadata.name} divider>
            <ListItemText
              disableTypography
              primary={
                <Link to={catalogPath(entity)}>
                  {entity.metadata.title ?? entity.metadata.name}
                </Link>
              }
              secondary={<ServiceState argocd={argocd} failed={failed} />}
            />
          </ListItem>
        ))}
      </List>
      {(value.total ?? 0) > SHOWN && (
        <Typography variant="body2">
          and {(value.total ?? 0) - SHOWN} more in the{' '}
          <Link to="/catalog?filters%5Bkind%5D=component&filters%5Buser%5D=owned">
            catalog
          </Link>
        </Typography>
      )}
    </>
  );
}

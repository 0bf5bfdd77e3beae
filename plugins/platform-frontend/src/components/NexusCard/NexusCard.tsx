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

import { WarningPanel } from '@backstage/core-components';
import {
  ANNOTATIONS,
  EntityNexusResponse,
  NexusArtifact,
} from '@platform-portal/plugin-platform-common';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { PlatformApi } from '../../api/PlatformApi';
import { EntityIntegrationCard } from '../EntityIntegrationCard';
import { formatBytes, formatDateTime } from '../EntityIntegrationCard/format';

type Configured = Extract<EntityNexusResponse, { configured: true }>;

const load = (
  api: PlatformApi,
  ref: Parameters<PlatformApi['getEntityNexus']>[0],
) => api.getEntityNexus(ref);

const LABELS = { docker: 'Docker image', helm: 'Helm chart' } as const;

const useStyles = makeStyles({
  // Versions and sizes read badly broken over lines in a half-width card.
  nowrap: { whiteSpace: 'nowrap', '& th': { whiteSpace: 'nowrap' } },
});

function ArtifactTable(props: { artifact: NexusArtifact }) {
  const classes = useStyles();
  const { artifact } = props;
  const title = `${LABELS[artifact.format]} ${artifact.name}`;
  return (
    <>
      <Typography variant="subtitle2" component="h3" gutterBottom>
        {title}
      </Typography>
      {artifact.versions.length === 0 ? (
        <Typography variant="body2" color="textSecondary" paragraph>
          No version of {artifact.name} is in Nexus.
        </Typography>
      ) : (
        <Table size="small" aria-label={title} style={{ marginBottom: 16 }}>
          <TableHead>
            <TableRow className={classes.nowrap}>
              <TableCell>Version</TableCell>
              <TableCell>Repository</TableCell>
              <TableCell align="right">Size</TableCell>
              <TableCell>Last modified</TableCell>
              <TableCell>Running on</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {artifact.versions.map(v => (
              <TableRow key={`${v.repository}/${v.version}`}>
                <TableCell className={classes.nowrap}>{v.version}</TableCell>
                <TableCell>{v.repository}</TableCell>
                <TableCell align="right" className={classes.nowrap}>
                  {v.sizeBytes === undefined ? '—' : formatBytes(v.sizeBytes)}
                </TableCell>
                <TableCell>
                  {v.lastModified ? formatDateTime(v.lastModified) : '—'}
                </TableCell>
                <TableCell>
                  {v.clusters.length === 0
                    ? '—'
                    : v.clusters.map(c => (
                        <Chip
                          key={c}
                          size="small"
                          label={c}
                          style={{ marginRight: 4 }}
                        />
                      ))}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}

/**
 * The entity's Docker images and Helm charts in Nexus, each version with its
 * repository, size, date and the clusters running it. Read through the
 * backend, so no Nexus credential reaches the browser.
 *
 * @public
 */
export function NexusCard() {
  return (
    <EntityIntegrationCard<Configured>
      title="Nexus artifacts"
      integration="Nexus"
      annotations={[ANNOTATIONS.nexusDockerImage, ANNOTATIONS.nexusHelmChart]}
      example={name =>
        `    ${ANNOTATIONS.nexusDockerImage}: <group>/${name}\n    ${ANNOTATIONS.nexusHelmChart}: ${name}`
      }
      load={load}
      emptyMessage={value => {
        if (!value.artifacts.every(a => a.versions.length === 0)) {
          return undefined;
        }
        const names = value.artifacts.map(a => a.name).join(' or ');
        const hidden = value.hiddenVersions ?? 0;
        return hidden > 0
          ? `No version of ${names} shown: ${hidden} version${
              hidden === 1 ? '' : 's'
            } of other teams hidden.`
          : `Nexus has no version of ${names}.`;
      }}
    >
      {value => (
        <>
          {value.clusterErrors.length > 0 && (
            <WarningPanel
              severity="warning"
              title={`Which versions run on ${
                value.clusterErrors.length
              } cluster${
                value.clusterErrors.length === 1 ? '' : 's'
              } is unknown`}
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
          {(value.hiddenVersions ?? 0) > 0 && (
            <Typography variant="body2" color="textSecondary">
              {value.hiddenVersions} version
              {value.hiddenVersions === 1 ? '' : 's'} of other teams hidden
            </Typography>
          )}
          {value.artifacts.map(a => (
            <ArtifactTable key={`${a.format}/${a.name}`} artifact={a} />
          ))}
        </>
      )}
    </EntityIntegrationCard>
  );
}

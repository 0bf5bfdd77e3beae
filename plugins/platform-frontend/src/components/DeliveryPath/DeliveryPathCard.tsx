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

import { Link } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ANNOTATIONS,
  DeliveryPath,
  EntityDeliveryResponse,
  tempoServiceTracesUrl,
} from '@platform-portal/plugin-platform-common';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { PlatformApi } from '../../api/PlatformApi';
import { EntityIntegrationCard, StatusWord } from '../EntityIntegrationCard';
import { formatDateTime } from '../EntityIntegrationCard/format';
import {
  tracingServiceName,
  useGrafanaLinkTargets,
} from '../Telemetry/grafanaLinkTargets';
import { DeliveryTimeline } from './DeliveryTimeline';

type Configured = Extract<EntityDeliveryResponse, { configured: true }>;

const load = (
  api: PlatformApi,
  ref: Parameters<PlatformApi['getEntityDelivery']>[0],
) => api.getEntityDelivery(ref);

const useStyles = makeStyles(theme => ({
  summary: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
  },
  commitLine: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1.5),
  },
  details: { display: 'block' },
}));

function ChangeSummary(props: { change: DeliveryPath }) {
  const classes = useStyles();
  const { change } = props;
  const current = change.stages.find(s => s.id === change.current);
  return (
    <div className={classes.summary}>
      <div className={classes.commitLine}>
        <StatusWord value={current ? current.status : 'done'} />
        <Typography variant="body2" component="span">
          <code>{change.commit.shortSha}</code> {change.commit.title}
        </Typography>
        {change.commit.author && (
          <Typography variant="body2" component="span" color="textSecondary">
            {change.commit.author}
          </Typography>
        )}
        {change.commit.createdAt && (
          <Typography variant="body2" component="span" color="textSecondary">
            {formatDateTime(change.commit.createdAt)}
          </Typography>
        )}
      </div>
      <Typography variant="body2">{change.summary}</Typography>
    </div>
  );
}

/**
 * The delivery path of the entity's latest commits: for each, its pipeline,
 * image, manifest bump, Argo CD sync and health, route and certificate,
 * traffic and traces, where the change is now and what blocks it.
 *
 * @public
 */
export function DeliveryPathCard() {
  const classes = useStyles();
  const { entity } = useEntity();
  const { tempo } = useGrafanaLinkTargets();
  const tracesUrl = tempo
    ? tempoServiceTracesUrl(tempo, tracingServiceName(entity))
    : undefined;
  return (
    <EntityIntegrationCard<Configured>
      title="Delivery path"
      integration="Delivery"
      annotations={[ANNOTATIONS.gitlabProjectSlug]}
      example={name => `    ${ANNOTATIONS.gitlabProjectSlug}: <group>/${name}`}
      load={load}
      emptyMessage={value =>
        value.changes.length === 0
          ? `${value.project.path} has no commit on ${value.project.defaultBranch}.`
          : undefined
      }
    >
      {value => (
        <>
          <Typography variant="subtitle2" component="h3" gutterBottom>
            Latest commits of{' '}
            {value.project.webUrl ? (
              <Link to={value.project.webUrl}>{value.project.path}</Link>
            ) : (
              value.project.path
            )}{' '}
            · {value.project.defaultBranch}
          </Typography>
          {value.changes.map((change, index) => (
            <Accordion
              key={change.commit.sha}
              defaultExpanded={index === 0}
              TransitionProps={{ unmountOnExit: true }}
            >
              <AccordionSummary
                expandIcon={<ExpandMoreIcon />}
                aria-label={`Commit ${change.commit.shortSha}`}
              >
                <ChangeSummary change={change} />
              </AccordionSummary>
              <AccordionDetails className={classes.details}>
                <DeliveryTimeline change={change} tracesUrl={tracesUrl} />
              </AccordionDetails>
            </Accordion>
          ))}
        </>
      )}
    </EntityIntegrationCard>
  );
}

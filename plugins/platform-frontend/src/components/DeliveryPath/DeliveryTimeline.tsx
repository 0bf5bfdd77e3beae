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
import {
  DeliveryPath,
  DeliveryStage,
} from '@platform-portal/plugin-platform-common';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { formatDateTime } from '../EntityIntegrationCard/format';
import { StatusWord } from '../EntityIntegrationCard';

const useStyles = makeStyles(theme => ({
  timeline: { listStyle: 'none', margin: 0, padding: 0 },
  stage: {
    position: 'relative',
    padding: theme.spacing(0.75, 0, 0.75, 3),
    borderLeft: `2px solid ${theme.palette.divider}`,
    marginLeft: theme.spacing(1),
  },
  current: {
    borderLeft: `2px solid ${theme.palette.primary.main}`,
    background: theme.palette.action.hover,
  },
  heading: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1.5),
  },
  evidence: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(2),
    fontSize: theme.typography.body2.fontSize,
    color: theme.palette.text.secondary,
    wordBreak: 'break-word',
  },
}));

const LINK_WORDS: Partial<Record<DeliveryStage['id'], string>> = {
  commit: 'Commit in GitLab',
  pipeline: 'Pipeline in GitLab',
  traces: 'Open traces in Tempo',
};

function StageItem(props: {
  stage: DeliveryStage;
  current: boolean;
  link?: string;
}) {
  const classes = useStyles();
  const { stage } = props;
  const link = props.link ?? stage.link;
  return (
    <li
      className={`${classes.stage} ${props.current ? classes.current : ''}`}
      aria-current={props.current ? 'step' : undefined}
      aria-label={`${stage.title}: ${stage.status}`}
    >
      <div className={classes.heading}>
        <StatusWord value={stage.status} />
        <Typography variant="body2" component="span">
          <strong>{stage.title}</strong>
        </Typography>
        {stage.at && (
          <Typography variant="body2" component="span" color="textSecondary">
            {formatDateTime(stage.at)}
          </Typography>
        )}
        {link && (
          <Link to={link} target="_blank" rel="noopener noreferrer">
            {LINK_WORDS[stage.id] ?? 'Open'}
          </Link>
        )}
      </div>
      {stage.evidence.length > 0 && (
        <ul className={classes.evidence}>
          {stage.evidence.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * One change's way from push to traffic: the stages in order, the one it
 * stands at marked, each with its evidence, time and link.
 */
export function DeliveryTimeline(props: {
  change: DeliveryPath;
  /** Grafana Explore on Tempo for the service, when configured. */
  tracesUrl?: string;
}) {
  const classes = useStyles();
  const { change } = props;
  return (
    <ol
      className={classes.timeline}
      aria-label={`Delivery of ${change.commit.shortSha}`}
    >
      {change.stages.map(stage => (
        <StageItem
          key={stage.id}
          stage={stage}
          current={stage.id === change.current}
          link={stage.id === 'traces' ? props.tracesUrl : undefined}
        />
      ))}
    </ol>
  );
}

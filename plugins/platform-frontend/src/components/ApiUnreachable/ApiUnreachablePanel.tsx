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
  ClusterUnreachable,
  describeUnreachableClass,
  getLayer,
  getRunbook,
  HealthCause,
} from '@platform-portal/plugin-platform-common';
import Link from '@material-ui/core/Link';
import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import ErrorIcon from '@material-ui/icons/Error';
import { formatAge } from '../FleetHealthMatrix/formatAge';
import { RunbookSteps } from '../RunbookSteps';

const useStyles = makeStyles(theme => ({
  root: {
    padding: theme.spacing(2),
    borderLeft: `6px solid ${theme.palette.error.main}`,
  },
  heading: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    color: theme.palette.error.dark,
  },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: theme.spacing(1, 0),
    '& dt': { fontWeight: 500 },
    '& dd': { margin: 0, overflowWrap: 'anywhere' },
  },
  runbooks: { marginTop: theme.spacing(2) },
}));

/**
 * Says once that a cluster's Kubernetes API cannot be reached: which
 * endpoint, since when, how it fails, and the runbooks that apply, none of
 * which needs the API to answer.
 */
export function ApiUnreachablePanel(props: {
  unreachable: ClusterUnreachable;
  /** The cause grouping the layers that read the API, when known. */
  cause?: HealthCause;
  /** Show the runbooks' steps below the links (the links jump to them). */
  withRunbookSteps?: boolean;
  now?: Date;
}) {
  const { unreachable, withRunbookSteps } = props;
  const classes = useStyles();
  const now = props.now ?? new Date();
  return (
    <Paper
      component="section"
      className={classes.root}
      aria-labelledby="api-unreachable-heading"
    >
      <Typography
        id="api-unreachable-heading"
        variant="h6"
        component="h2"
        className={classes.heading}
      >
        <ErrorIcon aria-hidden /> Kubernetes API unreachable:{' '}
        {describeUnreachableClass(unreachable.errorClass)}
      </Typography>
      <Typography variant="body2">
        Every layer read through the API shows its last known verdict, greyed,
        as of the time it was read. The cluster counts as critical until the API
        answers again.
      </Typography>
      <dl className={classes.facts}>
        <dt>Endpoint</dt>
        <dd>
          <code>{unreachable.endpoint}</code>
        </dd>
        <dt>Since</dt>
        <dd>
          <time dateTime={unreachable.since}>
            {new Date(unreachable.since).toLocaleString()}
          </time>{' '}
          ({formatAge(unreachable.since, now)}; last tried{' '}
          <time dateTime={unreachable.lastAttemptAt}>
            {formatAge(unreachable.lastAttemptAt, now)}
          </time>
          )
        </dd>
        <dt>Error</dt>
        <dd>{unreachable.message}</dd>
        {props.cause && props.cause.consequences.length > 0 && (
          <>
            <dt>Layers it hides</dt>
            <dd>
              {props.cause.consequences
                .map(c => getLayer(c.layer).title)
                .join(', ')}
            </dd>
          </>
        )}
      </dl>
      <Typography variant="subtitle2" component="h3">
        Runbooks
      </Typography>
      <ul aria-label="Runbooks for an unreachable API">
        {unreachable.runbooks.map(id => (
          <li key={id}>
            <Link href={`#runbook-${id}`}>{getRunbook(id)?.title ?? id}</Link>
          </li>
        ))}
      </ul>
      {withRunbookSteps && (
        <UnreachableRunbookSteps unreachable={unreachable} />
      )}
    </Paper>
  );
}

/** The steps of the runbooks for an unreachable API, each under its anchor. */
export function UnreachableRunbookSteps(props: {
  unreachable: ClusterUnreachable;
}) {
  const classes = useStyles();
  return (
    <div className={classes.runbooks}>
      {props.unreachable.runbooks.map(id => (
        <div key={id} id={`runbook-${id}`}>
          <RunbookSteps id={id} />
        </div>
      ))}
    </div>
  );
}

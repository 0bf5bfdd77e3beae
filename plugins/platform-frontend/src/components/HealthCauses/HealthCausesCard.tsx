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
import { getLayer, HealthCause } from '@platform-portal/plugin-platform-common';
import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { formatAge } from '../FleetHealthMatrix/formatAge';
import { VerdictChip } from '../VerdictChip';

const useStyles = makeStyles(theme => ({
  root: { padding: theme.spacing(2) },
  cause: {
    marginTop: theme.spacing(1.5),
    paddingLeft: theme.spacing(1.5),
    borderLeft: `4px solid ${theme.palette.error.main}`,
  },
  causeHeading: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  consequences: { margin: theme.spacing(0.5, 0, 0), paddingLeft: 0 },
  consequence: {
    listStyle: 'none',
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(1),
    padding: theme.spacing(0.5, 0),
  },
  evidence: { color: theme.palette.text.secondary },
}));

/** `Node/worker-2` → `Node worker-2`; an endpoint stays as it is. */
function causeName(cause: HealthCause): string {
  return cause.kind === 'api-unreachable'
    ? 'Kubernetes API'
    : cause.object.replace('/', ' ');
}

/**
 * Findings that share a cause, each cause once (what, since when) with the
 * findings it explains under it: one NotReady node rather than one problem
 * per layer. The layers below keep their own verdicts.
 */
export function HealthCausesCard(props: { causes: HealthCause[]; now?: Date }) {
  const classes = useStyles();
  const now = props.now ?? new Date();
  if (props.causes.length === 0) return null;
  return (
    <Paper
      component="section"
      className={classes.root}
      aria-labelledby="health-causes-heading"
    >
      <Typography id="health-causes-heading" variant="h6" component="h2">
        {props.causes.length === 1
          ? 'One cause behind several findings'
          : `${props.causes.length} causes behind several findings`}
      </Typography>
      {props.causes.map(cause => (
        <div
          key={cause.id}
          className={classes.cause}
          role="group"
          aria-labelledby={`cause-${cause.id}`}
        >
          <div className={classes.causeHeading}>
            <VerdictChip verdict={cause.verdict} />
            <Typography
              id={`cause-${cause.id}`}
              variant="subtitle1"
              component="h3"
            >
              {cause.title}
            </Typography>
            {cause.since && (
              <Typography variant="body2" component="span">
                for{' '}
                <time
                  dateTime={cause.since}
                  title={`since ${new Date(cause.since).toLocaleString()}`}
                >
                  {formatAge(cause.since, now).replace(/ ago$/, '')}
                </time>
              </Typography>
            )}
            {cause.finding && (
              <Link to={`layers/${cause.finding.layer}`}>
                {getLayer(cause.finding.layer).title}
              </Link>
            )}
          </div>
          <Typography variant="body2">
            {cause.consequences.length === 1
              ? `1 finding follows from ${causeName(cause)}:`
              : `${cause.consequences.length} findings follow from ${causeName(
                  cause,
                )}:`}
          </Typography>
          <ul className={classes.consequences}>
            {cause.consequences.map(c => (
              <li
                key={`${c.layer}:${c.checkId ?? ''}`}
                className={classes.consequence}
              >
                <VerdictChip verdict={c.verdict} />
                <Link to={`layers/${c.layer}`}>{getLayer(c.layer).title}</Link>
                <Typography variant="body2" component="span">
                  {c.checkId ? `${c.title}: ${c.message}` : c.message}
                </Typography>
                {c.evidence.length > 0 && (
                  <Typography
                    variant="caption"
                    component="span"
                    className={classes.evidence}
                  >
                    (
                    {c.evidence
                      .map(e => `${e.object} ${e.field} = ${e.value}`)
                      .join('; ')}
                    )
                  </Typography>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </Paper>
  );
}

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

import { ArgocdApplication } from '@platform-portal/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ArgocdOperationKind } from './ArgocdOperationDialog';
import { ArgocdStatus } from './ArgocdStatus';
import { describeResources, shortRevision } from './format';

const HISTORY_SHOWN = 3;

const useStyles = makeStyles(theme => ({
  item: {
    padding: theme.spacing(1.5, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
    '&:last-child': { borderBottom: 'none' },
  },
  statuses: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'center',
    margin: theme.spacing(0.5, 0),
  },
  history: { margin: theme.spacing(0.5, 0, 0, 2), padding: 0 },
  actions: {
    display: 'flex',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
}));

function when(iso?: string): string {
  return iso ? new Date(iso).toLocaleString() : 'unknown time';
}

/** One application on one instance: statuses, revision, operation, resources, recent history and the actions allowed. */
export function ArgocdApplicationItem(props: {
  application: ArgocdApplication;
  canSync: boolean;
  canRollback: boolean;
  busy: boolean;
  onOperation: (kind: ArgocdOperationKind) => void;
}) {
  const { application: app, canSync, canRollback, busy, onOperation } = props;
  const classes = useStyles();
  const label = `${app.name} on ${app.instance}`;
  return (
    <li className={classes.item} aria-label={label}>
      <Typography variant="subtitle1" component="h3">
        {app.name}{' '}
        <Typography component="span" color="textSecondary">
          on {app.instance} (project {app.project})
        </Typography>
      </Typography>
      <div className={classes.statuses}>
        <ArgocdStatus kind="Sync" status={app.syncStatus} />
        <ArgocdStatus kind="Health" status={app.healthStatus} />
        <Typography variant="body2">
          Revision <code>{shortRevision(app.revision)}</code>
        </Typography>
        <Typography variant="body2">
          {app.automatedSync ? 'Automated sync' : 'Manual sync'}
        </Typography>
      </div>
      {app.healthMessage && (
        <Typography variant="body2" color="textSecondary">
          {app.healthMessage}
        </Typography>
      )}
      {app.operation && (
        <Box display="flex" alignItems="center" gridGap={8} flexWrap="wrap">
          <Typography variant="body2">Last operation:</Typography>
          <ArgocdStatus kind="Operation" status={app.operation.phase} />
          <Typography variant="body2" color="textSecondary">
            {app.operation.revision
              ? `to ${shortRevision(app.operation.revision)}, `
              : ''}
            started {when(app.operation.startedAt)}
            {app.operation.initiatedBy
              ? ` by ${app.operation.initiatedBy}`
              : ''}
            {app.operation.message ? `: ${app.operation.message}` : ''}
          </Typography>
        </Box>
      )}
      <Typography variant="body2">
        {app.resources
          ? describeResources(app.resources)
          : 'Resource tree not available'}
      </Typography>
      {app.history.length > 0 && (
        <>
          <Typography variant="body2">Recent deployments:</Typography>
          <ul className={classes.history}>
            {app.history.slice(0, HISTORY_SHOWN).map(entry => (
              <Typography component="li" variant="body2" key={entry.id}>
                #{entry.id} <code>{shortRevision(entry.revision)}</code>{' '}
                deployed {when(entry.deployedAt)}
                {entry.initiatedBy ? ` by ${entry.initiatedBy}` : ''}
              </Typography>
            ))}
          </ul>
        </>
      )}
      {(canSync || canRollback) && (
        <div className={classes.actions}>
          {canSync && (
            <Button
              variant="outlined"
              color="primary"
              size="small"
              disabled={busy}
              onClick={() => onOperation('sync')}
              aria-label={`Sync ${label}`}
            >
              Sync
            </Button>
          )}
          {canRollback &&
            (app.automatedSync ? (
              <Typography variant="body2" color="textSecondary">
                Rollback is off while automated sync is on: Argo CD would sync
                straight back to Git.
              </Typography>
            ) : (
              <Button
                variant="outlined"
                size="small"
                disabled={busy || app.history.length < 2}
                onClick={() => onOperation('rollback')}
                aria-label={`Roll back ${label}`}
              >
                Roll back…
              </Button>
            ))}
        </div>
      )}
    </li>
  );
}

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

import { WorkloadFinding } from '@platform-portal/plugin-platform-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';

const useStyles = makeStyles(theme => ({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  },
  evidence: {
    margin: theme.spacing(1, 0, 0),
    padding: theme.spacing(1),
    background: theme.palette.background.default,
    color: theme.palette.text.primary,
    fontSize: '0.8rem',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    maxHeight: 200,
    overflow: 'auto',
  },
}));

/** What each kind of finding is called on the page. */
export const FINDING_TITLES: Record<WorkloadFinding['kind'], string> = {
  'crash-loop': 'Crash loop',
  'oom-killed': 'Killed for memory',
  'image-pull': 'Image cannot be pulled',
  unschedulable: 'Cannot be scheduled',
  'probe-failing': 'Probe failing',
  'rollout-stuck': 'Rollout stuck',
  'hpa-at-max': 'Autoscaler at its maximum',
};

/** The findings of one cluster, worst first, each with its cause and next step. */
export function FindingsList(props: {
  cluster: string;
  findings: WorkloadFinding[];
}) {
  const classes = useStyles();
  if (props.findings.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        Nothing wrong found on {props.cluster}.
      </Typography>
    );
  }
  return (
    <ul className={classes.list} aria-label={`Findings on ${props.cluster}`}>
      {props.findings.map(f => (
        <li key={`${f.kind}/${f.object}/${f.container ?? ''}`}>
          <Alert severity={f.severity}>
            <AlertTitle>
              {FINDING_TITLES[f.kind]}: {f.object}
              {f.container ? ` (${f.container})` : ''}
            </AlertTitle>
            <Typography variant="body2">{f.cause}</Typography>
            <Typography variant="body2">
              <strong>Next step:</strong> {f.nextStep}
            </Typography>
            {f.evidence && f.evidence.length > 0 && (
              <pre className={classes.evidence} aria-label="Evidence">
                {f.evidence.join('\n')}
              </pre>
            )}
          </Alert>
        </li>
      ))}
    </ul>
  );
}

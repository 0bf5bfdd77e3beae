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

import { CodeSnippet } from '@backstage/core-components';
import {
  fillPlaceholders,
  getRunbook,
  Provisioner,
  stepFor,
} from '@platform-portal/plugin-platform-common';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';

const useStyles = makeStyles(theme => ({
  applies: {
    borderLeft: `4px solid ${theme.palette.warning.main}`,
    paddingLeft: theme.spacing(1),
  },
}));

const PROVISIONER_NAMES: Record<Provisioner, string> = {
  kubeadm: 'kubeadm',
  rke2: 'RKE2',
  'cluster-api': 'Cluster API',
};

/**
 * A runbook's steps in order, with their commands, rendered in the page;
 * given the cluster's provisioner, the steps read as they do there, with the
 * names known filled in, and the steps failing checks call for marked.
 */
export function RunbookSteps(props: {
  id: string;
  provisioner?: Provisioner;
  values?: Record<string, string>;
  /** Step numbers (from 1) that the failing checks call for. */
  applies?: number[];
}) {
  const classes = useStyles();
  const runbook = getRunbook(props.id);
  if (!runbook) {
    return (
      <Typography color="textSecondary">
        No runbook named {props.id}.
      </Typography>
    );
  }
  return (
    <section aria-label={`Runbook: ${runbook.title}`}>
      <Typography variant="h6">Runbook: {runbook.title}</Typography>
      {props.provisioner && (
        <Typography variant="body2" color="textSecondary">
          Steps for {PROVISIONER_NAMES[props.provisioner]}
        </Typography>
      )}
      <ol>
        {runbook.steps.map((original, i) => {
          const step = props.provisioner
            ? stepFor(runbook.id, i + 1, original, props.provisioner)
            : original;
          const applies = props.applies?.includes(i + 1);
          const commands = step.commands.map(c =>
            fillPlaceholders(c, props.values ?? {}),
          );
          return (
            <li key={i} className={applies ? classes.applies : undefined}>
              <Typography>
                {step.text}
                {applies && <strong> (the failing check points here)</strong>}
              </Typography>
              {commands.length > 0 && (
                <CodeSnippet language="bash" text={commands.join('\n')} />
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

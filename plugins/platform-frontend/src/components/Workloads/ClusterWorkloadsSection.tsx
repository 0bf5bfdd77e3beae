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

import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  ClusterWorkloads,
  WorkloadPod,
  WorkloadRollout,
} from '@platform-portal/plugin-platform-common';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import { formatDateTime } from '../EntityIntegrationCard/format';
import { FindingsList } from './FindingsList';
import { LogViewer } from './LogViewer';
import { WorkloadAction, WorkloadActionDialog } from './WorkloadActionDialog';

const useStyles = makeStyles(theme => ({
  heading: { marginTop: theme.spacing(2) },
  caption: { display: 'block' },
  actions: { display: 'flex', gap: theme.spacing(1) },
}));

// Plain words in the tables: striped rows leave coloured words too little contrast.
const ROLLOUT_WORDS: Record<string, string> = {
  complete: 'Healthy',
  progressing: 'Progressing',
  stuck: 'Failed',
  degraded: 'Degraded',
};

/** What the rollouts table asks for: one action on one workload. */
type ActionRequest = { action: WorkloadAction; workload: WorkloadRollout };

function Rollouts(props: {
  value: ClusterWorkloads;
  onAction: (request: ActionRequest) => void;
}) {
  const classes = useStyles();
  return (
    <Table size="small" aria-label={`Rollouts on ${props.value.cluster}`}>
      <TableHead>
        <TableRow>
          <TableCell>Workload</TableCell>
          <TableCell>Rollout</TableCell>
          <TableCell>Ready</TableCell>
          <TableCell>Updated</TableCell>
          <TableCell>Autoscaler</TableCell>
          <TableCell>Actions</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.value.workloads.map(w => (
          <TableRow key={`${w.kind}/${w.name}`}>
            <TableCell component="th" scope="row">
              {w.kind}/{w.name}
            </TableCell>
            <TableCell>
              {ROLLOUT_WORDS[w.state] ?? w.state}
              {w.message && (
                <Typography variant="caption" className={classes.caption}>
                  {w.message}
                </Typography>
              )}
            </TableCell>
            <TableCell>
              {w.ready} of {w.desired}
            </TableCell>
            <TableCell>{w.updated}</TableCell>
            <TableCell>
              {w.autoscaler
                ? `${w.autoscaler.currentReplicas} (${w.autoscaler.minReplicas}–${w.autoscaler.maxReplicas})`
                : 'none'}
            </TableCell>
            <TableCell>
              {w.kind === 'DaemonSet' ? (
                // One pod per node: a DaemonSet has no replica count, and its
                // restart is left to the platform team.
                'none'
              ) : (
                <div className={classes.actions}>
                  {(['restart', 'scale'] as const).map(action => (
                    <Button
                      key={action}
                      size="small"
                      variant="outlined"
                      aria-label={`${
                        action === 'restart' ? 'Restart' : 'Scale'
                      } ${w.kind}/${w.name} on ${props.value.cluster}`}
                      onClick={() => props.onAction({ action, workload: w })}
                    >
                      {action === 'restart' ? 'Restart' : 'Scale'}
                    </Button>
                  ))}
                </div>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function lastTermination(pod: WorkloadPod): string {
  const ended = pod.containers.find(c => c.lastTermination);
  const t = ended?.lastTermination;
  if (!t) return 'none';
  return `${t.reason} (exit ${t.exitCode})${
    t.finishedAt ? `, ${formatDateTime(t.finishedAt)}` : ''
  }`;
}

function podState(pod: WorkloadPod): string {
  const waiting = pod.containers.find(c => c.reason && c.state !== 'running');
  return waiting?.reason ?? pod.phase;
}

function Pods(props: {
  value: ClusterWorkloads;
  onLogs: (pod: WorkloadPod) => void;
  shown?: string;
}) {
  return (
    <Table size="small" aria-label={`Pods on ${props.value.cluster}`}>
      <TableHead>
        <TableRow>
          <TableCell>Pod</TableCell>
          <TableCell>State</TableCell>
          <TableCell>Ready</TableCell>
          <TableCell>Restarts</TableCell>
          <TableCell>Last termination</TableCell>
          <TableCell>Node</TableCell>
          <TableCell>Logs</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.value.pods.map(p => (
          <TableRow key={p.name} selected={props.shown === p.name}>
            <TableCell component="th" scope="row">
              {p.name}
            </TableCell>
            <TableCell>{podState(p)}</TableCell>
            <TableCell>{p.ready ? 'yes' : 'no'}</TableCell>
            <TableCell>{p.restarts}</TableCell>
            <TableCell>{lastTermination(p)}</TableCell>
            <TableCell>{p.node ?? 'none'}</TableCell>
            <TableCell>
              <Button
                size="small"
                variant="outlined"
                aria-label={`Logs of ${p.name}`}
                onClick={() => props.onLogs(p)}
              >
                Logs
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Events(props: { value: ClusterWorkloads }) {
  if (props.value.events.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No events about these objects.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={`Events on ${props.value.cluster}`}>
      <TableHead>
        <TableRow>
          <TableCell>Last seen</TableCell>
          <TableCell>Type</TableCell>
          <TableCell>Reason</TableCell>
          <TableCell>Object</TableCell>
          <TableCell>Message</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.value.events.slice(0, 50).map((e, i) => (
          <TableRow key={`${e.object}/${e.reason}/${i}`}>
            <TableCell>
              {e.lastSeen ? formatDateTime(e.lastSeen) : 'unknown'}
            </TableCell>
            <TableCell>{e.type}</TableCell>
            <TableCell>{e.reason}</TableCell>
            <TableCell>{e.object}</TableCell>
            <TableCell>
              {e.message}
              {e.count > 1 ? ` (${e.count} times)` : ''}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** One cluster: its findings first, then rollouts, pods (with their logs) and events. */
export function ClusterWorkloadsSection(props: {
  entity: CompoundEntityRef;
  value: ClusterWorkloads;
  /** After a restart or scale is made, so the workloads are read again. */
  onChanged?: () => void;
}) {
  const classes = useStyles();
  const { value } = props;
  const [logsOf, setLogsOf] = useState<WorkloadPod>();
  const [acting, setActing] = useState<ActionRequest>();
  const headingId = `workloads-${value.cluster}`;
  return (
    <section aria-labelledby={headingId}>
      <Typography variant="h5" component="h2" id={headingId}>
        {value.cluster} · {value.namespace}
      </Typography>
      <Typography variant="h6" component="h3" className={classes.heading}>
        Findings
      </Typography>
      <FindingsList cluster={value.cluster} findings={value.findings} />
      <Typography variant="h6" component="h3" className={classes.heading}>
        Rollouts
      </Typography>
      <Rollouts value={value} onAction={setActing} />
      {acting && (
        <WorkloadActionDialog
          action={acting.action}
          target={{
            cluster: value.cluster,
            namespace: value.namespace,
            kind: acting.workload.kind,
            name: acting.workload.name,
          }}
          replicas={acting.workload.desired}
          onClose={() => setActing(undefined)}
          onChanged={() => props.onChanged?.()}
        />
      )}
      <Typography variant="h6" component="h3" className={classes.heading}>
        Pods
      </Typography>
      <Pods value={value} onLogs={setLogsOf} shown={logsOf?.name} />
      {logsOf && (
        <LogViewer
          key={logsOf.name}
          entity={props.entity}
          cluster={value.cluster}
          pod={logsOf}
        />
      )}
      <Typography variant="h6" component="h3" className={classes.heading}>
        Events, newest first
      </Typography>
      <Events value={value} />
    </section>
  );
}

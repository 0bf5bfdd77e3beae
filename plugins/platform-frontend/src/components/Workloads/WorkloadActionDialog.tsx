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

import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  WorkloadActionRequest,
  WorkloadActionResult,
} from '@platform-portal/plugin-platform-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { useCallback, useEffect, useState } from 'react';
import { platformApiRef } from '../../api/PlatformApi';
import { describeBackendError } from '../BackendErrorPanel';
import { WorkloadActionPreview } from './WorkloadActionPreview';

export type WorkloadAction = 'restart' | 'scale';

export type WorkloadTarget = Omit<WorkloadActionRequest, 'dryRun'>;

type Step =
  | { name: 'previewing' }
  | { name: 'preview'; result: WorkloadActionResult }
  | { name: 'sending' }
  | { name: 'done'; result: WorkloadActionResult }
  | { name: 'failed'; error: Error; during: 'preview' | 'confirm' };

const VERB: Record<WorkloadAction, string> = {
  restart: 'Restart',
  scale: 'Scale',
};

/**
 * Asks before a restart or scale: the API server's dry run of the change is
 * shown first, and Confirm sends the same change for real. A scale whose
 * replica count Argo CD manages is never offered: the dialog says so and
 * links to the application instead.
 */
export function WorkloadActionDialog(props: {
  action: WorkloadAction;
  target: WorkloadTarget;
  /** The replica count now, where a scale starts from. */
  replicas: number;
  onClose: () => void;
  /** After a change is made, so the workload is read again. */
  onChanged: () => void;
}) {
  const { action, target, onClose, onChanged } = props;
  const api = useApi(platformApiRef);
  const [replicas, setReplicas] = useState(String(props.replicas));
  const [step, setStep] = useState<Step>({ name: 'previewing' });
  const wanted = Number(replicas);
  const validReplicas = /^\d+$/.test(replicas) && wanted >= 0 && wanted <= 1000;

  // By its fields: a parent's new object for the same workload is no new preview.
  const { cluster, namespace, kind, name } = target;
  const send = useCallback(
    (dryRun: boolean, count: number) => {
      const request = { cluster, namespace, kind, name, dryRun };
      return action === 'restart'
        ? api.restartWorkload(request)
        : api.scaleWorkload({ ...request, replicas: count });
    },
    [api, action, cluster, namespace, kind, name],
  );

  const preview = useCallback(
    async (count: number) => {
      setStep({ name: 'previewing' });
      try {
        setStep({ name: 'preview', result: await send(true, count) });
      } catch (error) {
        setStep({ name: 'failed', error: error as Error, during: 'preview' });
      }
    },
    [send],
  );

  // The first dry run: a restart as it would be, a scale to the current
  // count, which also tells whether Argo CD owns the replicas.
  useEffect(() => {
    preview(props.replicas);
  }, [preview, props.replicas]);

  const confirm = async () => {
    setStep({ name: 'sending' });
    try {
      const result = await send(false, wanted);
      setStep({ name: 'done', result });
      onChanged();
    } catch (error) {
      setStep({ name: 'failed', error: error as Error, during: 'confirm' });
    }
  };

  const what = `${kind} ${namespace}/${name} on ${cluster}`;
  const argocdOwned =
    step.name === 'preview' && step.result.outcome === 'argocd-owned';
  const previewMatches =
    step.name === 'preview' &&
    step.result.outcome === 'previewed' &&
    (action === 'restart' || step.result.replicas?.to === wanted);
  const titleId = `workload-${action}-title`;

  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="md"
    >
      <DialogTitle id={titleId}>
        {VERB[action]} {what}?
      </DialogTitle>
      <DialogContent>
        {action === 'scale' && !argocdOwned && step.name !== 'done' && (
          <TextField
            id="workload-scale-replicas"
            label="Replicas"
            type="number"
            value={replicas}
            onChange={e => setReplicas(e.target.value)}
            inputProps={{ min: 0, max: 1000 }}
            error={!validReplicas}
            helperText={
              validReplicas
                ? `Now ${props.replicas}. Preview the new count before you confirm.`
                : 'A whole number from 0 to 1000'
            }
            margin="dense"
          />
        )}
        {(step.name === 'previewing' || step.name === 'sending') && (
          <>
            <DialogContentText>
              {step.name === 'previewing'
                ? 'Asking the API server for a dry run…'
                : `Sending the ${action}…`}
            </DialogContentText>
            <Progress />
          </>
        )}
        {step.name === 'preview' && (
          <WorkloadActionPreview result={step.result} />
        )}
        {step.name === 'done' && (
          <Alert severity="success" role="status">
            <AlertTitle>
              {action === 'restart' ? 'Restart started' : 'Scale made'}
            </AlertTitle>
            {step.result.message}
          </Alert>
        )}
        {step.name === 'failed' && (
          <Alert severity="error">
            <AlertTitle>
              {step.during === 'preview'
                ? `The ${action} cannot be previewed`
                : `The ${action} failed`}
            </AlertTitle>
            {describeBackendError(step.error)}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        {action === 'scale' &&
          !argocdOwned &&
          step.name !== 'done' &&
          step.name !== 'sending' && (
            <Button
              onClick={() => preview(wanted)}
              disabled={!validReplicas || step.name === 'previewing'}
            >
              Preview
            </Button>
          )}
        {argocdOwned && step.result.argocd?.url && (
          <Link to={step.result.argocd.url}>
            Open {step.result.argocd.application} in Argo CD
          </Link>
        )}
        <Button onClick={onClose}>
          {step.name === 'done' || argocdOwned ? 'Close' : 'Cancel'}
        </Button>
        {!argocdOwned && step.name !== 'done' && (
          <Button
            color="primary"
            variant="contained"
            onClick={confirm}
            disabled={!previewMatches}
          >
            Confirm {action}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

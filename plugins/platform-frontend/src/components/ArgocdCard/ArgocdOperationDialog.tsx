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
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import { useState } from 'react';
import { shortRevision } from './format';

export type ArgocdOperationKind = 'sync' | 'rollback';

/**
 * Asks before a sync or rollback starts; a rollback also asks which earlier
 * deployment of the history to go back to.
 */
export function ArgocdOperationDialog(props: {
  kind: ArgocdOperationKind;
  application: ArgocdApplication;
  onCancel: () => void;
  onConfirm: (historyId?: number) => void;
}) {
  const { kind, application, onCancel, onConfirm } = props;
  // The newest entry is what runs now: rolling back to it would change nothing.
  const earlier = application.history.slice(1);
  const [chosen, setChosen] = useState<number | undefined>(earlier[0]?.id);
  const where = `${application.name} on ${application.instance}`;
  return (
    <Dialog open onClose={onCancel} aria-labelledby="argocd-operation-title">
      <DialogTitle id="argocd-operation-title">
        {kind === 'sync' ? `Sync ${where}?` : `Roll back ${where}?`}
      </DialogTitle>
      <DialogContent>
        {kind === 'sync' ? (
          <DialogContentText>
            Argo CD will apply the application's target revision from Git to the
            cluster.
          </DialogContentText>
        ) : (
          <>
            <DialogContentText>
              Argo CD will deploy an earlier revision again. Choose which:
            </DialogContentText>
            {earlier.length === 0 ? (
              <DialogContentText>
                The history has no earlier deployment to go back to.
              </DialogContentText>
            ) : (
              <RadioGroup
                aria-label="History entry to roll back to"
                value={chosen === undefined ? '' : String(chosen)}
                onChange={e => setChosen(Number(e.target.value))}
              >
                {earlier.map(entry => (
                  <FormControlLabel
                    key={entry.id}
                    value={String(entry.id)}
                    control={<Radio />}
                    label={`#${entry.id} ${shortRevision(entry.revision)}${
                      entry.deployedAt
                        ? `, deployed ${new Date(
                            entry.deployedAt,
                          ).toLocaleString()}`
                        : ''
                    }`}
                  />
                ))}
              </RadioGroup>
            )}
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={kind === 'rollback' && chosen === undefined}
          onClick={() => onConfirm(kind === 'rollback' ? chosen : undefined)}
        >
          {kind === 'sync' ? 'Sync' : 'Roll back'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

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

import { BuildOutStep } from '@platform-portal/plugin-platform-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';

/**
 * Asks for confirmation before a person attests a step in their own name:
 * the attestation is stored with who and when, and shown as theirs.
 */
export function AttestStepDialog(props: {
  cluster: string;
  step: Pick<BuildOutStep, 'number' | 'action' | 'guideVerification'>;
  busy: boolean;
  error?: string;
  onConfirm: (note: string) => void;
  onCancel: () => void;
}) {
  const [note, setNote] = useState('');
  const { cluster, step } = props;
  return (
    <Dialog open onClose={props.onCancel} aria-labelledby="attest-step-title">
      <DialogTitle id="attest-step-title">
        Attest step {step.number} on {cluster}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          “{step.action}” cannot be verified through an API. The guide verifies
          it by: {step.guideVerification}. You attest, in your own name, that it
          is done on {cluster}; the portal shows it as attested by you, not as
          passed.
        </DialogContentText>
        <TextField
          id="attest-step-note"
          label="Note (how it was verified)"
          fullWidth
          multiline
          minRows={2}
          value={note}
          inputProps={{ maxLength: 2000 }}
          onChange={e => setNote(e.target.value)}
        />
        {props.error && (
          <DialogContentText color="error" role="alert">
            {props.error}
          </DialogContentText>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel} disabled={props.busy}>
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          disabled={props.busy}
          onClick={() => props.onConfirm(note)}
        >
          Attest step {step.number}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

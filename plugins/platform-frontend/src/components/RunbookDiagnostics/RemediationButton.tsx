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
  DiagnosticRemediation,
  RemediationResult,
} from '@platform-portal/plugin-platform-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import { useState } from 'react';
import { describeBackendError } from '../BackendErrorPanel';
import { useDiagnosticsClient } from './useDiagnosticsClient';

/**
 * A safe remediation, run only after the person confirms it. What it did goes
 * to `onDone`, which shows it and runs the diagnostic again; a refusal stays
 * in the dialog, in the backend's words.
 */
export function RemediationButton(props: {
  cluster: string;
  remediation: DiagnosticRemediation;
  onDone(result: RemediationResult): void;
}) {
  const { cluster, remediation, onDone } = props;
  const client = useDiagnosticsClient();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await client.remediate(
        cluster,
        remediation.action,
        remediation.request,
      );
      setOpen(false);
      onDone(result);
    } catch (e) {
      setError(describeBackendError(e as Error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant="outlined" color="primary" onClick={() => setOpen(true)}>
        {remediation.title}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby="remediation-title"
      >
        <DialogTitle id="remediation-title">{remediation.title}?</DialogTitle>
        <DialogContent>
          <DialogContentText>{remediation.description}</DialogContentText>
          {error && (
            <DialogContentText color="error" role="alert">
              {error}
            </DialogContentText>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} disabled={busy}>
            Cancel
          </Button>
          <Button color="primary" onClick={confirm} disabled={busy}>
            {busy ? 'Running…' : 'Confirm'}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

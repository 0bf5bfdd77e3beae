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

import { Progress } from '@backstage/core-components';
import { useApiHolder } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  platformClusterProvisionPermission,
  RemediationResult,
} from '@platform-portal/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { BackendErrorPanel } from '../BackendErrorPanel';
import { DiagnosticRunView } from './DiagnosticRunView';
import { useDiagnosticsClient } from './useDiagnosticsClient';

/** Whether the remediations may be offered; never without a permission API to ask. */
function useCanRemediate(): boolean {
  const permissionApi = useApiHolder().get(permissionApiRef);
  const { value } = useAsync(async () => {
    if (!permissionApi) return false;
    const decision = await permissionApi.authorize({
      permission: platformClusterProvisionPermission,
    });
    return decision.result === AuthorizeResult.ALLOW;
  }, [permissionApi]);
  return value ?? false;
}

/**
 * "Run diagnostic" for one runbook on one cluster, narrowed to a namespace
 * or an object when the person gives one, and what the run found.
 */
export function RunbookDiagnostic(props: { cluster: string; runbook: string }) {
  const { cluster, runbook } = props;
  const client = useDiagnosticsClient();
  const canRemediate = useCanRemediate();
  const [namespace, setNamespace] = useState('');
  const [name, setName] = useState('');
  const [remediated, setRemediated] = useState<RemediationResult>();
  const [state, run] = useAsyncFn(
    () =>
      client.run(cluster, runbook, {
        ...(namespace.trim() ? { namespace: namespace.trim() } : {}),
        ...(name.trim() ? { name: name.trim() } : {}),
      }),
    [client, cluster, runbook, namespace, name],
  );
  return (
    <Box mb={2}>
      <Box display="flex" mb={1} style={{ gap: 8 }}>
        <TextField
          id={`diagnostic-${runbook}-namespace`}
          label="Namespace (optional)"
          size="small"
          variant="outlined"
          value={namespace}
          onChange={e => setNamespace(e.target.value)}
        />
        <TextField
          id={`diagnostic-${runbook}-name`}
          label="Object name (optional)"
          size="small"
          variant="outlined"
          value={name}
          onChange={e => setName(e.target.value)}
        />
      </Box>
      <Button
        variant="contained"
        color="primary"
        onClick={() => {
          setRemediated(undefined);
          run();
        }}
        disabled={state.loading}
      >
        {state.value ? 'Run diagnostic again' : 'Run diagnostic'}
      </Button>
      {remediated && (
        <Box mt={1}>
          <Alert severity={remediated.changed ? 'success' : 'info'}>
            {remediated.message}
            {!state.loading &&
              state.value &&
              ' — the diagnostic below ran again after it.'}
          </Alert>
        </Box>
      )}
      {state.loading && (
        <Box mt={1} aria-label="Diagnostic running">
          <Progress />
        </Box>
      )}
      {state.error && !state.loading && (
        <BackendErrorPanel error={state.error} />
      )}
      {state.value && !state.loading && (
        <DiagnosticRunView
          run={state.value}
          canRemediate={canRemediate}
          onRemediated={result => {
            setRemediated(result);
            // Whether it helped is the diagnostic's to say, not the write's.
            run();
          }}
        />
      )}
    </Box>
  );
}

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

import { WorkloadActionResult } from '@platform-portal/plugin-platform-common';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';

/**
 * What the API server's dry run says the change does: the fields it sets
 * and the server's words; or, when Argo CD owns the replica count, why
 * nothing is offered here.
 */
export function WorkloadActionPreview(props: { result: WorkloadActionResult }) {
  const { result } = props;
  if (result.outcome === 'argocd-owned') {
    return (
      <Alert severity="info">
        <AlertTitle>Argo CD manages the replica count</AlertTitle>
        {result.message}
      </Alert>
    );
  }
  return (
    <section aria-label="Dry-run preview">
      <Typography variant="subtitle2" component="h3">
        Dry run by the API server: what will change
      </Typography>
      <ul>
        {result.replicas && (
          <li>
            spec.replicas: {result.replicas.from} → {result.replicas.to}
          </li>
        )}
        {result.restartedAt && (
          <li>
            Pod template annotation kubectl.kubernetes.io/restartedAt:{' '}
            {result.restartedAt} (every pod is replaced)
          </li>
        )}
      </ul>
      <Typography variant="body2">{result.message}</Typography>
    </section>
  );
}

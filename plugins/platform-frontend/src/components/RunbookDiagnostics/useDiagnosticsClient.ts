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
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import {
  DiagnosticRequest,
  DiagnosticRun,
  PlatformApiClient,
  RemediationAction,
  RemediationRequest,
  RemediationResult,
} from '@platform-portal/plugin-platform-common';
import { useMemo } from 'react';
import { body } from '../../api/responseBody';

/** POST /diagnostics/:cluster/:runbook and its remediations. */
export function useDiagnosticsClient() {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return useMemo(() => {
    const api = new PlatformApiClient({ discoveryApi, fetchApi });
    return {
      run: (
        cluster: string,
        runbook: string,
        request: DiagnosticRequest,
      ): Promise<DiagnosticRun> =>
        body(api.runDiagnostic({ path: { cluster, runbook }, body: request })),
      remediate: (
        cluster: string,
        action: RemediationAction,
        request: RemediationRequest,
      ): Promise<RemediationResult> =>
        body(api.runRemediation({ path: { cluster, action }, body: request })),
    };
  }, [discoveryApi, fetchApi]);
}

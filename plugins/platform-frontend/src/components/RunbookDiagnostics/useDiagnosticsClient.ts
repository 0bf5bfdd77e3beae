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
import { ResponseError } from '@backstage/errors';
import {
  DiagnosticRequest,
  DiagnosticRun,
  RemediationAction,
  RemediationRequest,
  RemediationResult,
} from '@platform-portal/plugin-platform-common';
import { useMemo } from 'react';

/** POST /diagnostics/:cluster/:runbook and its remediations. */
export function useDiagnosticsClient() {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return useMemo(() => {
    const post = async <T>(path: string, body: unknown): Promise<T> => {
      const baseUrl = await discoveryApi.getBaseUrl('platform');
      const response = await fetchApi.fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw await ResponseError.fromResponse(response);
      return (await response.json()) as T;
    };
    return {
      run: (cluster: string, runbook: string, request: DiagnosticRequest) =>
        post<DiagnosticRun>(
          `/diagnostics/${encodeURIComponent(cluster)}/${encodeURIComponent(
            runbook,
          )}`,
          request,
        ),
      remediate: (
        cluster: string,
        action: RemediationAction,
        request: RemediationRequest,
      ) =>
        post<RemediationResult>(
          `/diagnostics/${encodeURIComponent(
            cluster,
          )}/remediations/${encodeURIComponent(action)}`,
          request,
        ),
    };
  }, [discoveryApi, fetchApi]);
}

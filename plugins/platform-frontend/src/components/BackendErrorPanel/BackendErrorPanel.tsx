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

import { WarningPanel } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import {
  isPermissionDenied,
  PermissionDeniedPanel,
} from './PermissionDeniedPanel';

/**
 * The backend's own message for a failed request, e.g. which permission was
 * missing, rather than only the HTTP status.
 */
export function describeBackendError(error: Error): string {
  if (error instanceof ResponseError || error.name === 'ResponseError') {
    const body = (error as ResponseError).body;
    const message = body?.error?.message;
    const status = body?.response?.statusCode;
    if (message) {
      return status ? `${message} (HTTP ${status})` : message;
    }
  }
  return error.message;
}

/**
 * Shows a failed backend request with the backend's message; a refusal for a
 * missing permission gets a panel of its own naming that permission.
 */
export function BackendErrorPanel(props: { error: Error; title?: string }) {
  if (isPermissionDenied(props.error)) {
    return <PermissionDeniedPanel error={props.error} />;
  }
  return (
    <WarningPanel
      severity="error"
      title={props.title ?? 'The platform backend could not answer'}
      message={describeBackendError(props.error)}
      defaultExpanded
    />
  );
}

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

import { ResponseError } from '@backstage/errors';
import LockIcon from '@material-ui/icons/Lock';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';

/**
 * True when the backend refused the request for lack of a permission (403,
 * NotAllowedError), as opposed to failing to answer.
 */
export function isPermissionDenied(error: Error): boolean {
  if (error.name === 'NotAllowedError') return true;
  if (error instanceof ResponseError || error.name === 'ResponseError') {
    const { body, statusCode } = error as ResponseError;
    return (
      statusCode === 403 ||
      body?.error?.name === 'NotAllowedError' ||
      body?.response?.statusCode === 403
    );
  }
  return false;
}

/** The permission a 403 names, e.g. `platform.health.read`. */
export function deniedPermission(error: Error): string | undefined {
  const message =
    (error as ResponseError).body?.error?.message ?? error.message ?? '';
  return /permission\s+'?([A-Za-z0-9_.:-]+[A-Za-z0-9_])/.exec(message)?.[1];
}

/**
 * Says which permission is missing, so a reader knows what to ask for
 * instead of suspecting an outage.
 */
export function PermissionDeniedPanel(props: { error: Error }) {
  const permission = deniedPermission(props.error);
  const message =
    (props.error as ResponseError).body?.error?.message ?? props.error.message;
  return (
    <Alert severity="warning" icon={<LockIcon />}>
      <AlertTitle>
        {permission
          ? `You do not have permission ${permission}`
          : 'You do not have permission to see this'}
      </AlertTitle>
      The platform backend refused the request: {message}. The platform team
      grants this permission; ask them if you need to see it.
    </Alert>
  );
}

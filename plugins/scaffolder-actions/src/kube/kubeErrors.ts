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

import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { ApiException } from '@kubernetes/client-node';

interface KubeStatus {
  code?: number;
  reason?: string;
  message?: string;
}

function statusOf(error: ApiException<unknown>): KubeStatus {
  const body = error.body;
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as KubeStatus;
    } catch {
      return { message: body.slice(0, 300) };
    }
  }
  return (body ?? {}) as KubeStatus;
}

/** True when the API server answered 404 NotFound. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiException && error.code === 404;
}

/**
 * Turns a Kubernetes Status error into a Backstage error that says, in the
 * API server's words, which cluster and object failed. Tokens never appear:
 * Status messages name users, not credentials.
 */
export function describeKubeError(
  error: unknown,
  cluster: string,
  what: string,
): Error {
  if (!(error instanceof ApiException)) {
    const message = error instanceof Error ? error.message : String(error);
    return new Error(`Cluster ${cluster}: ${what} failed: ${message}`);
  }
  const status = statusOf(error);
  const message = `Cluster ${cluster}: ${what} failed (${error.code}${
    status.reason ? ` ${status.reason}` : ''
  }): ${status.message ?? 'no message'}`;
  if (error.code === 409) return new ConflictError(message);
  if (error.code === 403 || error.code === 401)
    return new NotAllowedError(message);
  if (error.code === 422 || error.code === 400) return new InputError(message);
  return new Error(message);
}

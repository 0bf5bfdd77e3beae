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
import { KubeTransportError } from './boundedHttpLibrary';

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

/**
 * True when the API server answered 404 NotFound.
 *
 * @public
 */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiException && error.code === 404;
}

/** The config keys to check for a failure, when the cluster's key is known. */
function hintFor(error: unknown, configKey: string | undefined): string {
  if (!configKey) return '';
  const key = `${configKey}.kubernetes`;
  if (error instanceof ApiException) {
    if (error.code === 401) return ` (Kubernetes API: check ${key}.writeToken)`;
    if (error.code === 403)
      return ` (Kubernetes API: the write token of ${key}.writeToken lacks the right)`;
    if (error.code >= 500) return ` (Kubernetes API at ${key}.url)`;
    return '';
  }
  if (error instanceof KubeTransportError && error.kind === 'tls') {
    return ` (Kubernetes API: check ${key}.caData, the PEM of the CA that signed the API server's certificate)`;
  }
  return ` (Kubernetes API at ${key}.url)`;
}

/**
 * Turns a Kubernetes Status error into a Backstage error that says, in the
 * API server's words, which cluster and object failed, and which config key
 * to check when the cause lies there. Tokens never appear: Status messages
 * name users, not credentials.
 *
 * @public
 */
export function describeKubeError(
  error: unknown,
  cluster: string,
  what: string,
  configKey?: string,
): Error {
  const hint = hintFor(error, configKey);
  if (!(error instanceof ApiException)) {
    // A body that is not JSON surfaces as the parser's SyntaxError.
    let message = error instanceof Error ? error.message : String(error);
    if (error instanceof SyntaxError) {
      message = 'the answer was not a Kubernetes object (malformed JSON)';
    }
    return new Error(
      `Cluster ${cluster}: ${what} failed: ${message.slice(0, 300)}${hint}`,
    );
  }
  const status = statusOf(error);
  const message = `Cluster ${cluster}: ${what} failed (${error.code}${
    status.reason ? ` ${status.reason}` : ''
  }): ${status.message ?? 'no message'}${hint}`;
  if (error.code === 409) return new ConflictError(message);
  if (error.code === 403 || error.code === 401)
    return new NotAllowedError(message);
  if (error.code === 422 || error.code === 400) return new InputError(message);
  return new Error(message);
}

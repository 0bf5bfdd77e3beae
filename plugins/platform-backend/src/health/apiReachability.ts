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

import { ApiUnreachableClass } from '@platform-portal/plugin-platform-common';
import { upstreamFailureOf } from '../clients/resilience/toBackstageError';

/**
 * A refresh that could not read a cluster's Kubernetes API at all. A circuit
 * that opened after earlier failures keeps the class those failures had.
 */
export interface ApiUnreachableOutcome {
  errorClass: ApiUnreachableClass | 'circuit-open';
  message: string;
}

/**
 * Whether an error of a Kubernetes API read means the API cannot be reached
 * (as opposed to an API that answers, badly), and how.
 */
export function classifyApiFailure(
  error: unknown,
): ApiUnreachableOutcome | undefined {
  const failure = upstreamFailureOf(error);
  if (!failure) {
    return undefined;
  }
  const message = (error as Error).message;
  switch (failure.kind) {
    case 'timeout':
      return { errorClass: 'timeout', message };
    case 'tls':
      return { errorClass: 'tls', message };
    case 'circuit-open':
      return { errorClass: 'circuit-open', message };
    case 'network':
      // A proxy with no live backend (HAProxy in front of a dead control
      // plane) closes the connection it accepted: a refusal all the same.
      return {
        errorClass:
          /ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET|socket hang up|other side closed/i.test(
            failure.message,
          )
            ? 'refused'
            : 'network',
        message,
      };
    case 'status':
      if (failure.status === 401) {
        return { errorClass: 'unauthorized', message };
      }
      if (failure.status === 403) {
        return { errorClass: 'forbidden', message };
      }
      return undefined;
    default:
      return undefined;
  }
}

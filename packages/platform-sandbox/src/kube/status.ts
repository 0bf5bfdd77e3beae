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

import { groupResource, ResourceType } from './resources';

export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** Details as Go writes them: empty name and group are left out (omitempty). */
function withoutEmpty(details: StatusDetails): StatusDetails {
  const { name, group, ...rest } = details;
  return { ...(name ? { name } : {}), ...(group ? { group } : {}), ...rest };
}

/** A `metav1.Status` failure, thrown by handlers and written by the HTTP layer. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: withoutEmpty(this.details) } : {}),
      code: this.code,
    };
  }
}

type Res = Pick<ResourceType, 'group' | 'plural'>;

function qualified(type: Res): string {
  return groupResource(type);
}

function detailsOf(type: Res, name: string): StatusDetails {
  return { name, ...(type.group ? { group: type.group } : {}), kind: type.plural };
}

/** apimachinery `NewNotFound`. */
export function notFound(type: Res, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualified(type)} "${name}" not found`, detailsOf(type, name));
}

/** apimachinery `NewAlreadyExists`. */
export function alreadyExists(type: Res, name: string): ApiError {
  return new ApiError(409, 'AlreadyExists', `${qualified(type)} "${name}" already exists`, detailsOf(type, name));
}

/** apimachinery `NewConflict` for a stale resourceVersion. */
export function conflict(type: Res, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again'): ApiError {
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified(type)} "${name}": ${why}`,
    detailsOf(type, name),
  );
}

/** apimachinery `NewInvalid`: details.kind is the Kind, not the resource. */
export function invalid(type: Pick<ResourceType, 'group' | 'kind'>, name: string, causes: StatusCause[]): ApiError {
  const kind = type.group ? `${type.kind}.${type.group}` : type.kind;
  const summary = causes.map(c => `${c.field}: ${c.message}`).join(', ');
  const message =
    causes.length > 1 ? `${kind} "${name}" is invalid: [${summary}]` : `${kind} "${name}" is invalid: ${summary}`;
  return new ApiError(422, 'Invalid', message, {
    name,
    ...(type.group ? { group: type.group } : {}),
    kind: type.kind,
    causes,
  });
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

export function methodNotAllowed(message = 'the server does not allow this method on the requested resource'): ApiError {
  return new ApiError(405, 'MethodNotAllowed', message);
}

export function unauthorized(): ApiError {
  return new ApiError(401, 'Unauthorized', 'Unauthorized');
}

/** apimachinery `NewResourceExpired`. */
export function expired(message: string): ApiError {
  return new ApiError(410, 'Expired', message);
}

/** The HTTP layer's answer to a request that matches no route. */
export function pathNotFound(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function internalError(message: string): ApiError {
  return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`, {
    causes: [{ reason: 'UnexpectedServerResponse', message }],
  });
}

/** The generic body for a failure injected by the control API. */
export function statusForCode(code: number): ApiError {
  const reasons: Record<number, string> = {
    400: 'BadRequest',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'NotFound',
    409: 'Conflict',
    429: 'TooManyRequests',
    500: 'InternalError',
    503: 'ServiceUnavailable',
    504: 'Timeout',
  };
  const reason = reasons[code] ?? 'InternalError';
  const details: StatusDetails | undefined = code === 429 ? { retryAfterSeconds: 1 } : undefined;
  return new ApiError(code, reason, `the server is currently unable to handle the request (${reason})`, details);
}

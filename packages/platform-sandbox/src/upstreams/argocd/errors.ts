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

import { ServerResponse } from 'node:http';
import { sendJson } from '../shared/http';

/** gRPC status codes Argo CD puts in `code` (not the HTTP status). */
export const GrpcCode = {
  Unknown: 2,
  InvalidArgument: 3,
  DeadlineExceeded: 4,
  NotFound: 5,
  AlreadyExists: 6,
  PermissionDenied: 7,
  ResourceExhausted: 8,
  FailedPrecondition: 9,
  Unimplemented: 12,
  Internal: 13,
  Unavailable: 14,
  Unauthenticated: 16,
} as const;

/**
 * grpc-gateway v1.16.0's HTTP status for each gRPC code
 * (`runtime.HTTPStatusFromCode` in runtime/errors.go; Argo CD pins v1.16.0
 * in go.mod). FailedPrecondition is deliberately 400, not 412.
 */
const HTTP_FOR_CODE: Record<number, number> = {
  1: 408,
  2: 500,
  3: 400,
  4: 504,
  5: 404,
  6: 409,
  7: 403,
  8: 429,
  9: 400,
  10: 409,
  11: 400,
  12: 501,
  13: 500,
  14: 503,
  15: 500,
  16: 401,
};

/** grpc-gateway v1 error body: `{error, code, message}` with the gRPC code. */
export function writeArgoError(res: ServerResponse, code: number, message: string): void {
  sendJson(res, HTTP_FOR_CODE[code] ?? 500, { error: message, code, message });
}

export const permissionDenied = (res: ServerResponse) =>
  writeArgoError(res, GrpcCode.PermissionDenied, 'permission denied');

export const appNotFound = (res: ServerResponse, name: string) =>
  writeArgoError(res, GrpcCode.NotFound, `applications.argoproj.io "${name}" not found`);

const CODE_FOR_HTTP: Record<number, number> = {
  400: 3,
  401: 16,
  403: 7,
  404: 5,
  409: 6,
  412: 9,
  429: 8,
  500: 13,
  502: 14,
  503: 14,
  504: 4,
};

/** The body Argo CD would send for a simulated failure with this HTTP status. */
export function writeArgoFailure(res: ServerResponse, status: number): void {
  const code = CODE_FOR_HTTP[status] ?? GrpcCode.Unknown;
  const message =
    code === GrpcCode.Unavailable
      ? 'connection error: desc = "transport: Error while dialing: dial tcp: connect: connection refused"'
      : `simulated failure (HTTP ${status})`;
  sendJson(res, status, { error: message, code, message });
}

/**
 * The RBAC refusal of an action on a resource the caller may see, as
 * `rbac.Enforcer.EnforceErr` words it: the request values, then the token's
 * `sub` and `iat`.
 */
export function rbacDenied(
  res: ServerResponse,
  request: { resource: string; action: string; object: string; sub: string; issuedAt: Date },
): void {
  const iat = request.issuedAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  writeArgoError(
    res,
    GrpcCode.PermissionDenied,
    `permission denied: ${request.resource}, ${request.action}, ${request.object}, sub: ${request.sub}, iat: ${iat}`,
  );
}

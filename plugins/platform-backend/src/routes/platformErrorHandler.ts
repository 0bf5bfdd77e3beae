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

import { InputError } from '@backstage/errors';
import { ErrorRequestHandler } from 'express';
import { echo } from './echo';

/** Longest message and URL an error body carries. */
const MAX_MESSAGE = 400;
const MAX_URL = 200;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

function canDecode(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/**
 * The path parameter whose percent-encoding is malformed, found by matching
 * the request path against the API's path templates (`/health/{cluster}`).
 */
export function malformedPathParameter(
  path: string,
  templates: string[],
): string | undefined {
  const segments = path.split('?')[0].split('/');
  const bad = segments.findIndex(segment => !canDecode(segment));
  if (bad < 0) {
    return undefined;
  }
  for (const template of templates) {
    const parts = template.split('/');
    if (parts.length !== segments.length) {
      continue;
    }
    const literalsMatch = parts.every(
      (part, i) => part.startsWith('{') || part === segments[i],
    );
    const param = /^\{(.+)\}$/.exec(parts[bad]);
    if (literalsMatch && param) {
      return param[1];
    }
  }
  return undefined;
}

function statusOf(error: any): number {
  for (const status of [error?.statusCode, error?.status]) {
    if (Number.isInteger(status) && status >= 100 && status <= 599) {
      return status;
    }
  }
  const byName: Record<string, number> = {
    InputError: 400,
    AuthenticationError: 401,
    NotAllowedError: 403,
    NotFoundError: 404,
    ConflictError: 409,
  };
  return byName[error?.name] ?? 500;
}

/**
 * The platform API's 4xx answers, in Backstage's error envelope: a malformed
 * percent-encoding names its parameter (the OpenAPI validator says only
 * "malformed uri"), and neither the message nor the URL repeats a long value
 * in full. There is never a stack trace, whatever NODE_ENV says. Server
 * errors go on to the backend's own handler, which logs them.
 */
export function platformErrorHandler(pathTemplates: string[]): ErrorRequestHandler {
  return (rawError, req, res, next) => {
    let error = rawError;
    if (
      statusOf(error) === 400 &&
      /malformed uri|failed to decode param/i.test(String(error?.message))
    ) {
      const param = malformedPathParameter(req.path, pathTemplates);
      error = new InputError(
        param
          ? `Invalid path parameter '${param}': malformed percent-encoding`
          : `Invalid path: malformed percent-encoding in '${echo(req.path)}'`,
      );
    }
    const statusCode = statusOf(error);
    if (statusCode >= 500 || res.headersSent) {
      next(error);
      return;
    }
    res.status(statusCode).json({
      error: {
        name: String(error?.name ?? 'Error'),
        message: cut(String(error?.message ?? ''), MAX_MESSAGE),
      },
      request: { method: req.method, url: cut(req.originalUrl, MAX_URL) },
      response: { statusCode },
    });
  };
}

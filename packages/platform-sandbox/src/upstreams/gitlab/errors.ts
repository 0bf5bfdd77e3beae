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

/** GitLab's `{"message": ...}` body; message may be a string or a field map. */
export function gitlabMessage(res: ServerResponse, status: number, message: unknown): void {
  sendJson(res, status, { message });
}

/** Grape parameter validation failures use `error`, not `message`. */
export function gitlabParamError(res: ServerResponse, error: string): void {
  sendJson(res, 400, { error });
}

export const unauthorized = (res: ServerResponse) => gitlabMessage(res, 401, '401 Unauthorized');
export const forbidden = (res: ServerResponse) => gitlabMessage(res, 403, '403 Forbidden');
export const notFound = (res: ServerResponse, what?: string) =>
  gitlabMessage(res, 404, what ? `404 ${what} Not Found` : '404 Not found');

const REASONS: Record<number, string> = {
  400: 'Bad request',
  404: 'Not found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The body GitLab's API sends for a server-side failure of the given status. */
export function writeGitLabError(res: ServerResponse, status: number): void {
  gitlabMessage(res, status, `${status} ${REASONS[status] ?? 'Error'}`);
}

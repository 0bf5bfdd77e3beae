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
import express from 'express';
import { echo } from '../echo';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** Lines a tail shows when none is asked for, and the most it may ask for. */
export const DEFAULT_TAIL_LINES = 500;
export const MAX_TAIL_LINES = 10_000;

/** What a log request asks for, checked. */
export interface LogQuery {
  cluster: string;
  pod: string;
  container: string;
  previous: boolean;
  follow: boolean;
  download: boolean;
  tailLines: number;
}

function single(req: express.Request, field: string): string | undefined {
  const value = req.query[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new InputError(`Invalid query parameter '${field}': give it once`);
  }
  return value;
}

function name(
  req: express.Request,
  field: string,
  pattern: RegExp,
  max: number,
  what: string,
): string {
  const value = single(req, field);
  if (value === undefined || value === '') {
    throw new InputError(`Missing query parameter '${field}': ${what}`);
  }
  if (!pattern.test(value) || value.length > max) {
    throw new InputError(
      `Invalid query parameter '${field}': '${echo(value)}' is not ${what}`,
    );
  }
  return value;
}

function flag(req: express.Request, field: string): boolean {
  const value = single(req, field);
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new InputError(
    `Invalid query parameter '${field}': '${echo(value)}' is not true or false`,
  );
}

function tail(req: express.Request): number {
  const value = single(req, 'tailLines');
  if (value === undefined) return DEFAULT_TAIL_LINES;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_TAIL_LINES) {
    throw new InputError(
      `Invalid query parameter 'tailLines': '${echo(
        value,
      )}' is not a whole number from 1 to ${MAX_TAIL_LINES}`,
    );
  }
  return n;
}

/** The log query's parameters, 400 naming the first that is wrong. */
export function logQueryOf(req: express.Request): LogQuery {
  const query: LogQuery = {
    cluster: name(req, 'cluster', DNS_1123_LABEL, 63, 'a cluster name'),
    pod: name(req, 'pod', DNS_1123_SUBDOMAIN, 253, 'a pod name'),
    container: name(req, 'container', DNS_1123_LABEL, 63, 'a container name'),
    previous: flag(req, 'previous'),
    follow: flag(req, 'follow'),
    download: flag(req, 'download'),
    tailLines: tail(req),
  };
  if (query.follow && query.previous) {
    throw new InputError(
      "Invalid query parameter 'follow': a previous container has ended, so there is nothing to follow",
    );
  }
  if (query.follow && query.download) {
    throw new InputError(
      "Invalid query parameter 'follow': a download is the log so far; follow it in the page",
    );
  }
  return query;
}

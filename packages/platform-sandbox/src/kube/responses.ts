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
import { ApiError, expired } from './status';

// How the API server writes its answers: JSON, Status errors, the mux's 404 and a compacted store's 410.

export function writeJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private' });
  res.end(text);
}

/** The API server's mux answer for a path no handler serves: text, not a Status. */
export function writePageNotFound(res: ServerResponse): void {
  const text = '404 page not found\n';
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function writeStatus(res: ServerResponse, error: ApiError): void {
  if (error.code === 429) res.setHeader('Retry-After', '1');
  writeJson(res, error.code, error.toStatus());
}

/**
 * The 410 Gone a compacted store answers: a Status for a list, an ERROR event
 * carrying it for a watch (as the API server streams it).
 */
export function writeGone(res: ServerResponse, verb: 'list' | 'watch', query: URLSearchParams): void {
  const from = query.get('continue') ? 'continue token' : `resource version: ${query.get('resourceVersion') ?? '0'}`;
  const status = expired(`too old ${from}`);
  if (verb === 'list') {
    writeStatus(res, status);
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(`${JSON.stringify({ type: 'ERROR', object: status.toStatus() })}\n`);
}

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

import { IncomingMessage, ServerResponse } from 'node:http';

const CHECKS = ['ping', 'log', 'etcd', 'informer-sync', 'poststarthook/start-apiserver-admission-initializer', 'shutdown'];

/**
 * /livez, /readyz and /healthz (and `/<endpoint>/<check>`), answered like the
 * API server: `ok`, or with `?verbose` one `[+]<check> ok` line per check.
 * Returns false when the path is not a health endpoint.
 */
export function serveHealth(req: IncomingMessage, res: ServerResponse, pathname: string, query: URLSearchParams): boolean {
  const match = /^\/(livez|readyz|healthz)(?:\/(.+))?$/.exec(pathname);
  if (!match || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  const [, endpoint, single] = match;
  const excluded = new Set(query.getAll('exclude'));
  const checks = CHECKS.filter(c => !excluded.has(c) && !(endpoint === 'livez' && c === 'informer-sync'));
  if (single && !checks.includes(single)) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('404 page not found\n');
    return true;
  }
  let body = 'ok';
  if (query.has('verbose') && !single) {
    body = `${checks.map(c => `[+]${c} ok`).join('\n')}\n${endpoint} check passed\n`;
  }
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
  return true;
}

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

import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** How a backend answers HAProxy's health check (and everything else). */
export type BackendMode = 'ok' | 'slow' | 'not-found';

/**
 * A small HTTP server on loopback standing for one server behind HAProxy:
 * `ok` answers 200, `slow` answers only after `slowMs` (past the check
 * timeout), `not-found` answers 404; `stop()` closes the port (connection
 * refused) and `start()` opens the same port again.
 */
export class LoopbackBackend {
  mode: BackendMode = 'ok';
  private server?: Server;
  port = 0;

  constructor(private readonly slowMs = 2_000) {}

  /** Listens (again, on the same port once it had one); a running one keeps running. */
  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((_req, res) => {
      const answer = () => {
        if (res.destroyed) return;
        res.writeHead(this.mode === 'not-found' ? 404 : 200, {
          'Content-Type': 'text/plain',
        });
        res.end(this.mode === 'not-found' ? 'not found\n' : 'ok\n');
      };
      if (this.mode === 'slow') setTimeout(answer, this.slowMs).unref();
      else answer();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>(resolve => server.close(() => resolve()));
  }
}

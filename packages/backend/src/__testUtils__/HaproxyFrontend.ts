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

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { httpRequest, waitFor } from './httpRequest';
import { ManagedProcess } from './ManagedProcess';

/**
 * A real HAProxy (Debian's) in front of the replicas, configured the way the
 * platform runs load balancers: health checks on the readiness endpoint,
 * retries and redispatch of requests that never reached a server.
 */
export class HaproxyFrontend {
  readonly process: ManagedProcess;

  constructor(options: {
    bin: string;
    port: number;
    statsPort: number;
    servers: Array<{ name: string; port: number }>;
    dir: string;
    logDir: string;
  }) {
    this.port = options.port;
    this.statsPort = options.statsPort;
    const config = join(options.dir, 'haproxy.cfg');
    writeFileSync(
      config,
      [
        'global',
        '  maxconn 512',
        'defaults',
        '  mode http',
        '  timeout connect 2s',
        '  timeout client 60s',
        '  timeout server 60s',
        '  retries 3',
        '  option redispatch 1',
        '  retry-on all-retryable-errors',
        'frontend portal',
        `  bind 127.0.0.1:${options.port}`,
        '  default_backend replicas',
        'backend replicas',
        '  balance roundrobin',
        '  option httpchk GET /.backstage/health/v1/readiness',
        '  http-check expect status 200',
        '  default-server inter 500ms fall 2 rise 2',
        ...options.servers.map(
          s => `  server ${s.name} 127.0.0.1:${s.port} check`,
        ),
        'listen stats',
        `  bind 127.0.0.1:${options.statsPort}`,
        '  stats enable',
        '  stats uri /stats',
        '',
      ].join('\n'),
    );
    this.process = new ManagedProcess(
      'haproxy',
      options.bin,
      ['-db', '-f', config],
      {
        cwd: options.dir,
        env: process.env,
        logFile: join(options.logDir, 'haproxy.log'),
      },
    );
  }

  readonly port: number;
  readonly statsPort: number;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Each server's status as HAProxy sees it (UP, DOWN, "UP 1/2", ...). */
  async serverStatuses(): Promise<Record<string, string>> {
    const answer = await httpRequest(
      `http://127.0.0.1:${this.statsPort}/stats;csv`,
      { timeoutMs: 5_000 },
    );
    const [header, ...rows] = answer.body.split('\n');
    const columns = header.replace(/^# /, '').split(',');
    const at = (name: string) => columns.indexOf(name);
    const statuses: Record<string, string> = {};
    for (const row of rows) {
      const cells = row.split(',');
      const svname = cells[at('svname')];
      if (
        cells[at('pxname')] === 'replicas' &&
        svname !== 'BACKEND' &&
        svname
      ) {
        statuses[svname] = cells[at('status')];
      }
    }
    return statuses;
  }

  async waitForStatus(server: string, status: 'UP' | 'DOWN'): Promise<void> {
    await waitFor(
      `HAProxy to see ${server} ${status}`,
      async () => {
        if (!this.process.running) {
          throw new Error(`haproxy exited:\n${this.process.logTail()}`);
        }
        return (await this.serverStatuses())[server] === status
          ? true
          : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
  }
}

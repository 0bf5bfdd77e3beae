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

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, RealProcess, spawnReal, waitFor } from '../../realServers';

export interface RealHaproxy extends RealProcess {
  /** The stats page's CSV (`stats uri /stats`, `;csv` appended). */
  statsCsv(): Promise<string>;
  /** One command on the runtime API (the admin stats socket); its answer. */
  runtime(command: string): Promise<string>;
}

/**
 * Starts HAProxy (in the foreground, `-db`) with `config` plus a global
 * section holding an admin stats socket in a temp dir, and a stats listener
 * on a free loopback port; waits until the stats page answers.
 */
export async function startRealHaproxy(
  bin: string,
  config: string,
): Promise<RealHaproxy> {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-haproxy-'));
  const socket = join(dir, 'admin.sock');
  const statsPort = await freePort();
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(
    file,
    [
      'global',
      `  stats socket ${socket} mode 600 level admin`,
      config,
      'listen stats',
      `  bind 127.0.0.1:${statsPort}`,
      '  mode http',
      '  stats enable',
      '  stats uri /stats',
      '',
    ].join('\n'),
  );
  const process = spawnReal('HAProxy', bin, ['-db', '-f', file]);
  const statsCsv = async () => {
    const res = await fetch(`http://127.0.0.1:${statsPort}/stats;csv`, {
      signal: AbortSignal.timeout(5_000),
    });
    return res.text();
  };
  const server: RealHaproxy = {
    ...process,
    statsCsv,
    runtime: command =>
      new Promise((resolve, reject) => {
        let answer = '';
        const client = connect(socket, () => client.end(`${command}\n`));
        client.setTimeout(5_000, () =>
          client.destroy(new Error(`runtime API: no answer to "${command}"`)),
        );
        client.on('data', chunk => (answer += chunk.toString()));
        client.on('error', reject);
        client.on('close', () => resolve(answer));
      }),
    async stop() {
      await process.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitFor('HAProxy to serve its stats page', async () => {
      process.assertRunning();
      return (await statsCsv()).startsWith('# pxname');
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

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
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, RealProcess, spawnReal, waitFor } from './realServers';

export interface RealAlertmanager extends RealProcess {
  /** e.g. `http://127.0.0.1:40123`, the API under `/api/v2`. */
  url: string;
  /** Posts alerts as Prometheus does (`POST /api/v2/alerts`). */
  postAlerts(alerts: Array<{ labels: Record<string, string> }>): Promise<void>;
  /** The value of one sample of Alertmanager's own metrics (0 when absent). */
  metric(sample: string): Promise<number>;
}

/**
 * Starts Alertmanager on a free loopback port with `config` and a temp data
 * dir, clustering off (no gossip port), and waits until it answers ready.
 */
export async function startRealAlertmanager(
  bin: string,
  config: string,
): Promise<RealAlertmanager> {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-alertmanager-'));
  writeFileSync(join(dir, 'alertmanager.yml'), config);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const process = spawnReal('Alertmanager', bin, [
    `--config.file=${join(dir, 'alertmanager.yml')}`,
    `--storage.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--cluster.listen-address=',
  ]);
  const server: RealAlertmanager = {
    ...process,
    url,
    async stop() {
      await process.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    async postAlerts(alerts) {
      const res = await fetch(`${url}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(alerts),
        signal: AbortSignal.timeout(5_000),
      });
      if (!res.ok) {
        throw new Error(
          `Alertmanager refused the alerts: ${res.status} ${await res.text()}`,
        );
      }
    },
    async metric(sample) {
      const res = await fetch(`${url}/metrics`, {
        signal: AbortSignal.timeout(5_000),
      });
      const line = (await res.text())
        .split('\n')
        .find(l => l.startsWith(`${sample} `));
      return line ? Number(line.slice(sample.length + 1)) : 0;
    },
  };
  try {
    await waitFor('Alertmanager to answer /-/ready', async () => {
      process.assertRunning();
      const res = await fetch(`${url}/-/ready`, {
        signal: AbortSignal.timeout(2_000),
      });
      return res.status === 200;
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

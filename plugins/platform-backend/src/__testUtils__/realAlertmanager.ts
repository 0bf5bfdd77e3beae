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

import { ChildProcess, spawn } from 'node:child_process';
import {
  accessSync,
  constants,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * The real Alertmanager for tests (Debian's prometheus-alertmanager, located
 * by scripts/services.sh as PLATFORM_TEST_ALERTMANAGER_BIN): a free loopback
 * port, a temporary config and data dir, clustering off.
 */

const DEFAULT_BINARY = '/usr/bin/prometheus-alertmanager';
const READY_WITHIN_MS = 30_000;

export interface RealAlertmanager {
  /** e.g. `http://127.0.0.1:40123`, the API under `/api/v2`. */
  url: string;
  /** Posts alerts as Prometheus does (`POST /api/v2/alerts`). */
  postAlerts(alerts: Array<{ labels: Record<string, string> }>): Promise<void>;
  /** The value of one sample of Alertmanager's own metrics (0 when absent). */
  metric(sample: string): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The Alertmanager binary for a suite that needs it. Without it a CI run
 * fails the suite (a skipped suite would hide that nothing ran); elsewhere
 * the suite is skipped with a note saying how to get it.
 */
export function realAlertmanagerForSuite(suite: string): string | undefined {
  const binary = process.env.PLATFORM_TEST_ALERTMANAGER_BIN || DEFAULT_BINARY;
  try {
    accessSync(binary, constants.X_OK);
    return binary;
  } catch {
    const message =
      "Alertmanager is not installed: run 'scripts/services.sh install' and export the lines 'scripts/services.sh start' prints";
    if (process.env.CI) throw new Error(`${suite}: ${message}`);
    // eslint-disable-next-line no-console
    console.warn(`Skipping "${suite}": ${message}`);
    return undefined;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise(resolve => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts Alertmanager with `config` (YAML); resolves once `/-/ready` answers. */
export async function startRealAlertmanager(
  binary: string,
  config: string,
): Promise<RealAlertmanager> {
  const dir = mkdtempSync(join(tmpdir(), 'platform-alertmanager-'));
  writeFileSync(join(dir, 'alertmanager.yml'), config);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    binary,
    [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', chunk => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const stop = async () => {
    await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + READY_WITHIN_MS;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`Alertmanager exited: ${stderr}`);
    }
    const ready = await fetch(`${url}/-/ready`, {
      signal: AbortSignal.timeout(2_000),
    }).then(
      res => res.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `Alertmanager was not ready within ${READY_WITHIN_MS} ms: ${stderr}`,
      );
    }
    await new Promise(r => setTimeout(r, 100));
  }
  return {
    url,
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
      const text = await (
        await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5_000) })
      ).text();
      const line = text.split('\n').find(l => l.startsWith(`${sample} `));
      return line ? Number(line.slice(sample.length + 1)) : 0;
    },
    stop,
  };
}

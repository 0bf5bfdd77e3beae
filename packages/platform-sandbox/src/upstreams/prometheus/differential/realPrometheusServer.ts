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
import {
  FatalWait,
  freePort,
  RealProcess,
  realBinary,
  spawnReal,
  waitFor as waitForServer,
} from '../../../realServers';

export { FatalWait };

/**
 * The Prometheus binary (`make test` installs Debian's prometheus package and
 * exports PLATFORM_TEST_PROMETHEUS_BIN). Missing: under CI the suite fails
 * with the reason; elsewhere it is skipped with a note.
 */
export function prometheusBinary(suite: string): string | undefined {
  return realBinary('PLATFORM_TEST_PROMETHEUS_BIN', 'Prometheus', suite);
}

export interface PromAnswer {
  status: number;
  body: any;
}

/** A GET of the query API with a deadline; the answer's status and JSON body. */
export async function promGet(
  url: string,
  headers: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<PromAnswer> {
  const res = await fetch(url, {
    headers,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: text };
  }
}

export interface RealPrometheus extends RealProcess {
  url: string;
}

/**
 * Starts Prometheus on loopback scraping `/prometheus/metrics/<cluster>` of
 * the sandbox every second, one job per cluster, with `honor_labels` so the
 * sandbox's own `job` and `instance` labels stay. Series the sandbox gives no
 * `instance` would get the target's address: metric relabelling removes it,
 * so both servers hold the same label sets. (Prometheus's own per-target
 * series, `up{job="sandbox-<cluster>"}` and `scrape_*`, carry no `cluster`
 * label; comparisons select by cluster.)
 */
export async function startRealPrometheus(
  bin: string,
  sandboxUrl: string,
  clusters: string[],
): Promise<RealPrometheus> {
  const sandboxHost = new URL(sandboxUrl).host;
  const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-prometheus-'));
  writeFileSync(
    join(dataDir, 'prometheus.yml'),
    [
      'global:',
      '  scrape_interval: 1s',
      '  scrape_timeout: 1s',
      'scrape_configs:',
      ...clusters.flatMap(c => [
        `  - job_name: sandbox-${c}`,
        '    honor_labels: true',
        `    metrics_path: /prometheus/metrics/${c}`,
        '    static_configs:',
        `      - targets: ['${sandboxHost}']`,
        '    metric_relabel_configs:',
        '      - source_labels: [instance]',
        `        regex: '${sandboxHost.replace(/\./g, '\\.')}'`,
        '        target_label: instance',
        "        replacement: ''",
      ]),
    ].join('\n'),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const process = spawnReal('Prometheus', bin, [
    `--config.file=${join(dataDir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dataDir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
  ]);
  return {
    ...process,
    url,
    async stop() {
      await process.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Polls `check` every half second until it returns true; fails naming `what`
 * after `deadlineMs`.
 */
export function waitFor(
  what: string,
  check: () => Promise<boolean>,
  deadlineMs = 60_000,
): Promise<void> {
  return waitForServer(what, check, deadlineMs, 500);
}

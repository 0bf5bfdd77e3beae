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
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultFleet } from '../../scenario/defaultFleet';
import { Sandbox, startSandbox } from '../../server/startSandbox';
import { createUpstreamSimulators } from '../index';

// Set by `make test`, which installs Debian's prometheus package.
const prometheusBin = process.env.PLATFORM_TEST_PROMETHEUS_BIN;
const describeWithPrometheus = prometheusBin ? describe : describe.skip;

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        resolve(typeof address === 'object' && address ? address.port : 0),
      );
    });
  });
}

async function query(baseUrl: string, promql: string): Promise<Sample[]> {
  const res = await fetch(
    `${baseUrl}/api/v1/query?query=${encodeURIComponent(promql)}`,
  );
  const body = await res.json();
  if (body.status !== 'success') {
    throw new Error(`${baseUrl}: ${JSON.stringify(body)}`);
  }
  return body.data.result;
}

/** Series as comparable strings: labels (less the scrape's own) and value. */
function normalise(samples: Sample[]): string[] {
  return samples
    .map(s => {
      const { instance: _instance, ...labels } = s.metric;
      const sorted = Object.keys(labels)
        .sort()
        .map(k => `${k}=${labels[k]}`)
        .join(',');
      return `${sorted} ${s.value[1]}`;
    })
    .sort();
}

// Selectors the health engine asks Prometheus/Mimir for, over gauges whose
// values do not move between a scrape and a query.
const QUERIES = [
  'up{cluster="staging-1"}',
  'up{cluster="onprem-kubeadm-1"} == 0',
  'kube_node_status_condition{cluster="staging-1",condition="Ready",status="true"}',
  'kube_daemonset_status_number_ready{cluster="onprem-kubeadm-1"}',
  'longhorn_volume_robustness{cluster="prod-eu-2"}',
  'certmanager_certificate_ready_status{cluster="prod-eu-2"}',
  'sum by (cluster) (kube_node_status_condition{condition="Ready",status="true"})',
];

describeWithPrometheus('a real Prometheus scraping the sandbox', () => {
  jest.setTimeout(90_000);

  let sandbox: Sandbox;
  let prometheus: ChildProcess;
  let prometheusUrl: string;
  let dataDir: string;

  beforeAll(async () => {
    sandbox = await startSandbox({
      fleet: defaultFleet(),
      port: 0,
      controlPort: 0,
      realTimeTicks: false,
      upstreams: createUpstreamSimulators,
    });
    const sandboxHost = new URL(sandbox.url).host;
    dataDir = mkdtempSync(join(tmpdir(), 'sandbox-prometheus-'));
    writeFileSync(
      join(dataDir, 'prometheus.yml'),
      [
        'global:',
        '  scrape_interval: 1s',
        'scrape_configs:',
        ...sandbox.fleetSpec.clusters.flatMap(c => [
          `  - job_name: sandbox-${c.name}`,
          '    honor_labels: true',
          `    metrics_path: /prometheus/metrics/${c.name}`,
          '    static_configs:',
          `      - targets: ['${sandboxHost}']`,
        ]),
      ].join('\n'),
    );
    const port = await freePort();
    prometheusUrl = `http://127.0.0.1:${port}`;
    prometheus = spawn(
      prometheusBin!,
      [
        `--config.file=${join(dataDir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dataDir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: 'ignore' },
    );
    // Ready once every cluster's node series has been scraped at least once.
    for (let attempt = 0; attempt < 120; attempt++) {
      try {
        const rows = await query(
          prometheusUrl,
          'count by (cluster) (kube_node_status_condition)',
        );
        if (rows.length === sandbox.fleetSpec.clusters.length) return;
      } catch {
        // not listening yet
      }
      await new Promise(r => setTimeout(r, 500));
    }
    throw new Error('Prometheus never scraped every sandbox cluster');
  });

  afterAll(async () => {
    prometheus?.kill('SIGTERM');
    await sandbox?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(QUERIES)(
    'answers %s with the same series as the sandbox itself',
    async promql => {
      const fromSandbox = normalise(
        await query(`${sandbox.url}/prometheus`, promql),
      );
      const fromPrometheus = normalise(await query(prometheusUrl, promql));
      expect(fromSandbox.length).toBeGreaterThan(0);
      expect(fromPrometheus).toEqual(fromSandbox);
    },
  );
});

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

import { defaultFleet } from '../../scenario/defaultFleet';
import { Sandbox, startSandbox } from '../../server/startSandbox';
import { createUpstreamSimulators } from '../index';
import {
  prometheusBinary,
  promGet,
  RealPrometheus,
  startRealPrometheus,
  waitFor,
} from './differential/realPrometheusServer';

const prometheusBin = prometheusBinary(
  'a real Prometheus scraping the sandbox',
);
const describeWithPrometheus = prometheusBin ? describe : describe.skip;

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

async function query(baseUrl: string, promql: string): Promise<Sample[]> {
  const { body } = await promGet(
    `${baseUrl}/api/v1/query?query=${encodeURIComponent(promql)}`,
  );
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
  let prometheus: RealPrometheus;
  let prometheusUrl: string;

  beforeAll(async () => {
    sandbox = await startSandbox({
      fleet: defaultFleet(),
      port: 0,
      controlPort: 0,
      realTimeTicks: false,
      upstreams: createUpstreamSimulators,
    });
    prometheus = await startRealPrometheus(
      prometheusBin!,
      sandbox.url,
      sandbox.fleetSpec.clusters.map(c => c.name),
    );
    prometheusUrl = prometheus.url;
    await waitFor(
      "Prometheus to scrape every sandbox cluster's node series",
      async () =>
        (
          await query(
            prometheusUrl,
            'count by (cluster) (kube_node_status_condition)',
          )
        ).length === sandbox.fleetSpec.clusters.length,
      120_000,
    );
  });

  afterAll(async () => {
    await prometheus?.stop();
    await sandbox?.stop();
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

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

import { ConfigReader } from '@backstage/config';
import { Sandbox } from '@platform-portal/platform-sandbox';
import { readPlatformConfig } from '../../config/readPlatformConfig';
import { sandboxPlatformConfig } from '../../__testUtils__/sandboxPlatformConfig';
import { startUpstreamSandbox } from '../../__testUtils__/startUpstreamSandbox';
import { UpstreamPolicies } from '../resilience/UpstreamPolicies';
import { UpstreamClients } from '../UpstreamClients';
import { PrometheusClient } from './PrometheusClient';

jest.setTimeout(60_000);

// The sandbox's PromQL is held to a real Prometheus (platform-sandbox's
// promqlDifferential test), so its refusals are the real server's: 400
// bad_data for a query that does not parse, 422 execution for one that fails
// while evaluating, and 200 with another result type for a range vector.
describe('PrometheusClient against the sandbox (Mimir, strict PromQL)', () => {
  let sandbox: Sandbox;
  let prometheus: PrometheusClient;

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    const config = readPlatformConfig(
      new ConfigReader(sandboxPlatformConfig(sandbox)),
    );
    // One counted failure would open the circuit: refusals of the query must not count.
    const clients = new UpstreamClients(
      config,
      new UpstreamPolicies({
        maxRetries: 2,
        timeoutMs: 10_000,
        breakerFailures: 1,
      }),
    );
    prometheus = clients.prometheus()!;
  });
  afterAll(() => sandbox?.stop());

  const failure = (promql: string) =>
    prometheus.query(promql).then(
      () => undefined,
      (e: Error) => e,
    );

  it('reads a vector', async () => {
    const { data } = await prometheus.query('up{cluster!=""}');
    expect(data.length).toBeGreaterThan(0);
    expect(data.every(s => s.metric.cluster && s.value.length === 2)).toBe(
      true,
    );
  });

  it('a query that does not parse: HTTP 400 with the parser error, and the circuit stays closed', async () => {
    const error = await failure('sum(up');
    expect(error?.message).toMatch(/HTTP 400/);
    expect(error?.message).toMatch(/unclosed left parenthesis/);
    expect(
      (await prometheus.query('up{cluster="staging-1"}')).data.length,
    ).toBeGreaterThan(0);
  });

  it('a many-to-one match without group_left: HTTP 422, and the circuit stays closed', async () => {
    const error = await failure(
      'node_filesystem_avail_bytes / on (cluster, node) node_memory_MemTotal_bytes',
    );
    expect(error?.message).toMatch(/HTTP 422/);
    expect(error?.message).toMatch(/many-to-one matching must be explicit/);
    expect(
      (await prometheus.query('up{cluster="staging-1"}')).data.length,
    ).toBeGreaterThan(0);
  });

  it('a range vector is not an instant vector: the client says which type came back', async () => {
    const error = await failure('up{cluster="staging-1"}[1m]');
    expect(error?.message).toBe('Prometheus query failed: matrix');
  });
});

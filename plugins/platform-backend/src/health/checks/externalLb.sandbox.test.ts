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
import { UpstreamClients } from '../../clients/UpstreamClients';
import { UpstreamPolicies } from '../../clients/resilience/UpstreamPolicies';
import { readPlatformConfig } from '../../config/readPlatformConfig';
import { checkContext } from '../../__testUtils__/checkContext';
import { sandboxControl } from '../../__testUtils__/sandboxControl';
import { sandboxPlatformConfig } from '../../__testUtils__/sandboxPlatformConfig';
import { startUpstreamSandbox } from '../../__testUtils__/startUpstreamSandbox';
import { externalLbChecks } from './externalLb';

jest.setTimeout(60_000);

/** The sandbox's load balancers check their servers every 2 s: UP after 2 passes, DOWN after 3 failures. */
const INTER_MS = 2_000;
const CLUSTER = 'prod-eu-1';
const BACKEND = 'k8s-api-be';

describe('external-lb.haproxy-servers through a server going down and back (sandbox HAProxy, held to the real one)', () => {
  let sandbox: Sandbox;
  let haproxy: ReturnType<typeof externalLbChecks>[number];
  let server: string;
  const lb = () => `${sandbox.url}/haproxy/${CLUSTER}`;

  beforeAll(async () => {
    sandbox = await startUpstreamSandbox();
    const config = readPlatformConfig(
      new ConfigReader(sandboxPlatformConfig(sandbox)),
    );
    [haproxy] = externalLbChecks(
      new UpstreamClients(config, new UpstreamPolicies()),
    );
    const csv = await (await fetch(`${lb()}/stats;csv`)).text();
    server = csv
      .split('\n')
      .find(l => l.startsWith(`${BACKEND},`) && !l.includes(',BACKEND,'))!
      .split(',')[1];
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  const run = () =>
    haproxy.run(checkContext({}, { cluster: { name: CLUSTER } }));
  const advance = (ms: number) =>
    sandboxControl(sandbox, 'POST', '/time/advance', { ms });
  const condition = async (value: string) => {
    const res = await fetch(`${lb()}/servers/${BACKEND}/${server}/condition`, {
      method: 'PUT',
      body: value,
    });
    expect(res.status).toBe(200);
  };
  const runtime = async (command: string) =>
    (await fetch(`${lb()}/runtime`, { method: 'POST', body: command })).text();
  const statusOf = (result: Awaited<ReturnType<typeof run>>) =>
    result.evidence.find(e => e.object === `haproxy/${BACKEND}/${server}`)
      ?.value;

  it('warns while a stopped server fails its first checks (UP 2/3, UP 1/3), is critical once DOWN and while coming back (DOWN 1/2)', async () => {
    expect((await run()).verdict).toBe('ok');
    await condition('refused');
    await advance(INTER_MS);
    let result = await run();
    expect([result.verdict, statusOf(result)]).toEqual([
      'warning',
      'UP 2/3 (L4CON)',
    ]);
    await advance(INTER_MS);
    expect(statusOf(await run())).toBe('UP 1/3 (L4CON)');
    await advance(INTER_MS);
    result = await run();
    expect([result.verdict, statusOf(result)]).toEqual([
      'critical',
      'DOWN (L4CON)',
    ]);
    await condition('ok');
    await advance(INTER_MS);
    result = await run();
    expect([result.verdict, statusOf(result)]).toEqual([
      'critical',
      'DOWN 1/2 (L4OK)',
    ]);
    await advance(INTER_MS);
    expect((await run()).verdict).toBe('ok');
  });

  it('warns while a server drains or is in maintenance, and is ok again once it is ready', async () => {
    expect(await runtime(`set server ${BACKEND}/${server} state drain`)).toBe(
      '\n',
    );
    let result = await run();
    expect([result.verdict, statusOf(result)]).toEqual([
      'warning',
      'DRAIN (L4OK)',
    ]);
    expect(await runtime(`set server ${BACKEND}/${server} state maint`)).toBe(
      '\n',
    );
    result = await run();
    expect([result.verdict, statusOf(result)]).toEqual(['warning', 'MAINT']);
    expect(await runtime(`set server ${BACKEND}/${server} state ready`)).toBe(
      '\n',
    );
    // Out of maintenance it starts from `rise`: UP 1/3 until its next check passes.
    expect(statusOf(await run())).toBe('UP 1/3 (L4OK)');
    await advance(INTER_MS);
    expect((await run()).verdict).toBe('ok');
  });
});

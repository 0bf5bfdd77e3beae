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

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  KeepalivedPair,
  startKeepalivedPair,
} from '../../__testUtils__/realKeepalived';
import { realBinary, waitFor } from '../../../realServers';
import {
  createTestContext,
  startTestServer,
  TestServer,
} from '../../__testUtils__/testServer';
import { UpstreamContext } from '../../types';
import { createKeepalivedSimulator } from '../KeepalivedSimulator';

/*
 * Two real keepalived (Debian's) in network namespaces the test creates, one
 * VRRP instance and one VIP, against the sandbox's pair of one cluster: settled,
 * with the master's link down (the sandbox's keepalived-fault on lb-1), and
 * with it back. Each node's notify-script state file and its JSON dump
 * (SIGJSON) must agree, interface names and the VIP normalised. A difference
 * passes only when allowlist.json names it with its reason.
 */
const SUITE = 'Keepalived differential test';
const bin = realBinary('PLATFORM_TEST_KEEPALIVED_BIN', 'Keepalived', SUITE);
const describeWithKeepalived = bin ? describe : describe.skip;
const allowlist: Array<{ phase: string; field: string; why: string }> =
  JSON.parse(readFileSync(join(__dirname, 'allowlist.json'), 'utf8'));

const DATA = [
  'iname',
  'vrid',
  'state',
  'wantstate',
  'base_priority',
  'effective_priority',
  'vipset',
  'adver_int',
  'master_adver_int',
  'nopreempt',
  'version',
  'master_priority',
  'ifp_ifname',
  'vips',
];
const STATS = [
  'become_master',
  'release_master',
  'pri_zero_sent',
  'pri_zero_rcvd',
];
const CLUSTER = 'prod-eu-1';

describeWithKeepalived('Keepalived: the sandbox against the real pair', () => {
  jest.setTimeout(120_000);

  let real: KeepalivedPair;
  let ctx: UpstreamContext;
  let sandbox: TestServer;
  const differences: string[] = [];
  const used = new Set<(typeof allowlist)[number]>();

  const sandboxNode = async (node: 1 | 2) => {
    const base = `${sandbox.baseUrl}/keepalived/${CLUSTER}/nodes`;
    const nodes = await (await fetch(base)).json();
    const { host, vip, interface: iface } = nodes[node - 1];
    const state = await (await fetch(`${base}/${host}/VI_1.state`)).text();
    const [dump] = await (
      await fetch(`${base}/${host}/keepalived.json`)
    ).json();
    return { state, dump, vip, iface };
  };

  function fields(
    dump: any,
    vip: string,
    iface: string,
  ): Record<string, string> {
    const normal = (v: unknown) =>
      JSON.stringify(v)?.split(vip).join('<vip>').split(iface).join('<if>');
    return Object.fromEntries([
      ...DATA.map(k => [k, normal(dump.data?.[k])]),
      ...STATS.map(k => [`stats.${k}`, normal(dump.stats?.[k])]),
    ]);
  }

  async function compare(phase: string): Promise<void> {
    for (const node of [1, 2] as const) {
      const s = await sandboxNode(node);
      const r = {
        state: real.stateFile(node),
        dump: await real.jsonDump(node),
      };
      const rf: Record<string, string> = {
        stateFile: JSON.stringify(r.state),
        ...fields(r.dump, real.vip, real.interfaces[node - 1]),
      };
      const sf: Record<string, string> = {
        stateFile: JSON.stringify(s.state),
        ...fields(s.dump, s.vip, s.iface),
      };
      for (const field of Object.keys(rf)) {
        if (rf[field] === sf[field]) continue;
        const entry = allowlist.find(
          a => a.phase === phase && a.field === field,
        );
        if (entry) used.add(entry);
        else
          differences.push(
            `${phase} lb-${node} ${field}: real ${rf[field]} | sandbox ${sf[field]}`,
          );
      }
    }
  }

  const states = async (want: [string, string]) =>
    waitFor(
      `real states ${want.join('/')}`,
      async () =>
        real.stateFile(1) === `${want[0]}\n` &&
        real.stateFile(2) === `${want[1]}\n`,
      30_000,
      200,
    );

  beforeAll(async () => {
    ctx = createTestContext();
    for (const cluster of ctx.fleet.clusters)
      ctx.control.clearFault(cluster.name);
    sandbox = await startTestServer([createKeepalivedSimulator(ctx)]);
    real = await startKeepalivedPair(bin!);
  });

  afterAll(async () => {
    await sandbox?.close();
    await real?.stop();
  });

  it('holds the same states and dumps settled, with the master failed, and with it back', async () => {
    await states(['MASTER', 'BACKUP']);
    await compare('settled');

    real.failNode1();
    ctx.control.injectFault(CLUSTER, {
      id: 'keepalived-fault',
      target: `${CLUSTER}-lb-1`,
    });
    await states(['FAULT', 'MASTER']);
    await compare('master failed');

    real.restoreNode1();
    ctx.control.clearFault(CLUSTER, 'keepalived-fault');
    await states(['MASTER', 'BACKUP']);
    await compare('master back');

    expect(differences).toEqual([]);
    expect(allowlist.filter(a => !used.has(a))).toEqual([]);
  });
});

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

import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RealProcess, spawnReal, waitFor } from '../../realServers';

/** Where SIGJSON makes keepalived write its JSON dump (fixed by keepalived). */
const JSON_DUMP = '/tmp/keepalived.json';

export interface KeepalivedPair {
  /** The notify script's state file of node 1 or 2 (`MASTER`, `BACKUP`, `FAULT`). */
  stateFile(node: 1 | 2): string;
  /** The node's JSON dump (SIGJSON), its one VRRP instance. */
  jsonDump(node: 1 | 2): Promise<any>;
  /** Takes node 1's link down (its side of the bridge keeps the other node's link up). */
  failNode1(): void;
  restoreNode1(): void;
  /** Each node's interface name and the VIP, for normalising. */
  interfaces: [string, string];
  vip: string;
  stop(): Promise<void>;
}

const ip = (...args: string[]) =>
  execFileSync('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] });

/**
 * Two keepalived (Debian's) in network namespaces of their own, their veths
 * on a bridge in a third: one VRRP instance (VI_1, vrid 51, priorities 150
 * and 100, preempting), one VIP, a notify script writing each state to a file.
 * Throws, naming the command that failed, where namespaces are not permitted.
 */
export async function startKeepalivedPair(
  bin: string,
): Promise<KeepalivedPair> {
  const id = `${process.pid % 10000}${Math.floor(Math.random() * 100)}`;
  const ns = [`ppka${id}-1`, `ppka${id}-2`, `ppka${id}-br`];
  const ifs: [string, string] = [`k${id}a1`, `k${id}a2`];
  const peers = [`k${id}b1`, `k${id}b2`];
  const vip = '10.199.0.5';
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-keepalived-'));
  const processes: RealProcess[] = [];
  const cleanup = async () => {
    for (const p of processes) await p.stop();
    for (const n of ns) {
      try {
        ip('netns', 'del', n);
      } catch {
        // not created
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const n of ns) ip('netns', 'add', n);
    ip('-n', ns[2], 'link', 'add', 'br0', 'type', 'bridge');
    ip('-n', ns[2], 'link', 'set', 'br0', 'up');
    [0, 1].forEach(i => {
      ip(
        'link',
        'add',
        ifs[i],
        'netns',
        ns[i],
        'type',
        'veth',
        'peer',
        'name',
        peers[i],
        'netns',
        ns[2],
      );
      ip('-n', ns[2], 'link', 'set', peers[i], 'master', 'br0', 'up');
      ip('-n', ns[i], 'addr', 'add', `10.199.0.${i + 1}/24`, 'dev', ifs[i]);
      ip('-n', ns[i], 'link', 'set', ifs[i], 'up');
      ip('-n', ns[i], 'link', 'set', 'lo', 'up');
    });
  } catch (error) {
    await cleanup();
    const e = error as { message: string; stderr?: Buffer };
    throw new Error(
      `network namespaces for Keepalived: ${e.message.split('\n')[0]} ${
        e.stderr?.toString().trim() ?? ''
      }`,
    );
  }
  const notify = join(dir, 'notify.sh');
  // keepalived runs it as `notify.sh <node dir> INSTANCE VI_1 <STATE> <priority>`.
  writeFileSync(notify, '#!/bin/sh\necho "$4" > "$1/$3.state"\n');
  chmodSync(notify, 0o755);
  [0, 1].forEach(i => {
    const node = join(dir, `lb-${i + 1}`);
    mkdirSync(node);
    writeFileSync(
      join(node, 'keepalived.conf'),
      [
        'global_defs {',
        `  router_id lb-${i + 1}`,
        '  script_user root',
        '}',
        'vrrp_instance VI_1 {',
        '  state BACKUP',
        `  interface ${ifs[i]}`,
        '  virtual_router_id 51',
        `  priority ${i === 0 ? 150 : 100}`,
        '  advert_int 1',
        `  virtual_ipaddress {\n    ${vip}/24\n  }`,
        `  notify "${notify} ${node}"`,
        '}',
        '',
      ].join('\n'),
    );
    processes.push(
      spawnReal(`keepalived lb-${i + 1}`, bin, [
        '--dont-fork',
        '--log-console',
        '--vrrp',
        `--use-file=${join(node, 'keepalived.conf')}`,
        `--namespace=${ns[i]}`,
        `--pid=${join(node, 'keepalived.pid')}`,
        `--vrrp_pid=${join(node, 'vrrp.pid')}`,
      ]),
    );
  });
  const stateFile = (node: 1 | 2) => {
    const file = join(dir, `lb-${node}`, 'VI_1.state');
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  };
  const pid = (node: 1 | 2) =>
    Number(readFileSync(join(dir, `lb-${node}`, 'keepalived.pid'), 'utf8'));
  return {
    stateFile,
    interfaces: ifs,
    vip,
    async jsonDump(node) {
      processes[node - 1].assertRunning();
      const before = existsSync(JSON_DUMP) ? statSync(JSON_DUMP).mtimeMs : 0;
      rmSync(JSON_DUMP, { force: true });
      process.kill(
        pid(node),
        Number(execFileSync(bin, ['--signum=JSON']).toString().trim()),
      );
      let dump: any;
      await waitFor(
        `lb-${node}'s JSON dump`,
        async () => {
          if (!existsSync(JSON_DUMP) || statSync(JSON_DUMP).mtimeMs === before)
            return false;
          dump = JSON.parse(readFileSync(JSON_DUMP, 'utf8'));
          return true;
        },
        10_000,
      );
      rmSync(JSON_DUMP, { force: true });
      return dump[0];
    },
    failNode1: () => ip('-n', ns[0], 'link', 'set', ifs[0], 'down'),
    restoreNode1: () => ip('-n', ns[0], 'link', 'set', ifs[0], 'up'),
    stop: cleanup,
  };
}

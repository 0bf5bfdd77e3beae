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
import { SimClock } from '../../../control/SimClock';
import { LbBackend } from '../../externalLb/loadBalancers';
import {
  BackendMode,
  LoopbackBackend,
} from '../../__testUtils__/loopbackBackend';
import { RealHaproxy, startRealHaproxy } from '../../__testUtils__/realHaproxy';
import { freePort, realBinary } from '../../../realServers';
import {
  createTestContext,
  startTestServer,
  TestServer,
} from '../../__testUtils__/testServer';
import { createHaproxySimulator } from '../HaproxySimulator';
import { CheckSettings } from '../serverCheck';

/*
 * A real HAProxy (Debian's) in front of four loopback servers, and the
 * sandbox's HAProxy serving the same topology, taken through the same
 * transitions: a server stopped and started, slowed past the check timeout,
 * answering 404 under disable-on-404, and put into maintenance, drain and
 * ready through the runtime API. Each transition's sequence of stats rows
 * (the server's and its BACKEND's) must be equal, step by step. The real
 * server is polled until a row has not changed for four check intervals; the
 * sandbox's clock is moved one interval at a time.
 */
const SUITE = 'HAProxy differential test';
const bin = realBinary('PLATFORM_TEST_HAPROXY_BIN', 'HAProxy', SUITE);
const describeWithHaproxy = bin ? describe : describe.skip;
const allowlist: Array<{ transition: string; why: string }> = JSON.parse(
  readFileSync(join(__dirname, 'allowlist.json'), 'utf8'),
);

const INTER_MS = 500;
const CHECK: CheckSettings = {
  enabled: true,
  rise: 2,
  fall: 3,
  interMs: INTER_MS,
  http: true,
  disableOn404: true,
};
const SERVERS = ['s1', 's2', 's3', 's4'];
/** s4 has no `check`: always "no check" unless in maintenance or drain. */
const topology = (ports: number[]): LbBackend[] => [
  {
    name: 'web',
    bind: '127.0.0.1:0',
    mode: 'http',
    servers: SERVERS.map((name, i) => ({
      name,
      address: `127.0.0.1:${ports[i] ?? 0}`,
      state: 'UP' as const,
      check: name === 's4' ? { ...CHECK, enabled: false } : CHECK,
    })),
  },
];

function realConfig(frontendPort: number, ports: number[]): string {
  return [
    'defaults',
    '  mode http',
    '  timeout connect 300ms',
    '  timeout client 5s',
    '  timeout server 5s',
    '  timeout check 300ms',
    'frontend web',
    `  bind 127.0.0.1:${frontendPort}`,
    '  default_backend web-be',
    'backend web-be',
    '  option httpchk GET /healthz',
    '  http-check disable-on-404',
    `  default-server inter ${INTER_MS}ms fall ${CHECK.fall} rise ${CHECK.rise}`,
    ...SERVERS.map(
      (s, i) =>
        `  server ${s} 127.0.0.1:${ports[i]}${s === 's4' ? '' : ' check'}`,
    ),
  ].join('\n');
}

type Transition = { name: string; server: string } & (
  | { backend: BackendMode | 'stopped' }
  | { admin: string }
);
const TRANSITIONS: Transition[] = [
  { name: 's1 stopped', server: 's1', backend: 'stopped' },
  { name: 's1 started', server: 's1', backend: 'ok' },
  { name: 's2 slowed past the check timeout', server: 's2', backend: 'slow' },
  { name: 's2 fast again', server: 's2', backend: 'ok' },
  { name: 's3 answers 404', server: 's3', backend: 'not-found' },
  { name: 's3 answers 200', server: 's3', backend: 'ok' },
  { name: 's1 maint', server: 's1', admin: 'maint' },
  { name: 's1 ready after maint', server: 's1', admin: 'ready' },
  { name: 's1 drain', server: 's1', admin: 'drain' },
  { name: 's1 ready after drain', server: 's1', admin: 'ready' },
  { name: 's4 (no check) maint', server: 's4', admin: 'maint' },
  { name: 's4 (no check) drain', server: 's4', admin: 'drain' },
  { name: 's4 (no check) ready', server: 's4', admin: 'ready' },
  { name: 's2 stopped', server: 's2', backend: 'stopped' },
  { name: 's2 maint while down', server: 's2', admin: 'maint' },
  { name: 's2 ready while still stopped', server: 's2', admin: 'ready' },
  { name: 's2 started', server: 's2', backend: 'ok' },
];

/** Every column the portal reads (pxname, svname, status, check_status) and the health ones behind them. */
const SERVER_COLUMNS = [
  'status',
  'check_status',
  'check_health',
  'check_rise',
  'check_fall',
  'weight',
  'act',
  'bck',
  'chkfail',
  'chkdown',
];
const BACKEND_COLUMNS = ['status', 'weight', 'act'];

/** The server's row and its BACKEND's, as one comparable line. */
function observe(csv: string, server: string): string {
  const [header, ...rows] = csv.trim().split('\n');
  const columns = header.replace(/^# /, '').split(',');
  const row = (svname: string) => {
    const cells = rows
      .map(r => r.split(','))
      .find(c => c[0] === 'web-be' && c[1] === svname);
    if (!cells) throw new Error(`no row web-be/${svname} in:\n${csv}`);
    return (names: string[]) =>
      names
        // "* " marks a check in progress at the instant of the read; the sandbox's checks take no time.
        .map(
          n => `${n}=${(cells[columns.indexOf(n)] ?? '').replace(/^\* /, '')}`,
        )
        .join(' ');
  };
  return `${server}: ${row(server)(SERVER_COLUMNS)} | BACKEND: ${row('BACKEND')(
    BACKEND_COLUMNS,
  )}`;
}

/** A clock that moves only when told, so every interval runs exactly one check. */
class SteppedClock extends SimClock {
  private at = Date.now();
  now(): Date {
    return new Date(this.at);
  }
  advance(ms: number): Date {
    this.at += ms;
    return this.tick();
  }
}

describeWithHaproxy('HAProxy: the sandbox against the real server', () => {
  jest.setTimeout(240_000);

  const backends = SERVERS.map(() => new LoopbackBackend());
  let real: RealHaproxy;
  let sandbox: TestServer;
  let clock: SteppedClock;
  let cluster: string;

  const sandboxCsv = async () =>
    (
      await fetch(`${sandbox.baseUrl}/haproxy/${cluster}/stats;csv`, {
        signal: AbortSignal.timeout(5_000),
      })
    ).text();

  /** Distinct observations until nothing changed for four intervals (bounded). */
  async function realSequence(server: string): Promise<string[]> {
    const seen: string[] = [];
    let changedAt = Date.now();
    const deadline = Date.now() + 30_000;
    while (Date.now() - changedAt < 4 * INTER_MS) {
      real.assertRunning();
      if (Date.now() > deadline)
        throw new Error(`HAProxy did not settle: ${seen.join('\n')}`);
      const now = observe(await real.statsCsv(), server);
      if (now !== seen[seen.length - 1]) {
        seen.push(now);
        changedAt = Date.now();
      }
      await new Promise(r => setTimeout(r, 25));
    }
    return seen;
  }

  async function sandboxSequence(server: string): Promise<string[]> {
    const seen = [observe(await sandboxCsv(), server)];
    for (let unchanged = 0, steps = 0; unchanged < 4 && steps < 30; steps++) {
      clock.advance(INTER_MS);
      const now = observe(await sandboxCsv(), server);
      if (now === seen[seen.length - 1]) unchanged++;
      else {
        seen.push(now);
        unchanged = 0;
      }
    }
    return seen;
  }

  /** Takes both servers through one transition. */
  async function apply(t: Transition): Promise<void> {
    if ('admin' in t) {
      const command = `set server web-be/${t.server} state ${t.admin}`;
      const answers = [
        await real.runtime(command),
        await (
          await fetch(`${sandbox.baseUrl}/haproxy/${cluster}/runtime`, {
            method: 'POST',
            body: command,
          })
        ).text(),
      ];
      if (answers.some(a => a !== '\n')) {
        throw new Error(`"${command}" answered ${JSON.stringify(answers)}`);
      }
      return;
    }
    const backend = backends[SERVERS.indexOf(t.server)];
    if (t.backend === 'stopped') await backend.stop();
    else {
      backend.mode = t.backend;
      await backend.start();
    }
    const condition = t.backend === 'stopped' ? 'refused' : t.backend;
    const res = await fetch(
      `${sandbox.baseUrl}/haproxy/${cluster}/servers/web-be/${t.server}/condition`,
      { method: 'PUT', body: condition },
    );
    if (res.status !== 200) {
      throw new Error(`the sandbox refused ${condition}: ${await res.text()}`);
    }
  }

  beforeAll(async () => {
    for (const b of backends) await b.start();
    const ports = backends.map(b => b.port);
    real = await startRealHaproxy(bin!, realConfig(await freePort(), ports));
    clock = new SteppedClock();
    const ctx = { ...createTestContext(), clock };
    cluster = ctx.fleet.clusters[0].name;
    sandbox = await startTestServer([
      createHaproxySimulator(ctx, { topology: () => topology(ports) }),
    ]);
  });

  afterAll(async () => {
    await real?.stop();
    await sandbox?.close();
    for (const b of backends) await b.stop();
  });

  it('passes through the same states, rise and fall counts included, on every transition', async () => {
    // Both start from every checked server UP after its first checks.
    const start = {
      real: await realSequence('s1'),
      sandbox: await sandboxSequence('s1'),
    };
    const differences: string[] = [];
    const compare = (name: string, r: string[], s: string[]) => {
      if (JSON.stringify(r) === JSON.stringify(s)) return;
      if (allowlist.some(a => a.transition === name)) return;
      differences.push(
        `${name}\n  real:\n    ${r.join('\n    ')}\n  sandbox:\n    ${s.join(
          '\n    ',
        )}`,
      );
    };
    compare('start', start.real.slice(-1), start.sandbox.slice(-1));
    for (const t of TRANSITIONS) {
      await apply(t);
      compare(
        t.name,
        await realSequence(t.server),
        await sandboxSequence(t.server),
      );
    }
    expect(differences).toEqual([]);
    expect(
      allowlist.filter(
        a =>
          a.transition !== 'start' &&
          !TRANSITIONS.some(t => t.name === a.transition),
      ),
    ).toEqual([]);
  });
});

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
import { defaultFleet } from '../../../scenario/defaultFleet';
import { Sandbox, startSandbox } from '../../../server/startSandbox';
import { createUpstreamSimulators } from '../../index';
import { SCRAPE_INTERVAL_MS } from '../assumptions';
import { sampleTime } from '../series';
import {
  FatalWait,
  prometheusBinary,
  PromAnswer,
  promGet,
  RealPrometheus,
  startRealPrometheus,
  waitFor,
} from './realPrometheusServer';

/*
 * How both servers come to hold the same samples: the sandbox's series are
 * sampled on a 15 s grid since the epoch, and its exposition stamps every
 * sample with the grid slot it belongs to (Prometheus keeps explicit
 * timestamps and drops a repeated one). Rather than wait 15 s per slot, the
 * test waits until the real Prometheus (scraping every second) has stored the
 * current slot for every cluster, then moves the sandbox clock to the start of
 * the next slot, and repeats; a slot missed under load starts the history
 * again. The real server thus holds every slot of a contiguous history, the
 * same samples the sandbox's query API reads from its grid, and both are asked
 * about instants and ranges inside that history (on and off the grid), with
 * every window, offset and lookback covered.
 */
const HISTORY_SLOTS = 36;
const bin = prometheusBinary('PromQL differential test');
const describeWithPrometheus = bin ? describe : describe.skip;

interface Entry {
  expr: string;
  why: string;
}
const read = (file: string): Entry[] =>
  JSON.parse(readFileSync(join(__dirname, file), 'utf8'));
/** Every expression compared, with why it is there. */
const corpus = read('corpus.json');
/** The differences the sandbox keeps, with why. */
const allowlist = read('allowlist.json');
const allowed = new Map(allowlist.map(entry => [entry.expr, entry.why]));

const TOLERANCE = 1e-9;

function sameNumber(a: string, b: string): boolean {
  if (a === b) return true;
  const x = Number(a);
  const y = Number(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return false;
  return Math.abs(x - y) <= TOLERANCE * Math.max(1, Math.abs(x), Math.abs(y));
}

function key(metric: Record<string, string>): string {
  return JSON.stringify(Object.entries(metric).sort());
}

/** What differs between two answers, or undefined when they agree. */
function difference(real: PromAnswer, sandbox: PromAnswer): string | undefined {
  if (real.status !== sandbox.status) {
    return `HTTP ${real.status} vs ${sandbox.status} (${JSON.stringify(
      real.body,
    ).slice(0, 300)} vs ${JSON.stringify(sandbox.body).slice(0, 300)})`;
  }
  const r = real.body;
  const s = sandbox.body;
  if (typeof r !== 'object' || typeof s !== 'object') {
    return r === s ? undefined : `${JSON.stringify(r)} vs ${JSON.stringify(s)}`;
  }
  if (r.status !== s.status || r.errorType !== s.errorType) {
    return `${r.status}/${r.errorType} "${r.error}" vs ${s.status}/${s.errorType} "${s.error}"`;
  }
  if (r.status !== 'success') return undefined;
  if (Array.isArray(r.data)) {
    // /series, /labels, /label/<name>/values: the same members in any order.
    const members = (data: unknown[]) =>
      data
        .map(m =>
          JSON.stringify(
            typeof m === 'object' ? Object.entries(m as object).sort() : m,
          ),
        )
        .sort();
    const [rm, sm] = [members(r.data), members(s.data ?? [])];
    return JSON.stringify(rm) === JSON.stringify(sm)
      ? undefined
      : `${JSON.stringify(rm).slice(0, 300)} vs ${JSON.stringify(sm).slice(
          0,
          300,
        )}`;
  }
  if (r.data.resultType !== s.data.resultType) {
    return `resultType ${r.data.resultType} vs ${s.data.resultType}`;
  }
  if (r.data.resultType === 'scalar' || r.data.resultType === 'string') {
    const [rt, rv] = r.data.result;
    const [st, sv] = s.data.result;
    return rt === st && sameNumber(rv, sv)
      ? undefined
      : `${JSON.stringify(r.data.result)} vs ${JSON.stringify(s.data.result)}`;
  }
  const points = (series: any): Array<[number, string]> =>
    series.values ?? [series.value];
  const index = (result: any[]) =>
    new Map(result.map(series => [key(series.metric), points(series)]));
  const ri = index(r.data.result);
  const si = index(s.data.result);
  for (const [labels, values] of ri) {
    const other = si.get(labels);
    if (!other) return `series ${labels} only in Prometheus`;
    if (
      values.length !== other.length ||
      values.some(
        ([t, v], i) => t !== other[i][0] || !sameNumber(v, other[i][1]),
      )
    ) {
      return `series ${labels}: ${JSON.stringify(values).slice(
        0,
        300,
      )} vs ${JSON.stringify(other).slice(0, 300)}`;
    }
  }
  for (const labels of si.keys()) {
    if (!ri.has(labels)) return `series ${labels} only in the sandbox`;
  }
  return undefined;
}

describeWithPrometheus('PromQL: the sandbox against a real Prometheus', () => {
  jest.setTimeout(300_000);

  let sandbox: Sandbox;
  let prometheus: RealPrometheus;
  let end: number;

  async function slotStored(slot: number): Promise<boolean> {
    try {
      prometheus.assertRunning();
    } catch (error) {
      throw new FatalWait((error as Error).message);
    }
    const { body } = await promGet(
      `${prometheus.url}/api/v1/query?${new URLSearchParams({
        query: `count(timestamp(process_cpu_seconds_total) == ${slot / 1000})`,
        time: String(slot / 1000),
      })}`,
    );
    return (
      Number(body.data?.result?.[0]?.value?.[1]) ===
      sandbox.fleetSpec.clusters.length
    );
  }

  beforeAll(async () => {
    sandbox = await startSandbox({
      fleet: defaultFleet(),
      port: 0,
      controlPort: 0,
      realTimeTicks: false,
      upstreams: createUpstreamSimulators,
    });
    prometheus = await startRealPrometheus(
      bin!,
      sandbox.url,
      sandbox.fleetSpec.clusters.map(c => c.name),
    );
    // The slot a check found stored; a slot missed (a scrape held up past
    // its 15 s) starts the history again from the newest one.
    const clock = sandbox.clock;
    let first: number | undefined;
    let last: number | undefined;
    const deadline = Date.now() + 480_000;
    while (
      first === undefined ||
      last! - first < HISTORY_SLOTS * SCRAPE_INTERVAL_MS
    ) {
      if (Date.now() > deadline) {
        throw new Error(
          `Prometheus did not store ${HISTORY_SLOTS} consecutive slots within 480 s (got ${
            first === undefined ? 0 : (last! - first) / SCRAPE_INTERVAL_MS
          })`,
        );
      }
      let stored = 0;
      try {
        await waitFor(
          `Prometheus to scrape the sandbox's current slot of every cluster (history so far: ${
            first === undefined ? 0 : (last! - first) / SCRAPE_INTERVAL_MS
          } slots)`,
          async () => {
            const current = sampleTime(clock.now().getTime());
            if (!(await slotStored(current))) return false;
            stored = current;
            return true;
          },
          120_000,
        );
      } catch (error) {
        const targets = await promGet(`${prometheus.url}/api/v1/targets`).catch(
          e => ({ body: String(e) }),
        );
        const health = (targets.body?.data?.activeTargets ?? []).map(
          (t: any) => `${t.scrapePool}: ${t.health} ${t.lastError}`,
        );
        throw new Error(
          `${(error as Error).message}; targets: ${JSON.stringify(
            health,
          )}; Prometheus log: ${prometheus.logTail()}`,
        );
      }
      // Time ran on past a slot while waiting: the history holds only if
      // every slot in between was stored too.
      let contiguous = last !== undefined;
      for (
        let t = (last ?? 0) + SCRAPE_INTERVAL_MS;
        contiguous && t < stored;
        t += SCRAPE_INTERVAL_MS
      ) {
        contiguous = await slotStored(t);
      }
      if (!contiguous) first = stored;
      last = stored;
      // On to the start of the next slot.
      clock.advance(
        Math.max(0, stored + SCRAPE_INTERVAL_MS - clock.now().getTime()),
      );
    }
    end = last!;
  }, 600_000);

  afterAll(async () => {
    await prometheus?.stop();
    await sandbox?.stop();
  });

  /** The same request to both servers, in each of the shapes compared. */
  function requests(expr: string): Array<[string, string]> {
    const t = (ms: number) => String(ms / 1000);
    return [
      [
        'instant at the last slot',
        `query?${new URLSearchParams({ query: expr, time: t(end) })}`,
      ],
      [
        'instant between slots',
        `query?${new URLSearchParams({ query: expr, time: t(end - 37_000) })}`,
      ],
      [
        'range on the grid',
        `query_range?${new URLSearchParams({
          query: expr,
          start: t(end - 120_000),
          end: t(end),
          step: '15',
        })}`,
      ],
      [
        'range off the grid',
        `query_range?${new URLSearchParams({
          query: expr,
          start: t(end - 127_000),
          end: t(end - 7_000),
          step: '20',
        })}`,
      ],
    ];
  }

  it('holds a corpus of at least 100 expressions, each with a reason', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(100);
    for (const entry of corpus as Entry[]) expect(entry.why).not.toBe('');
    for (const entry of allowlist) {
      expect(corpus.map(c => c.expr)).toContain(entry.expr);
    }
  });

  // The query API's parameters and its other read endpoints, as the portal
  // and Grafana call them (`{end}` is the last slot, in seconds).
  const API_REQUESTS: Array<[string, string]> = [
    ['query?query=up&time=yesterday', 'time that does not parse'],
    ['query?query=up{cluster="staging-1"}&time={end}.5', 'fractional time'],
    ['query?time={end}', 'no query parameter'],
    [
      'query_range?query=up{cluster="staging-1"}&start={end}&end={end}&step=0',
      'zero step',
    ],
    [
      'query_range?query=up{cluster="staging-1"}&start={end}&end={end}&step=-15',
      'negative step',
    ],
    [
      'query_range?query=up{cluster="staging-1"}&start={end}&end={end}&step=1m',
      'step as a duration',
    ],
    [
      'query_range?query=up{cluster="staging-1"}&start={end}&end=100&step=15',
      'end before start',
    ],
    [
      'query_range?query=up{cluster="staging-1"}&start=0&end={end}&step=1',
      'more than 11,000 points',
    ],
    [
      'query_range?query=up{cluster="staging-1"}&start={end}&end={end}',
      'no step',
    ],
    ['query_range?query=up{cluster="staging-1"}&end={end}&step=15', 'no start'],
    [
      'series?match[]=up{cluster="staging-1",job="dex"}&start={end}&end={end}',
      'series of a selector',
    ],
    ['series?start={end}&end={end}', 'series without match[]'],
    [
      'series?match[]=rate(up[5m])',
      'series with an expression that is not a selector',
    ],
    [
      'label/job/values?match[]=up{cluster="staging-1"}&start={end}&end={end}',
      'label values under a selector',
    ],
    ['label/0bad/values', 'invalid label name'],
    [
      'labels?match[]=kube_node_spec_unschedulable{cluster="staging-1"}&start={end}&end={end}',
      'label names under a selector',
    ],
    ['no_such_endpoint', 'unknown endpoint'],
  ];

  it.each(API_REQUESTS)('%s (%s): same answer from both', async request => {
    const path = request
      .replace(/\{end\}/g, String(end / 1000))
      .replace(/\{([^}]*)\}/g, m => encodeURIComponent(m))
      .replace(/\[\]/g, '%5B%5D');
    const real = await promGet(`${prometheus.url}/api/v1/${path}`);
    const own = await promGet(`${sandbox.url}/prometheus/api/v1/${path}`);
    const mimir = await promGet(
      `${sandbox.url}/mimir/prometheus/api/v1/${path}`,
      { 'X-Scope-OrgID': sandbox.credentials.tenant },
    );
    expect({
      sandbox: difference(real, own),
      mimir: difference(real, mimir),
    }).toEqual({ sandbox: undefined, mimir: undefined });
  });

  it.each(corpus.map(e => [e.expr, e.why]))(
    '%s (%s): same answer from both',
    async expr => {
      const differences: string[] = [];
      for (const [shape, path] of requests(expr)) {
        const real = await promGet(`${prometheus.url}/api/v1/${path}`);
        const own = await promGet(`${sandbox.url}/prometheus/api/v1/${path}`);
        const mimir = await promGet(
          `${sandbox.url}/mimir/prometheus/api/v1/${path}`,
          { 'X-Scope-OrgID': sandbox.credentials.tenant },
        );
        const d = difference(real, own);
        if (d) differences.push(`${shape}: ${d}`);
        const m = difference(real, mimir);
        if (m) differences.push(`${shape}, Mimir: ${m}`);
      }
      // An allowed difference that went away must leave the allow-list.
      let unexpected = differences;
      if (allowed.has(expr)) {
        unexpected =
          differences.length === 0
            ? ['answers agree now: remove the entry from allowlist.json']
            : [];
      }
      expect(unexpected).toEqual([]);
    },
  );
});

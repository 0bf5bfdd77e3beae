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

import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackendReplica } from './__testUtils__/BackendReplica';
import { HaproxyFrontend } from './__testUtils__/HaproxyFrontend';
import {
  HttpAnswer,
  httpJson,
  httpRequest,
  waitFor,
} from './__testUtils__/httpRequest';
import {
  productionEnv,
  redisKeys,
  redisNamespace,
  removeRunData,
  describeOnServices,
  freshLogDir,
  productionConfigs,
  writeTestOverlay,
} from './__testUtils__/replicaServices';
import { SandboxProcess } from './__testUtils__/SandboxProcess';
import { SteadyLoad } from './__testUtils__/SteadyLoad';
import { TcpProxy } from './__testUtils__/TcpProxy';

/*
 * The production topology on one machine: two replicas of the real backend
 * (app-config.production.yaml) on one PostgreSQL database and one Redis,
 * behind a real HAProxy that health-checks their readiness endpoint, reading
 * a simulated fleet from platform-sandbox. Loopback ports 7300-7323 only.
 */
const PORTS = {
  sandbox: { port: 7300, controlPort: 7301 },
  replicas: [7310, 7311],
  haproxy: 7320,
  haproxyStats: 7321,
  redisProxy: 7322,
  postgresProxy: 7323,
};
const REFRESH_TASK = 'platform-health-refresh';
/** The events plugin's bus, through which replicas share events. */
const BUS = '/api/events/bus/v1';
const SHUTDOWN_DELAY_SECONDS = 3;

describeOnServices('two backend replicas behind HAProxy', svc => {
  const runId = randomBytes(4).toString('hex');
  const token = randomBytes(24).toString('base64url');
  const auth = { authorization: `Bearer ${token}` };
  let dir: string;
  let logDir: string;
  let techdocsDir: string;
  let sandbox: SandboxProcess;
  let haproxy: HaproxyFrontend;
  let redisProxy: TcpProxy;
  let postgresProxy: TcpProxy;
  let replicas: BackendReplica[] = [];
  let refreshesTriggered = 0;

  /** Writes a TechDocs page of system:default/platform to the local publisher. */
  function writeDocsPage(file: string, html: string): string {
    const page = `default/system/platform/${file}`;
    mkdirSync(join(techdocsDir, 'default/system/platform'), {
      recursive: true,
    });
    writeFileSync(join(techdocsDir, page), html);
    return page;
  }

  function getDocsPage(replica: BackendReplica, page: string) {
    return httpRequest(`${replica.url}/api/techdocs/static/docs/${page}`, {
      headers: auth,
      timeoutMs: 60_000,
    });
  }

  /** Waits for the cached copy of a page in Redis (keys are base64, under the plugin's namespace). */
  async function waitForCachedPage(
    page: string,
    timeoutMs = 120_000,
  ): Promise<void> {
    const key = `${redisNamespace(runId)}:techdocs:${Buffer.from(page).toString(
      'base64',
    )}`;
    await waitFor(
      `${key} in Redis`,
      async () => (await redisKeys(svc.redisUrl, key)).length > 0 || undefined,
      { timeoutMs },
    );
  }

  /** The refresh task as the scheduler of one replica reports it. */
  async function refreshTask(replica: BackendReplica) {
    const { tasks } = await httpJson(
      `${replica.url}/api/platform/.backstage/scheduler/v1/tasks`,
      { headers: auth },
    );
    return tasks.find((t: any) => t.taskId === REFRESH_TASK).taskState;
  }

  /**
   * Health refreshes so far of every configured cluster: each refresh reads
   * the cluster's HAProxy stats once, and nothing else reads them.
   */
  async function refreshesPerCluster(): Promise<Record<string, number>> {
    const { clusters } = await httpJson(
      `${replicas[0].url}/api/platform/health`,
      {
        headers: auth,
      },
    );
    const counters = await sandbox.countersByCluster();
    return Object.fromEntries(
      clusters.map(({ cluster }: { cluster: string }) => [
        cluster,
        counters[cluster]?.['haproxy:GET'] ?? 0,
      ]),
    );
  }

  async function waitForRefreshToEnd(after?: string): Promise<string> {
    return waitFor(
      'the health refresh to end',
      async () => {
        const state = await refreshTask(replicas[0]);
        return state.status === 'idle' &&
          state.lastRunEndedAt &&
          state.lastRunEndedAt !== after
          ? (state.lastRunEndedAt as string)
          : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'platform-portal-replicas-'));
    logDir = freshLogDir('replicas');
    techdocsDir = join(dir, 'techdocs');
    mkdirSync(techdocsDir);
    sandbox = await SandboxProcess.started({ ...PORTS.sandbox, dir, logDir });

    const overlay = join(dir, 'app-config.test.json');
    writeTestOverlay(overlay, {
      runId,
      token,
      techdocsDir,
      shutdownDelaySeconds: SHUTDOWN_DELAY_SECONDS,
    });
    // The replicas reach Redis and PostgreSQL through proxies the tests can cut.
    const postgres = new URL(svc.postgresUrl);
    postgresProxy = new TcpProxy(PORTS.postgresProxy, {
      host: postgres.hostname,
      port: Number(postgres.port || 5432),
    });
    await postgresProxy.open();
    postgres.host = postgresProxy.url;
    const redis = new URL(svc.redisUrl);
    redisProxy = new TcpProxy(PORTS.redisProxy, {
      host: redis.hostname,
      port: Number(redis.port || 6379),
    });
    await redisProxy.open();
    redis.host = redisProxy.url;
    const env = productionEnv(svc, {
      publicUrl: `http://127.0.0.1:${PORTS.haproxy}`,
      secret: randomBytes(24).toString('base64url'),
      redisUrl: redis.toString(),
      postgresUrl: postgres.toString(),
    });
    replicas = PORTS.replicas.map(
      port =>
        new BackendReplica(port, {
          configs: productionConfigs(sandbox.appConfig, overlay),
          env,
          dir,
          logDir,
        }),
    );
    haproxy = new HaproxyFrontend({
      bin: svc.haproxyBin,
      port: PORTS.haproxy,
      statsPort: PORTS.haproxyStats,
      servers: replicas.map(r => ({ name: `r${r.port}`, port: r.port })),
      dir,
      logDir,
    });
    // One after the other, as a rolling update starts them: two backends
    // starting at the same moment on a new database race for its migration
    // lock, and the loser exits to be started again.
    for (const replica of replicas) {
      replica.start();
      await replica.waitUntilReady();
    }
    await Promise.all(
      replicas.map(r => haproxy.waitForStatus(`r${r.port}`, 'UP')),
    );
  }, 420_000);

  afterAll(async () => {
    await Promise.all(
      replicas.map(async r => r.process.kill()).map(p => p.catch(() => {})),
    );
    await haproxy?.process.kill();
    await redisProxy?.cut();
    await postgresProxy?.cut();
    await sandbox?.process.kill();
    if (dir) {
      await removeRunData(svc, runId);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('runs the scheduled health refresh once across both replicas', async () => {
    // The first refresh is due at start: one replica claims it, the other
    // finds it claimed (or done) in the shared database and does not run it.
    const firstEnded = await waitForRefreshToEnd();
    const clusters = Object.keys(await refreshesPerCluster());
    expect(clusters.length).toBeGreaterThan(1);

    expect(Object.values(await refreshesPerCluster())).toEqual(
      clusters.map(() => 1),
    );

    // Due again (triggered through the other replica): again exactly one run.
    const trigger = await httpRequest(
      `${replicas[1].url}/api/platform/.backstage/scheduler/v1/tasks/${REFRESH_TASK}/trigger`,
      { method: 'POST', headers: auth },
    );
    expect(trigger.status).toBe(200);
    refreshesTriggered += 1;
    await waitForRefreshToEnd(firstEnded);
    expect(Object.values(await refreshesPerCluster())).toEqual(
      clusters.map(() => 1 + refreshesTriggered),
    );
  }, 240_000);

  it('serves the same health answer from both replicas and through HAProxy', async () => {
    const answers = await Promise.all(
      [...replicas.map(r => r.url), haproxy.url].map(url =>
        httpJson(`${url}/api/platform/health`, { headers: auth }),
      ),
    );
    expect(answers[0].clusters.length).toBeGreaterThan(1);
    expect(
      answers[0].clusters
        .flatMap((c: any) => c.layers)
        .filter((l: any) => l.stale),
    ).toEqual([]);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  }, 60_000);

  it('delivers an event published on one replica to a subscriber on the other', async () => {
    const subscription = `${BUS}/subscriptions/replica-tests-${runId}`;
    const subscribed = await httpRequest(`${replicas[1].url}${subscription}`, {
      method: 'PUT',
      headers: auth,
      body: { topics: ['replica-tests'] },
    });
    expect(subscribed.status).toBe(201);
    const published = await httpRequest(`${replicas[0].url}${BUS}/events`, {
      method: 'POST',
      headers: auth,
      body: { event: { topic: 'replica-tests', payload: { runId } } },
    });
    expect(published.status).toBe(201);
    const { events } = await httpJson(
      `${replicas[1].url}${subscription}/events`,
      { headers: auth, timeoutMs: 90_000 },
    );
    expect(events).toEqual([{ topic: 'replica-tests', payload: { runId } }]);
  }, 120_000);

  it('shares the cache through Redis: a page one replica cached is what the other serves', async () => {
    const page = 'default/system/platform/index.html';
    // TechDocs serves only pages of entities in the catalog.
    await waitFor(
      'the catalog to hold system:default/platform',
      async () =>
        (
          await httpRequest(
            `${replicas[0].url}/api/catalog/entities/by-name/system/default/platform`,
            { headers: auth },
          )
        ).status === 200 || undefined,
      { timeoutMs: 180_000, intervalMs: 1_000 },
    );
    writeDocsPage('index.html', '<h1>first build</h1>');
    const first = await getDocsPage(replicas[0], page);
    expect(first.status).toBe(200);
    expect(first.body).toContain('first build');
    await waitForCachedPage(page);

    // The other replica answers from the shared cache, not from the new file.
    writeDocsPage('index.html', '<h1>second build</h1>');
    const second = await getDocsPage(replicas[1], page);
    expect(second.status).toBe(200);
    expect(second.body).toContain('first build');
  }, 240_000);

  it('keeps serving while Redis is gone, and after it is back', async () => {
    await redisProxy.cut();
    let health: HttpAnswer;
    let entity: HttpAnswer;
    let page: HttpAnswer;
    try {
      health = await httpRequest(`${haproxy.url}/api/platform/health`, {
        headers: auth,
        timeoutMs: 60_000,
      });
      entity = await httpRequest(
        `${haproxy.url}/api/catalog/entities/by-name/system/default/platform`,
        { headers: auth, timeoutMs: 60_000 },
      );
      page = await getDocsPage(
        replicas[0],
        writeDocsPage('while-redis-is-gone.html', '<h1>from disk</h1>'),
      );
    } finally {
      await redisProxy.open();
    }
    expect(health.status).toBe(200);
    expect(entity.status).toBe(200);
    expect(page.status).toBe(200);
    expect(page.body).toContain('from disk');

    // The cache comes back by itself: a page replica A reads once Redis is
    // back is cached, and replica B serves that copy, not the newer file.
    const later = writeDocsPage('after-redis-is-back.html', '<h1>back</h1>');
    await waitFor(
      'replica A to cache a page in Redis again',
      async () => {
        const answer = await getDocsPage(replicas[0], later);
        expect(answer.status).toBe(200);
        await waitForCachedPage(later, 2_000);
        return true;
      },
      { timeoutMs: 120_000, intervalMs: 1_000 },
    );
    writeDocsPage('after-redis-is-back.html', '<h1>rebuilt</h1>');
    const after = await getDocsPage(replicas[1], later);
    expect(after.status).toBe(200);
    expect(after.body).toContain('back');
    expect(
      replicas.flatMap(r => r.process.logTail(Infinity).split('\n')),
    ).not.toContainEqual(expect.stringMatching(/uncaught/i));
  }, 240_000);

  it('answers from the database again by itself after PostgreSQL was briefly gone', async () => {
    await postgresProxy.cut();
    let alive: number[];
    try {
      // A read while the database is gone makes the pools notice.
      await Promise.all(
        replicas.map(r =>
          httpRequest(`${r.url}/api/platform/health`, {
            headers: auth,
            timeoutMs: 5_000,
          }).catch(() => undefined),
        ),
      );
      alive = await Promise.all(
        replicas.map(
          async r =>
            (
              await httpRequest(`${r.url}/.backstage/health/v1/liveness`, {
                timeoutMs: 10_000,
              })
            ).status,
        ),
      );
    } finally {
      await postgresProxy.open();
    }
    expect(alive).toEqual([200, 200]);
    await waitFor(
      'both replicas to answer from the database again',
      async () => {
        const answers = await Promise.all(
          replicas.map(r =>
            httpRequest(`${r.url}/api/platform/health`, {
              headers: auth,
              timeoutMs: 30_000,
            }),
          ),
        );
        return answers.every(a => a.status === 200) || undefined;
      },
      { timeoutMs: 120_000, intervalMs: 1_000 },
    );
    expect(replicas.map(r => r.process.running)).toEqual([true, true]);
  }, 240_000);

  /**
   * A request to `replica` that is still in flight when SIGTERM arrives: the
   * cluster's Kubernetes API answers it slower than the shutdown delay.
   */
  async function startSlowRequest(
    replica: BackendReplica,
  ): Promise<{ answer: Promise<HttpAnswer> }> {
    await sandbox.setBehaviour({
      upstream: 'kubernetes',
      cluster: 'prod-eu-1',
      latencyMs: (SHUTDOWN_DELAY_SECONDS + 3) * 1000,
    });
    const listsOfCluster = async () =>
      (await sandbox.countersByCluster())['prod-eu-1']?.['kubernetes:list'] ??
      0;
    const before = await listsOfCluster();
    const answer = httpRequest(
      `${replica.url}/api/platform/clusters/prod-eu-1`,
      {
        headers: auth,
        timeoutMs: 60_000,
      },
    ).finally(() => sandbox.clearBehaviour());
    await waitFor(
      'the slow request to reach the cluster',
      async () => (await listsOfCluster()) > before || undefined,
    );
    // Wrapped: an async function would otherwise wait for the answer itself.
    return { answer };
  }

  /** SIGTERM to one replica, what it did until it exited, and a start again. */
  async function terminateAndRestart(replica: BackendReplica) {
    const name = `r${replica.port}`;
    const proc = replica.process;
    proc.signal('SIGTERM');
    await waitFor(
      `${name} to fail readiness`,
      async () => (await replica.readiness()) === 503 || undefined,
    );
    const runningWhenUnready = proc.running;
    await haproxy.waitForStatus(name, 'DOWN');
    const exitCode = await proc.exited;
    replica.start();
    await replica.waitUntilReady();
    await haproxy.waitForStatus(name, 'UP');
    return { runningWhenUnready, exitCode };
  }

  it('loses no request in a rolling restart under steady load; a stopping replica fails readiness, finishes its in-flight request and exits', async () => {
    const load = new SteadyLoad(`${haproxy.url}/api/platform/health`, {
      headers: auth,
      clients: 4,
    });
    load.start();
    const stops = [];
    let inFlight: { answer: Promise<HttpAnswer> } | undefined;
    try {
      await waitFor(
        'load to flow',
        async () => load.snapshot().total > 20 || undefined,
      );
      inFlight = await startSlowRequest(replicas[0]);
      for (const replica of replicas) {
        stops.push(await terminateAndRestart(replica));
      }
      const served = load.snapshot().total;
      await waitFor(
        'load to flow through both again',
        async () => load.snapshot().total > served + 20 || undefined,
      );
    } finally {
      await sandbox.clearBehaviour().catch(() => {});
    }
    const report = await load.stop();
    expect(report.failures).toEqual([]);
    expect(report.total).toBeGreaterThan(100);
    expect(stops).toEqual([
      { runningWhenUnready: true, exitCode: 0 },
      { runningWhenUnready: true, exitCode: 0 },
    ]);
    const answer = await inFlight!.answer;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).nodes.length).toBeGreaterThan(0);
  }, 420_000);

  it('ran no refresh that was not due, restarts included', async () => {
    const perCluster = await refreshesPerCluster();
    expect(new Set(Object.values(perCluster))).toEqual(
      new Set([1 + refreshesTriggered]),
    );
  }, 60_000);
});

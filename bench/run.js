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

// `make bench` / `yarn bench`: a generated platform-sandbox fleet, the
// production backend (SQLite, then PostgreSQL), load from a separate process
// over loopback, and a report in bench/results/. README.md, "Performance".
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { prepareBackend } = require('./lib/backendBundle');
const { writeBackendConfig } = require('./lib/backendConfig');
const { startBackend, startSandbox } = require('./lib/processes');
const { sandboxControl } = require('./lib/sandboxControl');
const { waitForRefresh } = require('./lib/fleetHealth');
const { officialEntityRequest } = require('./lib/officialEntity');
const { sameQuestion } = require('./lib/sameQuestion');
const { PROFILES } = require('./lib/profiles');
const { postgresUrl, dropBenchDatabases } = require('./lib/postgres');
const { writeReport } = require('./lib/report');
const { Budget } = require('./lib/budget');
const { measureIngestion } = require('./lib/catalogIngestion');
const { measureNamespaceCreate } = require('./lib/namespaceCreate');
const { writeChart } = require('./lib/chart');
const {
  ensureFrontendBuild,
  pluginChunks,
  largestContentfulPaint,
  LCP_COMMAND,
} = require('./lib/frontend');
const phases = require('./lib/phases');

const ROOT = path.resolve(__dirname, '..');

const USAGE = `Usage: node bench/run.js [--full | --smoke] [--clusters N] [--seed S]
       [--databases sqlite,pg] [--port-base 7800] [--out bench/results]
       [--no-build]   (use packages/backend/dist as it is)
       [--only ingestion]   (the 1,000-cluster catalog ingestion alone:
                             first pass and an unchanged re-run)
       [--only freshness]   (the fleet on SQLite, its first refresh, then
                             the freshness samples alone)
       [--only scale]       (1,000 clusters alone: ingestion, the fleet view
                             during and after the first refresh, memory)
       [--only compare]     (the fleet on SQLite, its first refresh, then
                             the same question of ours and the official
                             backend alone, until 30 answers a side)

Ports used: port-base (+0 sandbox APIs, +1 control, +2 TLS, +10 backend on
SQLite, +11 backend on PostgreSQL, +20..+35 the cold-refresh curve, +40..+45
the 1,000-cluster fleet).`;

function options() {
  const { values } = parseArgs({
    options: {
      full: { type: 'boolean' },
      'no-build': { type: 'boolean' },
      smoke: { type: 'boolean' },
      clusters: { type: 'string' },
      seed: { type: 'string', default: '7' },
      databases: { type: 'string' },
      'port-base': { type: 'string' },
      out: { type: 'string' },
      only: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (
    values.only &&
    !['ingestion', 'freshness', 'scale', 'compare'].includes(values.only)
  ) {
    throw new Error(
      `--only: unknown phase "${values.only}" (ingestion, freshness, scale, compare)`,
    );
  }
  const mode = values.smoke ? 'smoke' : values.full ? 'full' : 'default';
  const profile = { ...PROFILES[mode] };
  if (values.clusters) profile.clusters = Number(values.clusters);
  if (values.databases) profile.databases = values.databases.split(',');
  if (values.only === 'compare') {
    // Alone, the comparison can wait for 30 official answers at one viewer.
    profile.sameQuestion = {
      ...profile.sameQuestion,
      windowSec: Math.max(profile.sameQuestion.windowSec, 240),
      // At a load it can answer, however long one answer takes.
      timeoutSec: 120,
    };
    profile.budgetMinutes = Math.max(profile.budgetMinutes, 30);
  }
  const portBase = Number(
    values['port-base'] ?? (mode === 'smoke' ? 7850 : 7800),
  );
  return {
    mode,
    profile,
    seed: Number(values.seed),
    portBase,
    build: !values['no-build'],
    only: values.only,
    out: path.resolve(values.out ?? path.join(ROOT, 'bench', 'results')),
    // The README's chart follows the results committed in bench/results.
    chart: !values.out && mode !== 'smoke',
  };
}

function log(message) {
  process.stdout.write(
    `[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`,
  );
}

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? null,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverageAtStart: os.loadavg().map(v => Math.round(v * 100) / 100),
    note: 'Shared 2-core machine: other jobs ran at the same time, so every figure carries their noise.',
  };
}

/** The commit the run measured, and whether the working tree differed from it. */
function sourceRevision() {
  const git = args =>
    spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim();
  const commit = git(['rev-parse', 'HEAD']) || null;
  const changed = git(['status', '--porcelain', '--', 'packages', 'plugins']);
  return {
    commit,
    uncommittedChanges: changed ? changed.split('\n').length : 0,
  };
}

const running = new Set();

/** A phase that fails is reported as failed; the run goes on to the next. */
async function attempt(phase) {
  try {
    return await phase();
  } catch (error) {
    log(`phase failed: ${error.message}`);
    return { error: error.message };
  }
}

async function stopAll() {
  for (const proc of [...running].reverse()) {
    await proc.stop();
    running.delete(proc);
  }
}

/** Seconds a phase may take: its limit, within what the later stages keep back. */
function limit(ctx, sec) {
  return ctx.budget.limitSec(sec, ctx.reserveSec);
}

/** One backend variant on the running sandbox: cold refresh, then the measurements. */
/** Ours and the official view asked the same question (bench/lib/sameQuestion.js). */
function compareSameQuestion(vctx) {
  const settings = vctx.profile.sameQuestion;
  log(
    `the same question of both backends: ${settings.viewers.join(
      ' then ',
    )} viewers, up to ${settings.answers} answers or ${
      settings.windowSec
    } s each`,
  );
  return attempt(() => sameQuestion(vctx, settings));
}

async function measureVariant(
  ctx,
  variant,
  { everyPhase, coldRefreshTimeoutSec },
) {
  const port = variant.port;
  const config = writeBackendConfig(
    path.join(ctx.workDir, `app-config.bench.${variant.database}.yaml`),
    {
      port,
      variant,
      refreshIntervalSeconds: ctx.profile.refreshIntervalSeconds,
    },
  );
  await ctx.control.resetCounters();
  log(`starting the backend on ${variant.database} (port ${port})`);
  const backend = await startBackend({
    dir: ctx.backendDir,
    configs: [
      path.join(ROOT, 'app-config.yaml'),
      ctx.sandbox.appConfig,
      config,
    ],
    env: { PLATFORM_BENCH_TOKEN: ctx.token },
    port,
    logFile: path.join(ctx.workDir, `backend.${variant.database}.log`),
  });
  running.add(backend);
  const vctx = {
    ...ctx,
    backendUrl: `http://127.0.0.1:${port}`,
    backendPid: backend.pid,
    loadOptions: { token: ctx.token, backendPid: backend.pid },
  };
  // The first refresh gets what the phases after it in this variant leave.
  const coldLimitSec = Math.min(
    coldRefreshTimeoutSec,
    Math.max(
      ctx.profile.minColdRefreshSec ?? 0,
      ctx.budget.limitSec(
        coldRefreshTimeoutSec,
        ctx.reserveSec +
          (everyPhase ? ctx.profile.stageSec.sqliteAfterCold : 30),
      ),
    ),
  );
  log(
    `backend ready in ${Math.round(
      backend.readyMs / 1000,
    )} s; waiting up to ${coldLimitSec} s for the first refresh of ${
      ctx.profile.clusters
    } clusters`,
  );
  const cold = await waitForRefresh(vctx.backendUrl, ctx.token, {
    sinceMs: backend.startedAt,
    timeoutMs: coldLimitSec * 1000,
  });
  const coldCounters = await ctx.control.counters();
  const result = {
    database: variant.database,
    backendReadyMs: backend.readyMs,
    coldRefresh: {
      ...refreshOutcome(cold, backend, coldLimitSec),
      upstreamRequests: coldCounters.total,
      upstreamRequestsPerCluster: Math.round(
        coldCounters.total / ctx.profile.clusters,
      ),
      byUpstream: coldCounters.byUpstream,
      command: `start the backend; poll GET /api/platform/health until every layer of every cluster has an observedAt after the start; sandbox control GET /counters`,
    },
  };
  await new Promise(r => setTimeout(r, 5000));
  result.rssMbRest = phases.rssMb(backend.pid);
  if (ctx.only === 'freshness') {
    log(
      `freshness: ${ctx.profile.freshnessSamples} samples, nothing else running`,
    );
    result.freshness = await phases.freshness(
      vctx,
      ctx.profile.freshnessSamples,
    );
    await backend.stop();
    running.delete(backend);
    return result;
  }

  if (ctx.only === 'compare') {
    result.sameQuestion = await compareSameQuestion(vctx);
    await backend.stop();
    running.delete(backend);
    return result;
  }

  let freshness;
  if (everyPhase) {
    log(
      'freshness: a fault injected now, measured while the viewer windows run',
    );
    freshness = phases
      .freshness(
        {
          ...vctx,
          profile: {
            ...ctx.profile,
            freshnessTimeoutSec: limit(ctx, ctx.profile.freshnessTimeoutSec),
          },
        },
        ctx.profile.freshnessSamples,
      )
      .catch(error => ({
        samples: [],
        reason: `freshness failed: ${error.message}`,
      }));
    log('upstream cost of our fleet view: 1 viewer, then 50 viewers');
    result.oursOneViewer = await attempt(() =>
      phases.upstreamPerMinute(vctx, {
        viewers: 1,
        windowSec: ctx.profile.viewerWindowSec,
        request: { url: `${vctx.backendUrl}/api/platform/health` },
      }),
    );
    result.oursFiftyViewers = await attempt(() =>
      phases.upstreamPerMinute(vctx, {
        viewers: 50,
        windowSec: ctx.profile.viewerWindowSec,
        request: { url: `${vctx.backendUrl}/api/platform/health` },
      }),
    );
  }
  log(
    `warm fleet view: 20 viewers, 50 requests/s, ${ctx.profile.warmLoadSec} s`,
  );
  result.warmFleetView = await attempt(() =>
    phases.warmFleetView(vctx, ctx.profile.warmLoadSec),
  );
  result.rssMbLoad = result.warmFleetView.backendRssPeakMb;
  if (cold.ms === null) {
    result.warmFleetView.note = `served while the first refresh was still under way (${cold.landed}/${cold.total} clusters refreshed)`;
  }
  if (everyPhase) {
    result.lcp = await pageLcp(ctx, vctx.backendUrl);
    result.namespaceCreate = await namespaceCreate(ctx, vctx);
  }

  if (freshness) {
    log('freshness: waiting for the fault to show');
    result.freshness = await freshness;
  }
  if (everyPhase) {
    // Ours under faults before any official-view load: that load's abandoned
    // requests would still be fanning out in this same backend process.
    const isolationNeedSec =
      ctx.profile.faultLoadSec + ctx.profile.settleSec + 20;
    if (ctx.budget.allows(isolationNeedSec, ctx.reserveSec)) {
      log('isolation: 10 % of clusters hang, 10 % refuse connections');
      result.isolation = await attempt(() =>
        phases.isolation(
          {
            ...vctx,
            profile: {
              ...ctx.profile,
              coldRefreshTimeoutSec: limit(
                ctx,
                ctx.profile.isolationRefreshTimeoutSec,
              ),
            },
          },
          { healthyP95MsWithout: result.warmFleetView.p95Ms },
        ),
      );
    } else {
      result.isolation = {
        reason: ctx.budget.skipReason('isolation', isolationNeedSec),
      };
    }
  }

  if (everyPhase) {
    result.sameQuestion = await compareSameQuestion(vctx);
  }
  if (everyPhase) {
    log('official entity view: one request alone');
    result.officialSingle = await attempt(() =>
      phases.officialSingleView(vctx),
    );
    log(
      `official entity view: 20 viewers, 50 requests/s, ${ctx.profile.officialLoadSec} s`,
    );
    result.officialLoad = await attempt(() =>
      phases.officialUnderLoad(vctx, ctx.profile.officialLoadSec),
    );
    result.rssMbOfficialLoad = result.officialLoad.backendRssPeakMb ?? null;
    log('upstream cost of the official entity view: 1 viewer, then 50 viewers');
    const official = officialEntityRequest(vctx.backendUrl);
    result.officialOneViewer = await attempt(() =>
      phases.upstreamPerMinute(vctx, {
        viewers: 1,
        windowSec: ctx.profile.officialViewerWindowSec,
        request: official,
      }),
    );
    result.officialFiftyViewers = await attempt(() =>
      phases.upstreamPerMinute(vctx, {
        viewers: 50,
        windowSec: ctx.profile.officialViewerWindowSec,
        request: official,
      }),
    );
    // The official view's abandoned requests go on fanning out for a while.
    await new Promise(r => setTimeout(r, ctx.profile.settleSec * 1000));
    const officialNeedSec =
      ctx.profile.officialTimeoutSec + 2 * ctx.profile.settleSec + 15;
    if (
      result.isolation?.ours &&
      ctx.budget.allows(officialNeedSec, ctx.reserveSec)
    ) {
      log('isolation: the official entity view under the same faults');
      const official = await attempt(() => phases.isolationOfficial(vctx));
      result.isolation.official = official.official ?? official;
      Object.assign(result.isolation.backendSocketsToSandbox, {
        afterOfficialLoad: official.afterOfficialLoad ?? null,
        afterFaultsCleared: official.afterFaultsCleared ?? null,
      });
    }
  }
  await backend.stop();
  running.delete(backend);
  return result;
}

/** LCP of the fleet health page from this backend, when the profile measures it. */
async function pageLcp(ctx, backendUrl) {
  const frontend = ctx.profile.frontend;
  if (!frontend?.lcp)
    return { ms: null, reason: `not run by this profile (${ctx.mode})` };
  log('frontend: Largest Contentful Paint of the fleet health page');
  try {
    return await largestContentfulPaint(backendUrl, {
      timeoutMs: limit(ctx, frontend.lcpTimeoutSec) * 1000,
    });
  } catch (error) {
    return {
      ms: null,
      reason: `the page did not load in Chromium: ${
        error.message.split('\n')[0]
      }`,
    };
  }
}

/** platform:namespace:create through the scaffolder, on a workload cluster of this fleet. */
async function namespaceCreate(ctx, vctx) {
  const options = ctx.profile.namespaceCreate;
  if (!options)
    return { p95Ms: null, reason: `not run by this profile (${ctx.mode})` };
  const needSec = 20;
  if (!ctx.budget.allows(needSec, ctx.reserveSec)) {
    return {
      p95Ms: null,
      reason: ctx.budget.skipReason('platform:namespace:create', needSec),
    };
  }
  log(
    `platform:namespace:create: ${options.rounds} × ${options.concurrency} concurrent runs, ${options.latencyMs} ms upstream latency`,
  );
  const cluster = (await ctx.control.clusters())
    .map(c => c.name)
    .find(n => n !== 'mgmt');
  try {
    return await measureNamespaceCreate(vctx, {
      cluster,
      ...options,
      timeoutSec: limit(ctx, options.timeoutSec),
    });
  } catch (error) {
    await ctx.control
      .setBehaviour({ latencyMs: ctx.profile.upstreamLatencyMs })
      .catch(() => {});
    return {
      p95Ms: null,
      reason: `platform:namespace:create failed: ${error.message}`,
    };
  }
}

/** The platform plugin's chunks in the production frontend build. */
function frontendChunks(build) {
  const age = build.builtAt
    ? `the production build of ${new Date(build.builtAt).toISOString()}${
        build.fresh
          ? ''
          : ', older than the frontend sources (make bench FULL=1 builds it again)'
      }`
    : null;
  if (!build.builtAt) {
    return {
      chunkGzipKb: null,
      chunkReason: build.failed
        ? `the frontend build did not finish within ${build.buildMs / 1000} s`
        : 'no production frontend build (packages/app/dist) and this profile does not build one',
    };
  }
  const chunks = pluginChunks(ROOT);
  return {
    ...chunks,
    build: {
      builtAt: new Date(build.builtAt).toISOString(),
      fresh: build.fresh,
      buildMs: build.buildMs ?? null,
    },
    chunkCommand: `packages/app/dist, ${age} (yarn workspace backend build builds it, as yarn build in packages/app does); gzip -9 of each dist/static chunk whose source map's modules are mostly plugins/platform-frontend/src`,
  };
}

function progressText(progress = []) {
  return progress.length
    ? progress
        .map(p => `${p.percent} % at ${Math.round(p.ms / 1000)} s`)
        .join(', ')
    : 'none yet';
}

/**
 * A first refresh as the report gives it, timed from the backend's start;
 * one cut short by its time limit says how far it got.
 */
function refreshOutcome(cold, backend, limitSec, during = '') {
  return {
    ms: cold.ms,
    backendReadyMs: backend.readyMs,
    refreshed: `${cold.landed}/${cold.total}`,
    progress: cold.progress,
    limitSec,
    ...(cold.ms === null
      ? {
          reason: `${cold.landed} of ${
            cold.total
          } clusters refreshed within the ${limitSec} s it had${during} (${progressText(
            cold.progress,
          )})`,
        }
      : {}),
  };
}

/** A sandbox of `clusters` on its own ports, with the run's upstream latency. */
async function fleetSandbox(ctx, clusters, portOffset) {
  const ports = {
    api: ctx.portBase + portOffset,
    control: ctx.portBase + portOffset + 1,
  };
  const sandbox = await startSandbox({
    root: ROOT,
    clusters,
    seed: ctx.seed,
    ports,
    outDir: path.join(ctx.workDir, `sandbox-${clusters}`),
    logFile: path.join(ctx.workDir, `sandbox-${clusters}.log`),
  });
  running.add(sandbox);
  const control = sandboxControl(sandbox.controlUrl);
  await control.setBehaviour({ latencyMs: ctx.profile.upstreamLatencyMs });
  return { sandbox, control, port: ctx.portBase + portOffset + 5 };
}

async function stopProcess(proc) {
  await proc.stop();
  running.delete(proc);
}

/** Cold refresh of a fleet of `clusters`, on its own sandbox and backend. */
async function coldRefreshAt(ctx, clusters, portOffset, timeoutSec) {
  const { sandbox, port } = await fleetSandbox(ctx, clusters, portOffset);
  try {
    const config = writeBackendConfig(
      path.join(ctx.workDir, `app-config.bench.cold-${clusters}.yaml`),
      {
        port,
        variant: { database: 'sqlite' },
        refreshIntervalSeconds: ctx.profile.refreshIntervalSeconds,
      },
    );
    const backend = await startBackend({
      dir: ctx.backendDir,
      configs: [path.join(ROOT, 'app-config.yaml'), sandbox.appConfig, config],
      env: { PLATFORM_BENCH_TOKEN: ctx.token },
      port,
      logFile: path.join(ctx.workDir, `backend.cold-${clusters}.log`),
    });
    running.add(backend);
    const limitSec = limit(ctx, timeoutSec);
    const cold = await waitForRefresh(`http://127.0.0.1:${port}`, ctx.token, {
      sinceMs: backend.startedAt,
      timeoutMs: limitSec * 1000,
      pollMs: 1000,
    });
    const rss = phases.rssMb(backend.pid);
    await stopProcess(backend);
    return { ...refreshOutcome(cold, backend, limitSec), rssMb: rss };
  } finally {
    await stopProcess(sandbox);
  }
}

/**
 * 1,000 clusters on one backend: the cold refresh as far as it gets in its
 * time, ingestion into the catalog (first and an unchanged re-run), and
 * memory at rest and under the fleet-view load.
 */
async function atScale(ctx, scale) {
  const clusters = scale.clusters;
  const { sandbox, control, port } = await fleetSandbox(ctx, clusters, 40);
  const result = { clusters };
  try {
    const databaseDir = path.join(ctx.workDir, `db-${clusters}`);
    fs.rmSync(databaseDir, { recursive: true, force: true });
    fs.mkdirSync(databaseDir, { recursive: true });
    const config = writeBackendConfig(
      path.join(ctx.workDir, `app-config.bench.scale-${clusters}.yaml`),
      {
        port,
        variant: { database: 'sqlite', directory: databaseDir },
        refreshIntervalSeconds: ctx.profile.refreshIntervalSeconds,
      },
    );
    const logFile = path.join(ctx.workDir, `backend.scale-${clusters}.log`);
    const backend = await startBackend({
      dir: ctx.backendDir,
      configs: [path.join(ROOT, 'app-config.yaml'), sandbox.appConfig, config],
      env: { PLATFORM_BENCH_TOKEN: ctx.token },
      port,
      logFile,
    });
    running.add(backend);
    const backendUrl = `http://127.0.0.1:${port}`;
    const expected = (await control.clusters()).length;
    const windowSec = limit(ctx, scale.ingestionTimeoutSec);
    log(
      `${clusters} clusters: backend ready in ${Math.round(
        backend.readyMs / 1000,
      )} s; ingestion and refresh for up to ${windowSec} s`,
    );
    // The fleet view while the first refresh of the whole fleet runs: the
    // load starts once the backend is ready, with the refresh under way.
    const duringCold =
      ctx.only === 'ingestion'
        ? undefined
        : attempt(() =>
            phases.warmFleetView(
              {
                backendUrl,
                loadOptions: { token: ctx.token, backendPid: backend.pid },
              },
              scale.loadSec,
            ),
          );
    const [ingestion, cold] = await Promise.all([
      measureIngestion(
        { backendUrl, token: ctx.token, databaseDir, logFile },
        {
          expected,
          sinceMs: backend.startedAt,
          timeoutSec: windowSec,
          rerunTimeoutSec: scale.rerunTimeoutSec,
          settleSec: scale.settleSec,
        },
      ).catch(error => ({
        firstMs: null,
        rerunWrites: null,
        reason: `ingestion failed: ${error.message}`,
      })),
      waitForRefresh(backendUrl, ctx.token, {
        sinceMs: backend.startedAt,
        timeoutMs: windowSec * 1000,
        pollMs: 5000,
      }),
    ]);
    // The backend's start-up is in firstMs; this is from its readiness.
    ingestion.firstMsSinceReady =
      ingestion.firstMs === null ? null : ingestion.firstMs - backend.readyMs;
    result.ingestion = ingestion;
    result.coldRefresh = refreshOutcome(
      cold,
      backend,
      windowSec,
      ', while the catalog ingested the same fleet',
    );
    result.rssMbRest = phases.rssMb(backend.pid);
    if (duringCold) {
      result.warmFleetViewDuringColdRefresh = {
        ...(await duringCold),
        note: `started at the backend's readiness, while the first refresh of ${clusters} clusters and the catalog's ingestion ran`,
      };
    }
    if (ctx.only === 'ingestion') {
      await stopProcess(backend);
      return result;
    }
    const load = await attempt(() =>
      phases.warmFleetView(
        {
          backendUrl,
          loadOptions: { token: ctx.token, backendPid: backend.pid },
        },
        scale.loadSec,
      ),
    );
    result.warmFleetView = load;
    result.rssMbLoad = load.backendRssPeakMb ?? null;
    result.lcp = await pageLcp(ctx, backendUrl);
    result.rssCommand = `VmRSS of the backend process (/proc/<pid>/status) with ${clusters} clusters (${
      result.coldRefresh.refreshed
    } refreshed by then): at rest after the ingestion and refresh window, and the peak under ${
      load.command ?? 'the warm fleet view load'
    }`;
    await stopProcess(backend);
  } finally {
    await stopProcess(sandbox);
  }
  return result;
}

/** What a run of one phase (--only freshness or compare) says at its end. */
function onlyPhaseSummary(report) {
  if (report.freshness) {
    const f = report.freshness;
    return [
      `freshness: fault to GET /health ${JSON.stringify(
        f.faultToHealth,
      )}; stored to open page ${JSON.stringify(
        f.storedToPage ?? f.signalsReason,
      )}`,
    ];
  }
  return (report.sameQuestion.rounds ?? []).map(
    round =>
      `${round.viewers} viewer(s): ours p95 ${round.ours.p95Ms} ms (${
        round.ours.ok
      } answered), official p95 ${round.official.p95Ms} ms (${
        round.official.ok
      } answered), ratio ${round.p95Ratio ?? round.reason}`,
  );
}

function finish(report, started, out) {
  report.durationMs = Date.now() - started;
  report.machine.loadAverageAtEnd = os
    .loadavg()
    .map(v => Math.round(v * 100) / 100);
  return writeReport(report, out);
}

async function main() {
  const opts = options();
  const { profile, mode } = opts;
  const started = Date.now();
  const workDir = path.join(
    os.tmpdir(),
    `platform-portal-bench-${opts.portBase}`,
  );
  fs.mkdirSync(workDir, { recursive: true });
  let report;
  const budget = new Budget(profile.budgetMinutes * 60);
  // The phases keep within the budget; this is the last resort if one hangs.
  const deadline = setTimeout(async () => {
    log(`the run passed its ${profile.budgetMinutes}-minute budget: stopping`);
    await stopAll();
    // A run of one phase (--only) writes its own file once it is done.
    if (report?.variants) finish(report, started, opts.out);
    process.exit(2);
  }, (profile.budgetMinutes * 60 + 30) * 1000);
  deadline.unref();

  report = {
    machine: machine(),
    date: new Date().toISOString(),
    source: sourceRevision(),
    mode,
    command: `node bench/run.js${mode === 'default' ? '' : ` --${mode}`}`,
    clusters: profile.clusters,
    seed: opts.seed,
    upstreamLatencyMs: profile.upstreamLatencyMs,
    profile,
    logs: workDir,
  };

  log(
    `${mode} run: ${profile.clusters} clusters, ${
      profile.upstreamLatencyMs
    } ms upstream latency, databases ${profile.databases.join(', ')}`,
  );
  const { dir: backendDir } = prepareBackend(ROOT, workDir, log, {
    build: opts.build,
  });
  if (opts.only === 'ingestion' || opts.only === 'scale') {
    const ingestionToken = crypto.randomBytes(32).toString('base64url');
    const ctx = {
      ...opts,
      profile,
      workDir,
      backendDir,
      token: ingestionToken,
      budget,
    };
    ctx.reserveSec = 0;
    ctx.only = opts.only;
    report.scale = await attempt(() => atScale(ctx, profile.scale));
    await stopAll();
    const file = path.join(workDir, `${opts.only}.json`);
    fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    log(`ingestion: ${JSON.stringify(report.scale.ingestion ?? report.scale)}`);
    for (const key of ['warmFleetViewDuringColdRefresh', 'warmFleetView']) {
      const view = report.scale[key];
      if (view)
        log(
          `${key}: p50 ${view.p50Ms} / p95 ${view.p95Ms} ms, ${view.rps} req/s`,
        );
    }
    log(`report: ${file}`);
    clearTimeout(deadline);
    return;
  }
  // The backend build makes the frontend build too; this builds it only when
  // there is none (a run with --no-build).
  const frontendProfile = profile.frontend ?? { buildSec: 0 };
  const frontendBuild = ensureFrontendBuild(ROOT, log, {
    rebuildStale: frontendProfile.rebuildStale,
    allowSec: opts.build ? frontendProfile.buildSec : 0,
  });
  report.frontend = {
    ...frontendChunks(frontendBuild),
    lcpMs200: null,
    lcpMs1000: null,
    lcpReason: 'the run stopped before the page was measured',
  };
  const token = crypto.randomBytes(32).toString('base64url');
  log(`starting platform-sandbox: ${profile.clusters} clusters`);
  const sandbox = await startSandbox({
    root: ROOT,
    clusters: profile.clusters,
    seed: opts.seed,
    ports: {
      api: opts.portBase,
      control: opts.portBase + 1,
    },
    outDir: path.join(workDir, 'sandbox'),
    logFile: path.join(workDir, 'sandbox.log'),
  });
  running.add(sandbox);
  const control = sandboxControl(sandbox.controlUrl);
  await control.setBehaviour({ latencyMs: profile.upstreamLatencyMs });
  const ctx = {
    profile,
    seed: opts.seed,
    portBase: opts.portBase,
    workDir,
    backendDir,
    sandbox,
    control,
    token,
    mode,
    sandboxPort: opts.portBase,
    budget,
    reserveSec: 0,
  };

  if (opts.only === 'freshness' || opts.only === 'compare') {
    // One phase on the SQLite backend after its first refresh, its own report.
    ctx.only = opts.only;
    const result = await attempt(() =>
      measureVariant(
        ctx,
        { database: 'sqlite', port: opts.portBase + 10 },
        {
          everyPhase: false,
          coldRefreshTimeoutSec: profile.coldRefreshTimeoutSec,
        },
      ),
    );
    await stopAll();
    const key = opts.only === 'freshness' ? 'freshness' : 'sameQuestion';
    report[key] = result[key] ?? result;
    report.coldRefresh = result.coldRefresh;
    const file = path.join(workDir, `${opts.only}.json`);
    fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    for (const line of onlyPhaseSummary(report)) log(line);
    log(`report: ${file}`);
    clearTimeout(deadline);
    return;
  }

  const stages = profile.stageSec;
  const databases = profile.databases;
  report.variants = {};
  report.coldRefreshCurve = {};
  if (databases.includes('sqlite')) {
    ctx.reserveSec =
      stages.curve + stages.scale + (databases.includes('pg') ? stages.pg : 0);
    report.variants.sqlite = await attempt(() =>
      measureVariant(
        ctx,
        { database: 'sqlite', port: opts.portBase + 10 },
        {
          everyPhase: true,
          coldRefreshTimeoutSec: profile.coldRefreshTimeoutSec,
        },
      ),
    );
    // What is measured so far is on disk, whatever happens next.
    finish(report, started, opts.out);
  }

  // The curve and 1,000 clusters on their own sandboxes; the 200-cluster one
  // stays up, idle, for the PostgreSQL variant at the end.
  ctx.reserveSec = stages.scale + (databases.includes('pg') ? stages.pg : 0);
  for (const [i, clusters] of profile.coldCurve.entries()) {
    const timeoutSec = profile.curveTimeoutSec[clusters] ?? 60;
    if (!budget.allows(Math.min(timeoutSec, 30) + 30, ctx.reserveSec)) {
      report.coldRefreshCurve[clusters] = {
        ms: null,
        reason: budget.skipReason(
          `cold refresh at ${clusters} clusters`,
          timeoutSec + 30,
        ),
      };
      continue;
    }
    log(`cold refresh at ${clusters} clusters (up to ${timeoutSec} s)`);
    report.coldRefreshCurve[clusters] = await attempt(() =>
      coldRefreshAt(ctx, clusters, 20 + i * 10, timeoutSec),
    );
  }
  finish(report, started, opts.out);

  ctx.reserveSec = databases.includes('pg') ? stages.pg : 0;
  if (profile.scale) {
    const needSec = 90;
    if (budget.allows(needSec, ctx.reserveSec)) {
      log(
        `${profile.scale.clusters} clusters: refresh, catalog ingestion, memory`,
      );
      report.scale = await attempt(() => atScale(ctx, profile.scale));
      if (report.scale.coldRefresh) {
        report.coldRefreshCurve[profile.scale.clusters] =
          report.scale.coldRefresh;
      }
    } else {
      report.scale = {
        reason: budget.skipReason(
          `${profile.scale.clusters} clusters`,
          needSec,
        ),
      };
    }
    finish(report, started, opts.out);
  }

  ctx.reserveSec = 0;
  if (databases.includes('pg')) {
    const needSec = 60;
    const variant = { database: 'pg', port: opts.portBase + 11 };
    try {
      variant.postgresUrl = postgresUrl(ROOT);
      variant.prefix = 'platform_bench_';
      await dropBenchDatabases(variant.postgresUrl, variant.prefix);
      if (budget.allows(needSec)) {
        report.variants.pg = await attempt(() =>
          measureVariant(ctx, variant, {
            everyPhase: false,
            coldRefreshTimeoutSec:
              profile.pgColdRefreshTimeoutSec ?? profile.coldRefreshTimeoutSec,
          }),
        );
      } else {
        report.variants.pg = {
          reason: budget.skipReason('the PostgreSQL variant', needSec),
        };
      }
    } catch (error) {
      report.variants.pg = {
        reason: `PostgreSQL not available: ${error.message}`,
      };
    }
  }
  await stopProcess(sandbox);

  const lcp200 = report.variants.sqlite?.lcp ?? {
    ms: null,
    reason: 'the SQLite variant did not run',
  };
  const lcp1000 = report.scale?.lcp ?? {
    ms: null,
    reason: report.scale?.reason ?? 'the 1,000-cluster phase did not run',
  };
  report.namespaceCreate = report.variants.sqlite?.namespaceCreate ?? {
    p95Ms: null,
    reason: 'the SQLite variant did not run',
  };
  delete report.frontend.lcpReason;
  Object.assign(report.frontend, {
    lcpMs200: lcp200.ms,
    lcpMs1000: lcp1000.ms,
    lcp: { 200: lcp200, 1000: lcp1000 },
    lcpCommand: LCP_COMMAND,
    ...(lcp200.ms === null || lcp1000.ms === null
      ? {
          lcpReason: [
            lcp200.ms === null ? `200: ${lcp200.reason}` : '',
            lcp1000.ms === null ? `1,000: ${lcp1000.reason}` : '',
          ]
            .filter(Boolean)
            .join('; '),
        }
      : {}),
  });

  await stopAll();
  const files = finish(report, started, opts.out);
  if (opts.chart) {
    const chart = writeChart(
      JSON.parse(fs.readFileSync(files[1], 'utf8')),
      path.join(ROOT, 'docs', 'images', 'bench-cold-refresh.svg'),
    );
    files.push(chart);
  }
  log(`report: ${files.map(f => path.relative(process.cwd(), f)).join(', ')}`);
  clearTimeout(deadline);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await stopAll();
    process.exit(130);
  });
}

main().catch(async error => {
  process.stderr.write(`bench failed: ${error.stack ?? error}\n`);
  await stopAll();
  process.exit(1);
});

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
const { PROFILES } = require('./lib/profiles');
const { postgresUrl, dropBenchDatabases } = require('./lib/postgres');
const { writeReport } = require('./lib/report');
const phases = require('./lib/phases');

const ROOT = path.resolve(__dirname, '..');

const USAGE = `Usage: node bench/run.js [--full | --smoke] [--clusters N] [--seed S]
       [--databases sqlite,pg] [--port-base 7800] [--out bench/results]
       [--no-build]   (use packages/backend/dist as it is)

Ports used: port-base (+0 sandbox APIs, +1 control, +2 TLS, +10 backend on
SQLite, +11 backend on PostgreSQL, +20..+45 the cold-refresh curve).`;

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
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const mode = values.smoke ? 'smoke' : values.full ? 'full' : 'default';
  const profile = { ...PROFILES[mode] };
  if (values.clusters) profile.clusters = Number(values.clusters);
  if (values.databases) profile.databases = values.databases.split(',');
  const portBase = Number(
    values['port-base'] ?? (mode === 'smoke' ? 7850 : 7800),
  );
  return {
    mode,
    profile,
    seed: Number(values.seed),
    portBase,
    build: !values['no-build'],
    out: path.resolve(values.out ?? path.join(ROOT, 'bench', 'results')),
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

/** One backend variant on the running sandbox: cold refresh, then the measurements. */
async function measureVariant(ctx, variant, { everyPhase }) {
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
  log(
    `backend ready in ${Math.round(
      backend.readyMs / 1000,
    )} s; waiting for the first refresh of ${ctx.profile.clusters} clusters`,
  );
  const cold = await waitForRefresh(vctx.backendUrl, ctx.token, {
    sinceMs: backend.startedAt,
    timeoutMs: ctx.profile.coldRefreshTimeoutSec * 1000,
  });
  const coldCounters = await ctx.control.counters();
  const result = {
    database: variant.database,
    backendReadyMs: backend.readyMs,
    coldRefresh: {
      ms: cold.ms,
      refreshed: `${cold.landed}/${cold.total}`,
      upstreamRequests: coldCounters.total,
      upstreamRequestsPerCluster: Math.round(
        coldCounters.total / ctx.profile.clusters,
      ),
      byUpstream: coldCounters.byUpstream,
      command: `start the backend; poll GET /api/platform/health until every layer of every cluster has an observedAt after the start; sandbox control GET /counters`,
      ...(cold.ms === null
        ? {
            reason: `not every cluster refreshed within ${ctx.profile.coldRefreshTimeoutSec} s`,
          }
        : {}),
    },
  };
  await new Promise(r => setTimeout(r, 5000));
  result.rssMbRest = phases.rssMb(backend.pid);

  let freshness;
  if (everyPhase) {
    log(
      'freshness: a fault injected now, measured while the viewer windows run',
    );
    freshness = phases
      .freshness(vctx, ctx.profile.freshnessSamples)
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
    if (freshness) {
      log('freshness: waiting for the fault to show');
      result.freshness = await freshness;
    }
    // The official view's abandoned requests go on fanning out for a while.
    await new Promise(r => setTimeout(r, ctx.profile.settleSec * 1000));
    log('isolation: 10 % of clusters hang, 10 % refuse connections');
    result.isolation = await attempt(() =>
      phases.isolation(vctx, {
        healthyP95MsWithout: result.warmFleetView.p95Ms,
      }),
    );
  }
  await backend.stop();
  running.delete(backend);
  return result;
}

/** Cold refresh of a fleet of `clusters`, on its own sandbox and backend (full runs). */
async function coldRefreshAt(ctx, clusters, portOffset) {
  const ports = {
    api: ctx.portBase + portOffset,
    control: ctx.portBase + portOffset + 1,
    tls: ctx.portBase + portOffset + 2,
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
  try {
    const control = sandboxControl(sandbox.controlUrl);
    await control.setBehaviour({ latencyMs: ctx.profile.upstreamLatencyMs });
    const port = ctx.portBase + portOffset + 5;
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
    const cold = await waitForRefresh(`http://127.0.0.1:${port}`, ctx.token, {
      sinceMs: backend.startedAt,
      timeoutMs: ctx.profile.coldRefreshTimeoutSec * 1000,
      pollMs: 2000,
    });
    const rss = phases.rssMb(backend.pid);
    await backend.stop();
    running.delete(backend);
    return {
      ms: cold.ms,
      refreshed: `${cold.landed}/${cold.total}`,
      rssMb: rss,
    };
  } finally {
    await sandbox.stop();
    running.delete(sandbox);
  }
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
  const deadline = setTimeout(async () => {
    log(`the run passed its ${profile.deadlineMinutes}-minute limit: stopping`);
    await stopAll();
    if (report) finish(report, started, opts.out);
    process.exit(2);
  }, profile.deadlineMinutes * 60000);
  deadline.unref();

  report = {
    machine: machine(),
    date: new Date().toISOString(),
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
  const token = crypto.randomBytes(32).toString('base64url');
  log(`starting platform-sandbox: ${profile.clusters} clusters`);
  const sandbox = await startSandbox({
    root: ROOT,
    clusters: profile.clusters,
    seed: opts.seed,
    ports: {
      api: opts.portBase,
      control: opts.portBase + 1,
      tls: opts.portBase + 2,
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
    sandboxPort: opts.portBase,
  };

  report.variants = {};
  for (const [index, database] of profile.databases.entries()) {
    const variant = { database, port: opts.portBase + 10 + index };
    if (database === 'pg') {
      try {
        variant.postgresUrl = postgresUrl(ROOT);
        variant.prefix = 'platform_bench_';
        await dropBenchDatabases(variant.postgresUrl, variant.prefix);
      } catch (error) {
        report.variants.pg = {
          reason: `PostgreSQL not available: ${error.message}`,
        };
        continue;
      }
    }
    report.variants[database] = await attempt(() =>
      measureVariant(ctx, variant, { everyPhase: index === 0 }),
    );
    // What is measured so far is on disk, whatever happens next.
    finish(report, started, opts.out);
  }
  await sandbox.stop();
  running.delete(sandbox);

  report.coldRefreshCurve = {};
  for (const [i, clusters] of profile.coldCurve.entries()) {
    log(`cold refresh at ${clusters} clusters`);
    report.coldRefreshCurve[clusters] = await coldRefreshAt(
      ctx,
      clusters,
      20 + i * 10,
    );
  }

  await stopAll();
  const files = finish(report, started, opts.out);
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

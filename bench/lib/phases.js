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

// The measurements of one run, in the order the run makes them. Each takes
// the run's context and returns the figures with the command behind them.
const { runLoad } = require('./load');
const { connectionsTo, rssMb } = require('./procStats');
const { sleep } = require('./processes');
const { fleetHealth, waitForRefresh } = require('./fleetHealth');
const { freshness } = require('./freshness');
const { officialEntityRequest } = require('./officialEntity');
const { round } = require('./percentiles');

const HEALTH_PATH = '/api/platform/health';

function autocannonCommand(job) {
  const parts = [
    'autocannon',
    `-c ${job.connections}`,
    `-R ${job.overallRate}`,
    `-d ${job.durationSec}`,
    `-t ${job.timeoutSec}`,
    `-m ${job.method ?? 'GET'}`,
    "-H 'authorization: Bearer $PLATFORM_BENCH_TOKEN'",
  ];
  if (job.body) parts.push("-H 'content-type: application/json' -b '<entity>'");
  parts.push(job.url);
  return parts.join(' ');
}

function viewersCommand(job) {
  return `bench/lib/loadWorker.js viewers=${job.viewers} every ${
    job.intervalMs / 1000
  } s for ${job.durationSec} s, timeout ${job.timeoutSec} s: ${
    job.method ?? 'GET'
  } ${job.url}`;
}

function totalRequests(counters) {
  return counters.total;
}

/** The warm fleet view: 20 viewers sharing 50 requests/s. */
async function warmFleetView(ctx, durationSec) {
  const job = {
    mode: 'autocannon',
    url: `${ctx.backendUrl}${HEALTH_PATH}`,
    connections: 20,
    overallRate: 50,
    durationSec,
    timeoutSec: 10,
  };
  const result = await runLoad(job, ctx.loadOptions);
  return { ...result, command: autocannonCommand(job) };
}

/** Upstream requests the sandbox counts while `viewers` look at a view every 10 s. */
async function upstreamPerMinute(ctx, { viewers, windowSec, request }) {
  const job = {
    mode: 'viewers',
    viewers,
    intervalMs: 10000,
    durationSec: windowSec,
    timeoutSec: ctx.profile.officialTimeoutSec,
    ...request,
  };
  await ctx.control.resetCounters();
  const load = await runLoad(job, ctx.loadOptions);
  const counters = await ctx.control.counters();
  const elapsedSec = load.durationMs / 1000;
  return {
    viewers,
    windowSec: round(elapsedSec),
    upstreamRequests: totalRequests(counters),
    perMinute: round((totalRequests(counters) / elapsedSec) * 60, 0),
    byUpstream: counters.byUpstream,
    pageViews: load.completed,
    timeouts: load.timeouts,
    p95Ms: load.p95Ms,
    command: `${viewersCommand(job)}; sandbox control GET /counters`,
  };
}

/** One official entity view on its own: its latency and its upstream fan-out. */
async function officialSingleView(ctx) {
  const request = officialEntityRequest(ctx.backendUrl);
  await ctx.control.resetCounters();
  const job = {
    mode: 'viewers',
    viewers: 1,
    intervalMs: 1e9,
    durationSec: ctx.profile.officialTimeoutSec,
    timeoutSec: ctx.profile.officialTimeoutSec,
    ...request,
  };
  const load = await runLoad(job, ctx.loadOptions);
  const counters = await ctx.control.counters();
  return {
    latencyMs: load.p50Ms,
    status: Object.keys(load.statusCodes)[0] ?? null,
    timeouts: load.timeouts,
    upstreamRequestsPerView: totalRequests(counters),
    byUpstream: counters.byUpstream,
    command: `${viewersCommand({
      ...job,
      intervalMs: ctx.profile.officialTimeoutSec * 1000,
    })} (one request); sandbox control GET /counters`,
  };
}

/** The official entity view under the same load as the warm fleet view. */
async function officialUnderLoad(ctx, durationSec) {
  const job = {
    mode: 'autocannon',
    connections: 20,
    overallRate: 50,
    durationSec,
    timeoutSec: ctx.profile.officialTimeoutSec,
    ...officialEntityRequest(ctx.backendUrl),
  };
  await ctx.control.resetCounters();
  const result = await runLoad(job, ctx.loadOptions);
  const counters = await ctx.control.counters();
  return {
    ...result,
    upstreamRequests: totalRequests(counters),
    upstreamPerCompletedView: result.completed
      ? round(totalRequests(counters) / result.completed, 0)
      : null,
    command: autocannonCommand(job),
  };
}

/** Picks 10 % of the workload clusters to hang and another 10 % to refuse. */
function faultyClusters(names) {
  const workload = names.filter(n => n !== 'mgmt');
  const share = Math.max(1, Math.round(workload.length / 10));
  const hanging = workload.filter((_, i) => i % 10 === 0).slice(0, share);
  const refusing = workload.filter((_, i) => i % 10 === 5).slice(0, share);
  if (refusing.length === 0) {
    refusing.push(
      ...workload.filter(n => !hanging.includes(n)).slice(0, share),
    );
  }
  return { hanging, refusing };
}

/**
 * Isolation: 10 % of clusters hang and 10 % refuse connections. Ours: the
 * next refresh lands for every cluster within bounded time, the fleet view's
 * latency does not move. Official: its entity view under the same load, and
 * the upstream sockets it holds once the viewers are gone.
 */
/** 10 % of the clusters hang and 10 % refuse connections, through the control API. */
async function injectIsolationFaults(ctx) {
  const names = (await ctx.control.clusters()).map(c => c.name);
  const { hanging, refusing } = faultyClusters(names);
  for (const cluster of hanging)
    await ctx.control.setBehaviour({ cluster, hang: true });
  for (const cluster of refusing)
    await ctx.control.setBehaviour({ cluster, refuse: true });
  return {
    names,
    hanging,
    refusing,
    command: `sandbox control POST /behaviour {cluster, hang: true} x${hanging.length}, {cluster, refuse: true} x${refusing.length}`,
  };
}

/** Back to the run's upstream latency with every cluster answering. */
async function clearIsolationFaults(ctx) {
  await ctx.control.resetBehaviour();
  await ctx.control.setBehaviour({ latencyMs: ctx.profile.upstreamLatencyMs });
  await sleep(ctx.profile.settleSec * 1000);
}

/**
 * Our side of isolation: the fleet view under load and the refresh of the
 * healthy clusters while the faults last. Run before any official-view load,
 * whose abandoned requests would otherwise still be fanning out in the same
 * backend process.
 */
async function isolation(ctx, { healthyP95MsWithout }) {
  const socketsBefore = connectionsTo(ctx.backendPid, ctx.sandboxPort);
  const since = Date.now();
  const faults = await injectIsolationFaults(ctx);
  const { hanging, refusing } = faults;

  const ourLoad = await warmFleetView(ctx, ctx.profile.faultLoadSec);
  const healthy = faults.names.filter(
    n => !hanging.includes(n) && !refusing.includes(n),
  );
  const healthyRefresh = await waitForRefresh(ctx.backendUrl, ctx.token, {
    sinceMs: since,
    clusters: healthy,
    timeoutMs: ctx.profile.coldRefreshTimeoutSec * 1000,
  });
  // One time limit for both waits: a refresh round, not two.
  const everyRefresh = await waitForRefresh(ctx.backendUrl, ctx.token, {
    sinceMs: since,
    timeoutMs: Math.max(
      1000,
      ctx.profile.coldRefreshTimeoutSec * 1000 - (Date.now() - since),
    ),
  });
  const health = await fleetHealth(ctx.backendUrl, ctx.token);
  const faultyVerdicts = {};
  for (const c of health.clusters.filter(
    c => hanging.includes(c.cluster) || refusing.includes(c.cluster),
  )) {
    faultyVerdicts[c.verdict] = (faultyVerdicts[c.verdict] ?? 0) + 1;
  }
  const oursSockets = connectionsTo(ctx.backendPid, ctx.sandboxPort);
  await clearIsolationFaults(ctx);

  return {
    hangingClusters: hanging.length,
    refusingClusters: refusing.length,
    setup: faults.command,
    healthyP95MsWithout,
    healthyP95MsWith: ourLoad.p95Ms,
    ours: {
      fleetView: ourLoad,
      healthyClustersRefreshedMs: healthyRefresh.ms,
      everyClusterRefreshedMs: everyRefresh.ms,
      refreshed: `${everyRefresh.landed}/${everyRefresh.total}`,
      faultyClusterVerdicts: faultyVerdicts,
      command: `${faults.command}; poll GET ${HEALTH_PATH} until every layer's observedAt is after the faults`,
    },
    backendSocketsToSandbox: {
      before: socketsBefore,
      afterOurRefresh: oursSockets,
      afterFaultsCleared: connectionsTo(ctx.backendPid, ctx.sandboxPort),
      settleSec: ctx.profile.settleSec,
      command: `count /proc/<backend pid>/fd sockets with a TCP peer on port ${ctx.sandboxPort} (/proc/net/tcp)`,
    },
  };
}

/** The official entity view under the same faults, after every measurement of ours. */
async function isolationOfficial(ctx) {
  const faults = await injectIsolationFaults(ctx);
  // Viewers that wait for their answer up to the timeout, so that a request
  // that never ends shows as a timeout rather than vanishing with the run.
  const officialJob = {
    mode: 'viewers',
    viewers: 20,
    intervalMs: 10000,
    durationSec: ctx.profile.officialTimeoutSec + 5,
    timeoutSec: ctx.profile.officialTimeoutSec,
    ...officialEntityRequest(ctx.backendUrl),
  };
  const official = {
    ...(await runLoad(officialJob, ctx.loadOptions)),
    command: `${faults.command}; ${viewersCommand(officialJob)}`,
  };
  await sleep(ctx.profile.settleSec * 1000);
  const socketsAfterOfficial = connectionsTo(ctx.backendPid, ctx.sandboxPort);
  await clearIsolationFaults(ctx);
  return {
    official,
    afterOfficialLoad: socketsAfterOfficial,
    afterFaultsCleared: connectionsTo(ctx.backendPid, ctx.sandboxPort),
  };
}

module.exports = {
  warmFleetView,
  upstreamPerMinute,
  officialSingleView,
  officialUnderLoad,
  isolation,
  isolationOfficial,
  freshness,
  rssMb,
};

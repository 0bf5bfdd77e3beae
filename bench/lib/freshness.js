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

// Freshness: a fault injected through the sandbox's control API, then the
// time until the fleet view (GET /api/platform/health) shows the new verdict,
// and, over the signals WebSocket an open page holds, the time until such a
// page would show it.
const {
  fleetHealth,
  verdictIn,
  waitForFleetVerdict,
} = require('./fleetHealth');
const { openHealthSignals } = require('./healthSignals');
const { latencySummary } = require('./percentiles');
const { sleep } = require('./processes');

// A Longhorn volume turned faulted: a kind the informers watch, so the time
// is the watch path's (a fault that makes an upstream hang, such as dex-down,
// shows after that upstream's deadline instead).
const LAYER = 'storage';
const FAULT = 'longhorn-volume-faulted';
/** After the fleet view shows the verdict, how long its signal may still take. */
const SIGNAL_GRACE_MS = 5000;

/**
 * On the signal, what an open fleet page does: GET /health once, and draw
 * the verdict it answers.
 */
async function pageReload(ctx, cluster, heard) {
  const signal = await heard;
  if (!signal) return null;
  const health = await fleetHealth(ctx.backendUrl, ctx.token).catch(
    () => undefined,
  );
  return {
    ...signal,
    shownAt: Date.now(),
    shown: health ? verdictIn(health, cluster, LAYER) : undefined,
  };
}

async function sample(ctx, signals, cluster) {
  const heard = signals?.next(cluster, LAYER);
  const page = pageReload(ctx, cluster, heard?.promise);
  const started = Date.now();
  await ctx.control.injectFault({ cluster, id: FAULT });
  const change = await waitForFleetVerdict(ctx.backendUrl, ctx.token, {
    cluster,
    layer: LAYER,
    from: 'ok',
    timeoutMs: ctx.profile.freshnessTimeoutSec * 1000,
  });
  const grace = setTimeout(() => heard?.cancel(), SIGNAL_GRACE_MS);
  const reload = await page;
  clearTimeout(grace);
  await ctx.control.clearFaults(cluster);
  const result = {
    cluster,
    ms: change.ms ?? null,
    verdict: change.verdict ?? null,
    startedAt: new Date(started).toISOString(),
  };
  if (signals) {
    result.signalMs = reload ? reload.at - started : null;
    // The signal carries when the change was stored (the evaluation's time).
    result.storedToPageMs =
      reload && reload.shown && reload.shown !== 'ok'
        ? reload.shownAt - Date.parse(reload.change.changedAt)
        : null;
  }
  return result;
}

function summary(samples, key) {
  const values = samples.map(s => s[key]).filter(v => typeof v === 'number');
  return { ...latencySummary(values), samples: values.length };
}

/**
 * `samples` faults, one cluster at a time, each on a cluster whose identity
 * layer is ok; every fault is cleared once measured.
 */
async function freshness(ctx, samples) {
  const health = await fleetHealth(ctx.backendUrl, ctx.token);
  const candidates = health.clusters.filter(
    c => c.cluster !== 'mgmt' && verdictIn(health, c.cluster, LAYER) === 'ok',
  );
  let signals;
  let signalsReason;
  try {
    signals = await openHealthSignals(ctx.backendUrl);
  } catch (error) {
    signalsReason = `no signals: ${error.message}`;
  }
  const results = [];
  let stopped;
  try {
    for (const cluster of candidates.slice(0, samples)) {
      const result = await sample(ctx, signals, cluster.cluster);
      results.push(result);
      if (result.ms === null) {
        // The next fault would wait as long: the watch path is not working.
        stopped = `the fault on ${cluster.cluster} did not show within ${ctx.profile.freshnessTimeoutSec} s; no more samples taken`;
        break;
      }
      // The recovery of the cluster just cleared starts before the next fault.
      await sleep(200);
    }
  } finally {
    signals?.close();
  }
  return {
    samples: results,
    faultToHealth: summary(results, 'ms'),
    ...(signals
      ? {
          faultToSignal: summary(results, 'signalMs'),
          storedToPage: summary(results, 'storedToPageMs'),
        }
      : { signalsReason }),
    command: `sandbox control POST /faults {cluster, id: '${FAULT}'} on one cluster at a time; poll GET /api/platform/health every 100 ms until its ${LAYER} verdict is not ok. Open page: a guest's WebSocket to /api/signals subscribed to platform:health; on the cluster's signal, GET /api/platform/health once; storedToPage is from the change's changedAt to that answer`,
    reason:
      candidates.length === 0
        ? `no cluster had an ok ${LAYER} layer to fault`
        : stopped,
  };
}

module.exports = { freshness };

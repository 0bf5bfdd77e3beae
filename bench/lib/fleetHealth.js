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

// Reads our fleet view, GET /api/platform/health, to tell when a refresh
// has landed and what it says.
const { sleep } = require('./processes');

const NEVER = Date.parse('1970-01-01T00:00:00.000Z');
const MILESTONES = [1, 5, 10, 25, 50, 75, 90, 100];

async function fleetHealth(baseUrl, token) {
  const res = await fetch(`${baseUrl}/api/platform/health`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(30000),
  });
  if (!res.ok)
    throw new Error(
      `GET /api/platform/health: ${res.status} ${await res.text()}`,
    );
  return res.json();
}

/** The oldest observation time of each cluster's layers, by cluster. */
function oldestObservation(health) {
  const oldest = new Map();
  for (const cluster of health.clusters) {
    const times = cluster.layers.map(l => Date.parse(l.observedAt));
    oldest.set(cluster.cluster, times.length ? Math.min(...times) : NEVER);
  }
  return oldest;
}

/**
 * Polls until every cluster in `clusters` (all when omitted) has every
 * layer observed after `sinceMs`; resolves with the time that took, or
 * null when `timeoutMs` passed first (with how many had landed).
 */
async function waitForRefresh(
  baseUrl,
  token,
  { sinceMs, clusters, timeoutMs, pollMs = 1000 },
) {
  const started = Date.now();
  let landed = 0;
  let total = 0;
  // When each share of the fleet had landed, so a refresh cut short by its
  // time limit still tells how far it got.
  const progress = [];
  const note = () => {
    for (const percent of MILESTONES) {
      if (
        total > 0 &&
        landed >= (total * percent) / 100 &&
        !progress.some(p => p.percent === percent)
      ) {
        progress.push({ percent, ms: Date.now() - sinceMs });
      }
    }
  };
  while (Date.now() - started < timeoutMs) {
    let health;
    try {
      health = await fleetHealth(baseUrl, token);
    } catch {
      // A busy backend may miss one poll; the time limit still holds.
      await sleep(pollMs);
      continue;
    }
    const oldest = oldestObservation(health);
    const names = clusters ?? [...oldest.keys()];
    total = names.length;
    landed = names.filter(n => (oldest.get(n) ?? NEVER) > sinceMs).length;
    note();
    if (landed === total) {
      return { ms: Date.now() - sinceMs, landed, total, progress };
    }
    await sleep(pollMs);
  }
  return {
    ms: null,
    landed,
    total,
    progress,
    waitedMs: Date.now() - sinceMs,
  };
}

/** Polls one cluster's layer until its verdict differs from `from`. */
async function waitForVerdictChange(
  baseUrl,
  token,
  { cluster, layer, from, timeoutMs, pollMs = 250 },
) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const res = await fetch(
      `${baseUrl}/api/platform/health/${cluster}/${layer}`,
      {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(30000),
      },
    ).catch(() => undefined);
    if (res?.ok) {
      const body = await res.json();
      if (body.verdict !== from)
        return { ms: Date.now() - started, verdict: body.verdict };
    }
    await sleep(pollMs);
  }
  return { ms: null };
}

/** The verdict of one layer of one cluster in a fleet view answer. */
function verdictIn(health, cluster, layer) {
  return health.clusters
    .find(c => c.cluster === cluster)
    ?.layers.find(l => l.layer === layer)?.verdict;
}

/**
 * Polls the fleet view, GET /health (what the fleet page reads), every
 * `pollMs` until the layer's verdict is not `from`; the time is from the
 * call, so it is at most one poll late.
 */
async function waitForFleetVerdict(
  baseUrl,
  token,
  { cluster, layer, from, timeoutMs, pollMs = 100 },
) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const health = await fleetHealth(baseUrl, token).catch(() => undefined);
    const verdict = health && verdictIn(health, cluster, layer);
    if (verdict && verdict !== from)
      return { ms: Date.now() - started, verdict };
    await sleep(pollMs);
  }
  return { ms: null };
}

module.exports = {
  fleetHealth,
  verdictIn,
  waitForFleetVerdict,
  waitForRefresh,
  waitForVerdictChange,
  oldestObservation,
};

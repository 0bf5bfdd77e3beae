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

// How long and how hard each kind of run measures. Every phase is bounded by
// one of these, so a run always stops by itself.
const PROFILES = {
  // `make test`: a tiny fleet and a few seconds of load; proves the bench
  // still runs end to end and writes a well-formed report.
  smoke: {
    clusters: 3,
    databases: ['sqlite'],
    upstreamLatencyMs: 500,
    refreshIntervalSeconds: 5,
    coldRefreshTimeoutSec: 90,
    viewerWindowSec: 3,
    warmLoadSec: 3,
    officialLoadSec: 3,
    officialViewerWindowSec: 3,
    faultLoadSec: 3,
    officialTimeoutSec: 5,
    sameQuestion: { viewers: [1], answers: 3, windowSec: 5 },
    settleSec: 2,
    isolationRefreshTimeoutSec: 20,
    freshnessSamples: 3,
    freshnessTimeoutSec: 30,
    coldCurve: [],
    curveTimeoutSec: {},
    scale: null,
    // Seconds each later stage keeps back from the ones before it.
    stageSec: { sqliteAfterCold: 0, curve: 0, scale: 0, pg: 0 },
    // The chunk sizes of an existing build only: no build, no browser.
    frontend: { buildSec: 0, rebuildStale: false, lcp: false },
    namespaceCreate: {
      concurrency: 2,
      rounds: 1,
      latencyMs: 50,
      timeoutSec: 60,
    },
    budgetMinutes: 6,
  },
  // `make bench`: 200 clusters on SQLite with every comparison, the
  // cold-refresh curve at 10 and 50, 1,000 clusters (refresh progress,
  // ingestion into the catalog, memory), then PostgreSQL with what is left:
  // 14 minutes in all. A phase that runs out of time reports how far it got.
  default: {
    clusters: 200,
    databases: ['sqlite', 'pg'],
    upstreamLatencyMs: 500,
    refreshIntervalSeconds: 60,
    // The first refresh at 200 gets what is left of the budget once the
    // phases after it have their time, up to this.
    coldRefreshTimeoutSec: 240,
    viewerWindowSec: 10,
    warmLoadSec: 15,
    officialLoadSec: 15,
    officialViewerWindowSec: 10,
    faultLoadSec: 10,
    officialTimeoutSec: 20,
    // One viewer, then ten, each side until 30 answers (or the window).
    sameQuestion: { viewers: [1, 10], answers: 30, windowSec: 60 },
    settleSec: 5,
    isolationRefreshTimeoutSec: 30,
    freshnessSamples: 20,
    freshnessTimeoutSec: 90,
    coldCurve: [10, 50],
    curveTimeoutSec: { 10: 45, 50: 90 },
    scale: {
      clusters: 1000,
      ingestionTimeoutSec: 100,
      rerunTimeoutSec: 45,
      settleSec: 5,
      loadSec: 10,
    },
    // Seconds each stage keeps back from the ones before it (what each took
    // on the 2-core machine): the SQLite phases after its first refresh, the
    // curve, 1,000 clusters. PostgreSQL runs on what is left, if a minute is.
    stageSec: { sqliteAfterCold: 235, curve: 120, scale: 230, pg: 0 },
    // However short the budget, the fleet view is not measured on an empty store.
    minColdRefreshSec: 60,
    pgColdRefreshTimeoutSec: 45,
    // The backend build makes the frontend build; the report gives its age.
    frontend: {
      buildSec: 300,
      rebuildStale: false,
      lcp: true,
      lcpTimeoutSec: 45,
    },
    namespaceCreate: {
      concurrency: 20,
      rounds: 1,
      latencyMs: 50,
      timeoutSec: 60,
    },
    budgetMinutes: 14,
  },
  // `make bench FULL=1`: longer windows, every refresh waited for to the end
  // (1,000 clusters up to 15 minutes), more freshness samples, the official
  // backend's 2-minute wait.
  full: {
    clusters: 200,
    databases: ['sqlite', 'pg'],
    upstreamLatencyMs: 500,
    refreshIntervalSeconds: 60,
    coldRefreshTimeoutSec: 600,
    viewerWindowSec: 60,
    warmLoadSec: 60,
    officialLoadSec: 60,
    officialViewerWindowSec: 60,
    faultLoadSec: 60,
    officialTimeoutSec: 120,
    sameQuestion: { viewers: [1, 10], answers: 30, windowSec: 300 },
    settleSec: 20,
    isolationRefreshTimeoutSec: 300,
    freshnessSamples: 30,
    freshnessTimeoutSec: 300,
    coldCurve: [10, 50],
    curveTimeoutSec: { 10: 120, 50: 300 },
    scale: {
      clusters: 1000,
      ingestionTimeoutSec: 900,
      rerunTimeoutSec: 300,
      settleSec: 15,
      loadSec: 60,
    },
    stageSec: { sqliteAfterCold: 900, curve: 500, scale: 1400, pg: 900 },
    pgColdRefreshTimeoutSec: 600,
    frontend: {
      buildSec: 900,
      rebuildStale: true,
      lcp: true,
      lcpTimeoutSec: 120,
    },
    namespaceCreate: {
      concurrency: 20,
      rounds: 5,
      latencyMs: 50,
      timeoutSec: 120,
    },
    budgetMinutes: 90,
  },
};

module.exports = { PROFILES };

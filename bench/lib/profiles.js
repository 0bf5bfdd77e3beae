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
    coldRefreshTimeoutSec: 120,
    viewerWindowSec: 3,
    warmLoadSec: 3,
    officialLoadSec: 3,
    officialViewerWindowSec: 3,
    faultLoadSec: 3,
    officialTimeoutSec: 5,
    settleSec: 2,
    freshnessSamples: 1,
    freshnessTimeoutSec: 60,
    coldCurve: [],
    deadlineMinutes: 8,
  },
  // `make bench`: 200 clusters, SQLite and PostgreSQL, about 10-15 minutes.
  default: {
    clusters: 200,
    databases: ['sqlite', 'pg'],
    upstreamLatencyMs: 500,
    refreshIntervalSeconds: 60,
    coldRefreshTimeoutSec: 300,
    viewerWindowSec: 30,
    warmLoadSec: 30,
    officialLoadSec: 30,
    officialViewerWindowSec: 20,
    faultLoadSec: 20,
    officialTimeoutSec: 60,
    settleSec: 15,
    freshnessSamples: 1,
    freshnessTimeoutSec: 240,
    coldCurve: [],
    deadlineMinutes: 30,
  },
  // `make bench FULL=1`: longer windows, the cold-refresh curve up to 1,000
  // clusters, more freshness samples, the official backend's 2-minute wait.
  full: {
    clusters: 200,
    databases: ['sqlite', 'pg'],
    upstreamLatencyMs: 500,
    refreshIntervalSeconds: 60,
    coldRefreshTimeoutSec: 900,
    viewerWindowSec: 60,
    warmLoadSec: 60,
    officialLoadSec: 60,
    officialViewerWindowSec: 60,
    faultLoadSec: 60,
    officialTimeoutSec: 120,
    settleSec: 20,
    freshnessSamples: 5,
    freshnessTimeoutSec: 300,
    coldCurve: [10, 50, 1000],
    deadlineMinutes: 90,
  },
};

module.exports = { PROFILES };

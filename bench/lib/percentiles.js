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

/** Nearest-rank percentile of a list of numbers; null for an empty list. */
function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

function round(value, digits = 1) {
  if (value === null || value === undefined || !Number.isFinite(value))
    return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** p50/p95/p99/max in ms, rounded; a request that timed out counts as the timeout. */
function latencySummary(latenciesMs) {
  return {
    p50Ms: round(percentile(latenciesMs, 50)),
    p95Ms: round(percentile(latenciesMs, 95)),
    p99Ms: round(percentile(latenciesMs, 99)),
    maxMs: round(latenciesMs.length ? Math.max(...latenciesMs) : null),
  };
}

module.exports = { percentile, round, latencySummary };

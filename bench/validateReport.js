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

// Checks that a bench report is well formed: every field the issue names is
// there, and each is a number or null with a reason beside it. Speed is
// never asserted. Usage: node bench/validateReport.js <report.json>
const fs = require('node:fs');

function validate(report) {
  const problems = [];
  const number = (value, where) => {
    if (typeof value !== 'number' || !Number.isFinite(value))
      problems.push(`${where} is not a number`);
  };
  const numberOrReason = (value, where, reason) => {
    if (value === null) {
      if (typeof reason !== 'string' || !reason)
        problems.push(`${where} is null without a reason`);
    } else number(value, where);
  };
  for (const key of [
    'machine',
    'date',
    'clusters',
    'warmFleetView',
    'officialEntityView',
    'ourEntityView',
    'upstreamCallsPerMinute',
    'coldRefreshMs',
    'isolation',
    'ingestion',
    'rssMb',
    'frontend',
  ]) {
    if (!(key in report)) problems.push(`${key} is missing`);
  }
  if (problems.length) return problems;
  if (Number.isNaN(Date.parse(report.date)))
    problems.push('date is not a date');
  number(report.clusters, 'clusters');
  for (const key of ['p50Ms', 'p95Ms', 'p99Ms', 'rps'])
    number(report.warmFleetView?.[key], `warmFleetView.${key}`);
  if (!report.warmFleetView?.command)
    problems.push('warmFleetView.command is missing');
  numberOrReason(
    report.officialEntityView?.p95Ms ?? null,
    'officialEntityView.p95Ms',
    report.officialEntityView?.reason,
  );
  number(report.ourEntityView?.p95Ms, 'ourEntityView.p95Ms');
  for (const key of ['oneViewer', 'fiftyViewers']) {
    numberOrReason(
      report.upstreamCallsPerMinute[key],
      `upstreamCallsPerMinute.${key}`,
      report.upstreamCallsPerMinute.reason,
    );
  }
  for (const key of ['freshnessP50Ms', 'freshnessP95Ms'])
    numberOrReason(report[key], key, report.freshnessP95MsReason);
  numberOrReason(
    report.signalStoredToPageP95Ms,
    'signalStoredToPageP95Ms',
    report.signalStoredToPageP95MsReason,
  );
  if (report.freshness && !Array.isArray(report.freshness.samples))
    problems.push('freshness.samples is missing');
  for (const key of ['10', '50', '200', '1000']) {
    numberOrReason(
      report.coldRefreshMs[key],
      `coldRefreshMs.${key}`,
      report.coldRefreshMs.reasons?.[key],
    );
  }
  for (const key of ['healthyP95MsWithout', 'healthyP95MsWith'])
    numberOrReason(
      report.isolation?.[key] ?? null,
      `isolation.${key}`,
      report.isolation?.reason,
    );
  for (const key of ['firstMs', 'rerunWrites'])
    numberOrReason(
      report.ingestion[key],
      `ingestion.${key}`,
      report.ingestion.reason,
    );
  numberOrReason(
    report.warmFleetViewDuringColdRefresh?.p95Ms ?? null,
    'warmFleetViewDuringColdRefresh.p95Ms',
    report.warmFleetViewDuringColdRefresh?.reason ??
      report.warmFleetViewDuringColdRefresh?.error,
  );
  for (const key of ['rest', 'load'])
    numberOrReason(report.rssMb[key], `rssMb.${key}`, report.rssMb.reason);
  numberOrReason(
    report.namespaceCreateP95Ms,
    'namespaceCreateP95Ms',
    report.namespaceCreateP95MsReason,
  );
  const frontendReasons = {
    chunkGzipKb: report.frontend.chunkReason,
    lcpMs200: report.frontend.lcpReason,
    lcpMs1000: report.frontend.lcpReason,
  };
  for (const key of ['chunkGzipKb', 'lcpMs200', 'lcpMs1000'])
    numberOrReason(
      report.frontend[key],
      `frontend.${key}`,
      frontendReasons[key] ?? report.frontend.reason,
    );
  return problems;
}

if (require.main === module) {
  const file = process.argv[2];
  let problems;
  try {
    problems = validate(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch (error) {
    problems = [`cannot read ${file}: ${error.message}`];
  }
  for (const problem of problems)
    process.stderr.write(`bench report: ${problem}\n`);
  if (problems.length === 0)
    process.stdout.write(`bench report ${file} is well formed\n`);
  process.exit(problems.length ? 1 : 0);
}

module.exports = { validate };

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

// Turns one run's measurements into the report the issue asks for
// (bench/results/<date>.json, latest.json) and its Markdown summary.
const fs = require('node:fs');
const path = require('node:path');
const { percentile, round } = require('./percentiles');

function ratio(a, b) {
  return typeof a === 'number' && typeof b === 'number' && b > 0
    ? round(a / b, 1)
    : null;
}

const LOAD_FIELDS = [
  'p50Ms',
  'p95Ms',
  'p99Ms',
  'maxMs',
  'rps',
  'completed',
  'non2xx',
  'timeouts',
  'errors',
  'abandoned',
  'statusCodes',
];

/** The figures of one load phase worth a place in the summary, command last. */
function pick(load, extra = {}) {
  if (!load) return null;
  const fields = Object.fromEntries(LOAD_FIELDS.map(key => [key, load[key]]));
  return { ...fields, ...extra, command: load.command };
}

/** One row per side and number of viewers of the same-question comparison. */
function sameQuestionRows(same) {
  if (!same?.rounds) {
    return same?.reason || same?.error
      ? [['Same question, official / ours', same.reason ?? same.error, '', '']]
      : [];
  }
  const side = (label, r) =>
    `${label}: ${fmt(r.p50Ms)} / ${fmt(r.p95Ms)} ms (${fmt(
      r.ok,
    )} answered in ${fmt(r.windowSec)} s, ${fmt(r.timeouts)} timeouts)`;
  return same.rounds.map(round => [
    `Same question (${same.entity}'s workloads), ${round.viewers} viewer${
      round.viewers === 1 ? '' : 's'
    } back to back: p50 / p95, p95 ratio official / ours`,
    `${side('ours', round.ours)}; ${side('official', round.official)}; ${
      round.p95Ratio === null ? round.reason : fmt(round.p95Ratio, '×')
    }`,
    `≥ 100× on ≥ ${same.answers} answers`,
    `${round.ours.command}; ${round.official.command}`,
  ]);
}

function summarise(run) {
  const main =
    run.variants.sqlite ??
    Object.values(run.variants).find(v => v.warmFleetView);
  const pg = run.variants.pg;
  const fleet = pick(main?.warmFleetView, { database: main?.database });
  const official = main?.officialLoad
    ? pick(main.officialLoad, {
        upstreamRequestsPerView:
          main.officialSingle?.upstreamRequestsPerView ?? null,
        singleViewMs: main.officialSingle?.latencyMs ?? null,
        upstreamRequestsDuringLoad: main.officialLoad.upstreamRequests,
      })
    : null;
  if (official && typeof official.p95Ms !== 'number') {
    official.p95Ms = null;
    official.reason = `no request was answered during the load window (${
      official.abandoned ?? 0
    } still open at its end), so its p95 is longer than the window; one request alone took ${
      official.singleViewMs ?? 'longer than its timeout'
    } ms`;
  }
  const freshSamples = (main?.freshness?.samples ?? [])
    .map(s => s.ms)
    .filter(v => v !== null);
  const cold = { 10: null, 50: null, 200: null, 1000: null };
  const coldReasons = {};
  for (const key of Object.keys(cold)) {
    const point =
      Number(key) === run.clusters
        ? main?.coldRefresh
        : run.coldRefreshCurve?.[key];
    if (point) {
      cold[key] = point.ms ?? null;
      if (cold[key] === null)
        coldReasons[key] =
          point.reason ??
          point.error ??
          `not every cluster refreshed (${point.refreshed})`;
    } else {
      coldReasons[key] = `not run by this profile (${run.mode})`;
    }
  }
  for (const [key, value] of Object.entries(run.coldRefreshCurve ?? {})) {
    if (!(key in cold)) cold[key] = value.ms ?? null;
  }
  const scale = run.scale ?? {};
  const scaleReason =
    scale.reason ??
    scale.error ??
    (run.scale ? undefined : `not run by this profile (${run.mode})`);
  const oursFifty = main?.oursFiftyViewers;
  const officialFifty = main?.officialFiftyViewers;
  return {
    machine: run.machine,
    date: run.date,
    source: run.source ?? null,
    mode: run.mode,
    command: run.command,
    durationMs: run.durationMs,
    clusters: run.clusters,
    layers: 13,
    seed: run.seed,
    upstreamLatencyMs: run.upstreamLatencyMs,
    warmFleetView: fleet,
    warmFleetViewPostgres: pg?.warmFleetView
      ? pick(pg.warmFleetView, { database: 'pg' })
      : null,
    ...(pg?.warmFleetView
      ? {}
      : {
          warmFleetViewPostgresReason:
            pg?.reason ?? 'PostgreSQL variant not run',
        }),
    officialEntityView: official,
    ourEntityView: fleet
      ? {
          p95Ms: fleet.p95Ms,
          endpoint: 'GET /api/platform/health',
          note: "the fleet view at the official view's load (20 viewers, 50 requests/s); the same question (one entity's workloads on every cluster) is compared in sideBySide.sameQuestion",
        }
      : null,
    sideBySide: {
      sameQuestion: main?.sameQuestion ?? null,
      latencyRatioP95: ratio(official?.p95Ms, fleet?.p95Ms),
      ...(official && official.p95Ms === null
        ? {
            latencyRatioP95Reason:
              'the official view answered no request under load (see officialEntityView.reason)',
          }
        : {}),
      upstreamRequestRatioFiftyViewers: ratio(
        officialFifty?.perMinute,
        oursFifty?.perMinute,
      ),
      upstreamRequestRatioOneViewer: ratio(
        main?.officialOneViewer?.perMinute,
        main?.oursOneViewer?.perMinute,
      ),
      freshness:
        'The official view reads every cluster live on each request (fresh when it answers, no answer while a cluster hangs); ours is as old as the last refresh (see freshnessP95Ms and coldRefreshMs), and a page view never calls an upstream.',
    },
    upstreamCallsPerMinute: {
      oneViewer: main?.oursOneViewer?.perMinute ?? null,
      fiftyViewers: oursFifty?.perMinute ?? null,
      perClusterFiftyViewers: oursFifty
        ? round(oursFifty.perMinute / run.clusters, 1)
        : null,
      command: main?.oursOneViewer?.command ?? null,
      official: {
        oneViewer: main?.officialOneViewer?.perMinute ?? null,
        fiftyViewers: officialFifty?.perMinute ?? null,
        fiftyViewersPageViewsCompleted: officialFifty?.pageViews ?? null,
        command: main?.officialOneViewer?.command ?? null,
      },
      ...(main?.oursOneViewer ? {} : { reason: 'viewer windows not run' }),
    },
    upstreamRequestsPerRefresh: main?.coldRefresh
      ? {
          total: main.coldRefresh.upstreamRequests,
          perCluster: main.coldRefresh.upstreamRequestsPerCluster,
          byUpstream: main.coldRefresh.byUpstream,
          refreshed: main.coldRefresh.refreshed,
          note: 'the first (cold) refresh, start-up reads of the catalog module included; polling lists and gets, no watches',
          command: main.coldRefresh.command,
        }
      : null,
    freshnessP50Ms: freshSamples.length
      ? round(percentile(freshSamples, 50), 0)
      : null,
    freshnessP95Ms: freshSamples.length
      ? round(percentile(freshSamples, 95), 0)
      : null,
    signalStoredToPageP95Ms: main?.freshness?.storedToPage?.p95Ms ?? null,
    ...(typeof main?.freshness?.storedToPage?.p95Ms === 'number'
      ? {}
      : {
          signalStoredToPageP95MsReason:
            main?.freshness?.signalsReason ??
            'no signal reached the open page within the time limit',
        }),
    ...(freshSamples.length
      ? {}
      : {
          freshnessP95MsReason:
            main?.freshness?.reason ?? 'no fault showed within the time limit',
        }),
    freshness: main?.freshness ?? null,
    coldRefreshMs: {
      ...cold,
      ...(Object.keys(coldReasons).length ? { reasons: coldReasons } : {}),
    },
    coldRefreshCurve: run.coldRefreshCurve,
    isolation: main?.isolation ?? null,
    ingestion: scale.ingestion
      ? { clusters: scale.clusters, ...scale.ingestion }
      : { firstMs: null, rerunWrites: null, reason: scaleReason },
    rssMb: {
      rest: scale.rssMbRest ?? null,
      load: scale.rssMbLoad ?? null,
      clusters: scale.clusters ?? null,
      command: scale.rssCommand ?? null,
      ...(typeof scale.rssMbRest === 'number' &&
      typeof scale.rssMbLoad === 'number'
        ? {}
        : {
            reason:
              scaleReason ?? 'the 1,000-cluster phase did not sample memory',
          }),
      at200: {
        rest: main?.rssMbRest ?? null,
        load: main?.rssMbLoad ?? null,
        underOfficialLoad: main?.rssMbOfficialLoad ?? null,
        command:
          'VmRSS of the backend process (/proc/<pid>/status), at rest 5 s after the first refresh and the peak under load',
      },
    },
    scale: run.scale ?? null,
    warmFleetViewDuringColdRefresh: scale.warmFleetViewDuringColdRefresh ?? {
      p95Ms: null,
      reason: scaleReason ?? 'not measured',
    },
    namespaceCreateP95Ms: run.namespaceCreate?.p95Ms ?? null,
    ...(typeof run.namespaceCreate?.p95Ms === 'number'
      ? { namespaceCreate: run.namespaceCreate }
      : {
          namespaceCreateP95MsReason:
            run.namespaceCreate?.reason ??
            'not measured: the benchmark has no scaffolder run of platform:namespace:create yet (it needs a user token for POST /api/scaffolder/v2/tasks and the templates/namespace parameters at 50 ms upstream latency)',
        }),
    frontend: run.frontend ?? {
      chunkGzipKb: null,
      lcpMs200: null,
      lcpMs1000: null,
      reason: `not run by this profile (${run.mode})`,
    },
    variants: run.variants,
    logs: run.logs,
  };
}

function fmt(value, unit = '') {
  if (value === null || value === undefined) return 'not measured';
  return `${
    typeof value === 'number' ? value.toLocaleString('en-US') : value
  }${unit}`;
}

function markdown(s) {
  const f = s.warmFleetView ?? {};
  const o = s.officialEntityView ?? {};
  const iso = s.isolation ?? {};
  const rows = [
    [
      'Warm fleet view p50 / p95 / p99',
      `${fmt(f.p50Ms)} / ${fmt(f.p95Ms)} / ${fmt(f.p99Ms)} ms at ${fmt(
        f.rps,
      )} req/s (${fmt(f.completed)} requests, ${fmt(f.non2xx)} non-2xx)`,
      'p95 < 50 ms',
      f.command,
    ],
    [
      'Same, on PostgreSQL',
      s.warmFleetViewPostgres
        ? `${fmt(s.warmFleetViewPostgres.p50Ms)} / ${fmt(
            s.warmFleetViewPostgres.p95Ms,
          )} / ${fmt(s.warmFleetViewPostgres.p99Ms)} ms at ${fmt(
            s.warmFleetViewPostgres.rps,
          )} req/s`
        : s.warmFleetViewPostgresReason,
      'p95 < 50 ms',
      s.warmFleetViewPostgres?.command ?? '',
    ],
    [
      'Same, while the first refresh of the 1,000-cluster fleet runs (SQLite)',
      typeof s.warmFleetViewDuringColdRefresh?.p95Ms === 'number'
        ? `${fmt(s.warmFleetViewDuringColdRefresh.p50Ms)} / ${fmt(
            s.warmFleetViewDuringColdRefresh.p95Ms,
          )} / ${fmt(s.warmFleetViewDuringColdRefresh.p99Ms)} ms at ${fmt(
            s.warmFleetViewDuringColdRefresh.rps,
          )} req/s`
        : s.warmFleetViewDuringColdRefresh?.reason ??
          s.warmFleetViewDuringColdRefresh?.error ??
          '',
      'p95 < 50 ms',
      s.warmFleetViewDuringColdRefresh?.command ?? '',
    ],
    [
      'Official entity view p50 / p95 / p99',
      o.reason ??
        `${fmt(o.p50Ms)} / ${fmt(o.p95Ms)} / ${fmt(o.p99Ms)} ms at ${fmt(
          o.rps,
        )} req/s (${fmt(o.completed)} answered, ${fmt(o.non2xx)} non-2xx, ${fmt(
          o.timeouts,
        )} timeouts, ${fmt(o.abandoned)} unanswered at the end)`,
      '',
      o.command,
    ],
    [
      'p95 ratio, official / ours',
      s.sideBySide.latencyRatioP95Reason ??
        fmt(s.sideBySide.latencyRatioP95, '×'),
      '≥ 100×',
      'the two rows above',
    ],
    ...sameQuestionRows(s.sideBySide.sameQuestion),
    [
      'Upstream requests per official page view',
      fmt(o.upstreamRequestsPerView),
      '',
      s.variants?.sqlite?.officialSingle?.command ?? '',
    ],
    [
      'Upstream requests per minute, ours: 1 / 50 viewers',
      `${fmt(s.upstreamCallsPerMinute.oneViewer)} / ${fmt(
        s.upstreamCallsPerMinute.fiftyViewers,
      )}`,
      'independent of viewers',
      s.upstreamCallsPerMinute.command ?? '',
    ],
    [
      'Upstream requests per minute, official: 1 / 50 viewers',
      `${fmt(s.upstreamCallsPerMinute.official.oneViewer)} / ${fmt(
        s.upstreamCallsPerMinute.official.fiftyViewers,
      )}`,
      '',
      s.upstreamCallsPerMinute.official.command ?? '',
    ],
    [
      'Upstream ratio at 50 viewers, official / ours',
      fmt(s.sideBySide.upstreamRequestRatioFiftyViewers, '×'),
      '',
      'the two rows above',
    ],
    [
      'Upstream requests per refresh (cold), per cluster',
      `${fmt(s.upstreamRequestsPerRefresh?.total)}, ${fmt(
        s.upstreamRequestsPerRefresh?.perCluster,
      )} per cluster${
        s.upstreamRequestsPerRefresh?.refreshed
          ? ` (counted until ${s.upstreamRequestsPerRefresh.refreshed} clusters had refreshed)`
          : ''
      }`,
      'fixed per-cluster budget',
      s.upstreamRequestsPerRefresh?.command ?? '',
    ],
    [
      'Cold refresh, 10 / 50 / 200 / 1,000 clusters',
      ['10', '50', '200', '1000']
        .map(k =>
          s.coldRefreshMs[k] === null
            ? `not complete (${s.coldRefreshMs.reasons?.[k] ?? ''})`
            : fmt(s.coldRefreshMs[k], ' ms'),
        )
        .join(' / '),
      '200: < 30 s',
      s.variants?.sqlite?.coldRefresh?.command ?? '',
    ],
    [
      'Freshness p50 / p95 (fault to verdict in GET /health)',
      s.freshnessP95Ms === null
        ? s.freshnessP95MsReason
        : `${fmt(s.freshnessP50Ms)} / ${fmt(s.freshnessP95Ms)} ms (${
            s.freshness?.samples?.length ?? 0
          } samples)`,
      '200: p95 < 3 s',
      s.freshness?.command ?? '',
    ],
    [
      'Open page p95 (verdict stored to shown, signals)',
      s.signalStoredToPageP95Ms === null
        ? s.signalStoredToPageP95MsReason
        : `${fmt(s.signalStoredToPageP95Ms)} ms (${
            s.freshness?.storedToPage?.samples ?? 0
          } samples)`,
      '< 1 s',
      s.freshness?.command ?? '',
    ],
    [
      'Isolation: fleet view p95 without / with faults',
      iso.reason ??
        `${fmt(iso.healthyP95MsWithout)} / ${fmt(iso.healthyP95MsWith)} ms`,
      'no move beyond noise',
      iso.setup ?? '',
    ],
    [
      'Isolation: our refresh with 10 % hanging + 10 % refusing',
      iso.ours
        ? `healthy clusters in ${fmt(
            iso.ours.healthyClustersRefreshedMs,
          )} ms, all in ${fmt(iso.ours.everyClusterRefreshedMs)} ms (${
            iso.ours.refreshed
          })`
        : 'not measured',
      'bounded',
      iso.ours?.command ?? '',
    ],
    [
      'Isolation: official entity view with the same faults',
      iso.official
        ? `${fmt(iso.official.completed)} answered (${fmt(
            iso.official.ok,
          )} with 2xx), ${fmt(
            iso.official.timeouts,
          )} still unanswered at the viewer's timeout; p95 ${fmt(
            iso.official.p95Ms,
          )} ms (timeouts counted as the timeout)`
        : 'not measured',
      'answer within our deadline',
      iso.official?.command ?? '',
    ],
    [
      'Backend sockets to the sandbox: before / our refresh / after official load / faults cleared',
      iso.backendSocketsToSandbox
        ? `${iso.backendSocketsToSandbox.before} / ${iso.backendSocketsToSandbox.afterOurRefresh} / ${iso.backendSocketsToSandbox.afterOfficialLoad} / ${iso.backendSocketsToSandbox.afterFaultsCleared}`
        : 'not measured',
      'no leak',
      iso.backendSocketsToSandbox?.command ?? '',
    ],
    [
      'Backend RSS at rest / under load, 1,000 clusters',
      s.rssMb.rest === null
        ? s.rssMb.reason
        : `${fmt(s.rssMb.rest)} / ${fmt(s.rssMb.load)} MB`,
      '< 400 MB',
      s.rssMb.command ?? '',
    ],
    [
      `Backend RSS at rest / under load, ${s.clusters} clusters`,
      `${fmt(s.rssMb.at200.rest)} / ${fmt(s.rssMb.at200.load)} MB; ${fmt(
        s.rssMb.at200.underOfficialLoad,
      )} MB while serving the official view`,
      '',
      s.rssMb.at200.command,
    ],
    [
      'Ingestion of 1,000 Cluster API clusters: first / re-run writes',
      s.ingestion.firstMs === null
        ? s.ingestion.reason
        : `${fmt(s.ingestion.firstMs)} ms to ${fmt(
            s.ingestion.entities,
          )} entities / ${
            s.ingestion.rerunWrites === null
              ? s.ingestion.reason
              : `${fmt(s.ingestion.rerunWrites)} rows written`
          }`,
      're-run writes: none',
      s.ingestion.command ?? '',
    ],
    [
      'platform:namespace:create p95 (20 concurrent, 50 ms upstream)',
      s.namespaceCreateP95Ms === null
        ? s.namespaceCreateP95MsReason
        : fmt(s.namespaceCreateP95Ms, ' ms'),
      '',
      s.namespaceCreate?.command ?? '',
    ],
    [
      "Frontend: the platform plugin's own chunks, gzip",
      s.frontend.chunkGzipKb === null
        ? s.frontend.chunkReason ?? s.frontend.reason
        : fmt(s.frontend.chunkGzipKb, ' KB'),
      '< 300 KB',
      s.frontend.chunkCommand ?? '',
    ],
    [
      'Frontend: LCP of the fleet health page, 200 / 1,000 clusters',
      s.frontend.lcpMs200 === null && s.frontend.lcpMs1000 === null
        ? s.frontend.lcpReason ?? s.frontend.reason
        : `${fmt(s.frontend.lcpMs200, ' ms')} / ${fmt(
            s.frontend.lcpMs1000,
            ' ms',
          )}`,
      '< 1.5 s',
      s.frontend.lcpCommand ?? '',
    ],
  ];
  const cell = v =>
    String(v ?? '')
      .replace(/\|/g, '\\|')
      .replace(/\n/g, ' ');
  return [
    `# Benchmark ${s.date.slice(0, 10)} (${s.mode})`,
    '',
    `${s.clusters} clusters × ${s.layers} layers, ${
      s.upstreamLatencyMs
    } ms upstream latency, seed ${s.seed}; \`${s.command}\` took ${Math.round(
      s.durationMs / 1000,
    )} s.`,
    s.source?.commit
      ? `Source: commit ${s.source.commit.slice(0, 7)}${
          s.source.uncommittedChanges
            ? ` with ${s.source.uncommittedChanges} uncommitted changes under packages/ and plugins/`
            : ''
        }.`
      : '',
    `Machine: ${s.machine.cpus} × ${s.machine.cpuModel}, ${
      s.machine.memoryGb
    } GB, ${s.machine.os}, Node ${
      s.machine.node
    }; load average ${s.machine.loadAverageAtStart.join(
      ' ',
    )} at the start, ${s.machine.loadAverageAtEnd?.join(' ')} at the end. ${
      s.machine.note
    }`,
    '',
    '| Figure | Measured | Target | Command |',
    '|---|---|---|---|',
    ...rows.map(r => `| ${r.map(cell).join(' | ')} |`),
    '',
    `Freshness: ${s.sideBySide.freshness}`,
    '',
    'Every figure, with the raw numbers of each phase, is in the JSON report next to this file.',
    '',
  ].join('\n');
}

function writeReport(run, outDir) {
  const summary = summarise(run);
  fs.mkdirSync(outDir, { recursive: true });
  const day = summary.date.slice(0, 10);
  const json = `${JSON.stringify(summary, null, 2)}\n`;
  const md = markdown(summary);
  const files = [
    [path.join(outDir, `${day}.json`), json],
    [path.join(outDir, 'latest.json'), json],
    [path.join(outDir, `${day}.md`), md],
    [path.join(outDir, 'latest.md'), md],
  ];
  for (const [file, content] of files) fs.writeFileSync(file, content);
  return files.map(([file]) => file);
}

/**
 * Renders a report again from the measurements a report keeps (its variants,
 * curve, 1,000-cluster phase and frontend figures), e.g. after the summary
 * changed: node bench/lib/report.js <report.json> <out dir>
 */
function rerender(file, outDir) {
  const s = JSON.parse(fs.readFileSync(file, 'utf8'));
  return writeReport(
    {
      ...s,
      namespaceCreate: s.variants?.sqlite?.namespaceCreate,
    },
    outDir,
  );
}

if (require.main === module) {
  const [file, outDir] = process.argv.slice(2);
  process.stdout.write(`${rerender(file, outDir).join('\n')}\n`);
}

module.exports = { writeReport, summarise };

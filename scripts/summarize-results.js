#!/usr/bin/env node
/*
 * Adds up every suite of `make test` into the one line CI reads:
 * "N passed, N failed". Reads the jest and Playwright JSON reports and the
 * status files of the checks and runners from .test-results/, the tracked
 * test files from git, the expected minimum per file from
 * scripts/test-manifest.json and the allowed skips from
 * scripts/test-skips.json (see scripts/summary/summarize.js for the rules).
 *
 *   node scripts/summarize-results.js                   the summary
 *   node scripts/summarize-results.js --update-manifest record this run's
 *                                     counts per file as the new minimum
 */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { summarize } = require('./summary/summarize');

const root = path.resolve(__dirname, '..');
const results = path.join(root, '.test-results');
const E2E_DIR = 'packages/app/e2e-tests';
const MANIFEST = path.join(__dirname, 'test-manifest.json');
const SKIPS = path.join(__dirname, 'test-skips.json');

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The Playwright reports of both passes (the demo fleet, then real clusters) as one. */
function readE2eReports(...names) {
  const reports = names
    .map(name => readJson(path.join(results, name)))
    .filter(Boolean);
  if (reports.length === 0) return undefined;
  return {
    ...reports[0],
    suites: reports.flatMap(r => r.suites ?? []),
    errors: reports.flatMap(r => r.errors ?? []),
  };
}

function readStatus(name) {
  const file = path.join(results, `${name}.status`);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : undefined;
}

const tracked = execFileSync(
  'git',
  [
    'ls-files',
    '-z',
    '--',
    '*.test.ts',
    '*.test.tsx',
    '*.test.js',
    '*.test.mjs',
  ],
  {
    cwd: root,
    encoding: 'utf8',
  },
)
  .split('\0')
  .filter(Boolean)
  // A file deleted from the work tree is still tracked: it must fail the run.
  .filter(f => !f.includes('node_modules/'));
const trackedE2eFiles = tracked.filter(f => f.startsWith(`${E2E_DIR}/`));
const trackedJestFiles = tracked.filter(f => !f.startsWith(`${E2E_DIR}/`));

const manifest = readJson(MANIFEST) ?? { jest: {}, e2e: {} };
const summary = summarize({
  root,
  ci: Boolean(process.env.CI),
  statuses: Object.fromEntries(
    ['typecheck', 'lint', 'build', 'audit', 'bench-smoke', 'jest', 'e2e'].map(
      n => [n, readStatus(n)],
    ),
  ),
  jest: readJson(path.join(results, 'jest.json')),
  e2e: readE2eReports('e2e.json', 'e2e-real.json'),
  e2eDir: path.join(root, E2E_DIR),
  trackedJestFiles,
  trackedE2eFiles,
  manifest,
  allowedSkips: readJson(SKIPS)?.skips ?? [],
});

if (process.argv.includes('--update-manifest')) {
  const sorted = counts =>
    Object.fromEntries(
      Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)),
    );
  fs.writeFileSync(
    MANIFEST,
    `${JSON.stringify(
      {
        description:
          'The tests each file ran in the last complete run: make test fails when a file runs fewer (or none). Update with node scripts/summarize-results.js --update-manifest after a full run.',
        jest: sorted(summary.counts.jest),
        e2e: sorted(summary.counts.e2e),
      },
      null,
      2,
    )}\n`,
  );
  console.log(`wrote ${path.relative(root, MANIFEST)}`);
  process.exit(0);
}

for (const line of summary.lines) console.log(`  ${line}`);
for (const problem of summary.problems) console.log(`  FAILED ${problem}`);
// CI reads this last line, in exactly this form.
console.log(`${summary.passed} passed, ${summary.failed} failed`);
process.exit(summary.failed > 0 ? 1 : 0);

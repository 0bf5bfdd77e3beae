#!/usr/bin/env node
/*
 * Adds up every suite of `make test` into the one line CI reads:
 * "N passed, N failed". Reads the jest and Playwright JSON reports and the
 * status files of the checks (type check, lint, dependency audit, benchmark
 * smoke) from
 * .test-results/.
 */
const fs = require('node:fs');
const path = require('node:path');

const dir = path.resolve(__dirname, '..', '.test-results');
let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  } catch {
    return undefined;
  }
}

for (const check of ['typecheck', 'lint', 'bench-smoke']) {
  const status = fs.existsSync(path.join(dir, `${check}.status`))
    ? fs.readFileSync(path.join(dir, `${check}.status`), 'utf8').trim()
    : 'missing';
  if (status === '0') passed += 1;
  else failed += 1;
  lines.push(`${check}: ${status === '0' ? 'passed' : `failed (${status})`}`);
}

// The dependency audit: 3 means the registry served no advisories, so
// nothing was checked; it is neither a pass nor a failure of the code.
{
  const file = path.join(dir, 'audit.status');
  const status = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : 'missing';
  if (status === '0') passed += 1;
  else if (status === '3') skipped += 1;
  else failed += 1;
  lines.push(
    `audit: ${
      status === '0'
        ? 'passed'
        : status === '3'
          ? 'skipped (the registry served no security advisories)'
          : `failed (${status})`
    }`,
  );
}

const jest = readJson('jest.json');
if (jest) {
  passed += jest.numPassedTests;
  failed += jest.numFailedTests;
  // A suite that fails to load has no failed test of its own: count it.
  const broken = jest.testResults.filter(
    r => r.status === 'failed' && r.assertionResults.every(a => a.status !== 'failed'),
  ).length;
  failed += broken;
  lines.push(`jest: ${jest.numPassedTests} passed, ${jest.numFailedTests + broken} failed, ${jest.numPendingTests} skipped`);
} else {
  failed += 1;
  lines.push('jest: no report');
}

const e2e = readJson('e2e.json');
if (e2e) {
  const s = e2e.stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  lines.push(`e2e: ${(s.expected ?? 0) + (s.flaky ?? 0)} passed, ${s.unexpected ?? 0} failed, ${s.skipped ?? 0} skipped`);
} else {
  failed += 1;
  lines.push('e2e: no report');
}

for (const line of lines) console.log(`  ${line}`);
// CI reads this last line, in exactly this form; what was skipped is listed above it.
if (skipped) console.log(`  (${skipped} check skipped, not counted)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

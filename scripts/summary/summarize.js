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

/*
 * The arithmetic behind `make test`'s last line, kept free of I/O so that it
 * can be tested: every check, every jest and Playwright test, and everything
 * that would make the total lie (a test file that did not run, a Playwright
 * error outside a test, a runner that exited non-zero without a failure, a
 * skip nobody allowed) is counted.
 */

const path = require('node:path');

/** The checks `scripts/test.sh` records as `<name>.status` files. */
const CHECKS = ['typecheck', 'lint', 'build', 'bench-smoke'];

/** Exit status of `scripts/audit.sh` when the registry served no advisories. */
const AUDIT_UNAVAILABLE = '3';

/**
 * @typedef {{ id: string, reason: string }} AllowedSkip
 * @typedef {{
 *   root: string,
 *   ci: boolean,
 *   statuses: Record<string, string | undefined>,
 *   jest?: any,
 *   e2e?: any,
 *   e2eDir: string,
 *   trackedJestFiles: string[],
 *   trackedE2eFiles: string[],
 *   manifest: { jest: Record<string, number>, e2e: Record<string, number> },
 *   allowedSkips: AllowedSkip[],
 * }} SummaryInput
 */

/** Counts per test file of a jest JSON report, by repository-relative path. */
function jestFiles(root, jest) {
  const files = new Map();
  for (const suite of jest?.testResults ?? []) {
    const file = path.relative(root, suite.name);
    const tests = suite.assertionResults ?? [];
    const count = status => tests.filter(t => t.status === status).length;
    files.set(file, {
      passed: count('passed'),
      failed: count('failed'),
      failedTests: tests.filter(t => t.status === 'failed'),
      skipped: tests.filter(t =>
        ['pending', 'skipped', 'todo', 'disabled'].includes(t.status),
      ),
      // A suite that fails to load has no failed test of its own.
      broken: suite.status === 'failed' && count('failed') === 0,
      message: suite.message ?? '',
      total: tests.length,
    });
  }
  return files;
}

/** Every test of a Playwright JSON report, with its file and full title. */
function e2eTests(root, e2eDir, report) {
  const tests = [];
  const visit = (suite, file, titles) => {
    const suiteFile = suite.file
      ? path.relative(root, path.resolve(e2eDir, suite.file))
      : file;
    const inner =
      suite.title && suite.title !== suite.file
        ? [...titles, suite.title]
        : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        tests.push({
          file: spec.file
            ? path.relative(root, path.resolve(e2eDir, spec.file))
            : suiteFile,
          title: [...inner, spec.title].join(' › '),
          // expected, unexpected, flaky or skipped
          status: test.status,
        });
      }
    }
    for (const child of suite.suites ?? []) visit(child, suiteFile, inner);
  };
  for (const suite of report?.suites ?? []) visit(suite, undefined, []);
  return tests;
}

/**
 * Adds everything up.
 * @param {SummaryInput} input
 * @returns {{ passed: number, failed: number, lines: string[], problems: string[], counts: { jest: Record<string, number>, e2e: Record<string, number> } }}
 */
function summarize(input) {
  const { root, ci, statuses, manifest, allowedSkips } = input;
  let passed = 0;
  let failed = 0;
  const lines = [];
  const problems = [];
  const allowed = new Map(allowedSkips.map(s => [s.id, s.reason]));
  const usedAllowances = new Set();
  const fail = message => {
    failed += 1;
    problems.push(message);
  };
  /** A skip fails the run under CI unless the allow-list names it with a reason. */
  const skip = (id, why) => {
    if (allowed.has(id)) {
      usedAllowances.add(id);
      lines.push(`skipped (allowed: ${allowed.get(id)}): ${id}`);
    } else if (ci) {
      fail(
        `skipped, and not in scripts/test-skips.json: ${id}${
          why ? ` (${why})` : ''
        }`,
      );
    } else {
      lines.push(`skipped (counted as failed under CI): ${id}`);
    }
  };

  for (const check of CHECKS) {
    const status = statuses[check];
    if (status === '0') {
      passed += 1;
      lines.push(`${check}: passed`);
    } else {
      fail(
        `${check}: ${
          status === undefined ? 'did not run' : `failed (exit ${status})`
        }`,
      );
    }
  }

  const audit = statuses.audit;
  if (audit === '0') {
    passed += 1;
    lines.push('audit: passed');
  } else if (audit === AUDIT_UNAVAILABLE) {
    skip('check: audit', 'the registry served no security advisories');
  } else {
    fail(
      `audit: ${
        audit === undefined ? 'did not run' : `failed (exit ${audit})`
      }`,
    );
  }

  // jest
  const counts = { jest: {}, e2e: {} };
  const failedBeforeJest = failed;
  if (!input.jest) {
    fail('jest: no report (.test-results/jest.json)');
  } else {
    const files = jestFiles(root, input.jest);
    let jestPassed = 0;
    let jestFailed = 0;
    for (const [file, f] of files) {
      counts.jest[file] = f.total;
      jestPassed += f.passed;
      jestFailed += f.failed;
      if (f.broken) {
        fail(
          `jest: ${file} did not run: ${
            firstReason(f.message) ?? 'failed to load'
          }`,
        );
      }
      for (const t of f.failedTests) {
        // Named here, counted in jestFailed.
        problems.push(
          `jest: ${file} › ${t.fullName ?? t.title}: ${(
            firstReason((t.failureMessages ?? [])[0]) ?? 'failed'
          ).slice(0, 300)}`,
        );
      }
      for (const t of f.skipped) skip(`${file} › ${t.fullName ?? t.title}`);
    }
    passed += jestPassed;
    failed += jestFailed;
    lines.push(
      `jest: ${jestPassed} passed, ${jestFailed} failed in ${files.size} files`,
    );
    for (const file of input.trackedJestFiles) {
      if (!files.has(file)) fail(`jest: ${file} is tracked but did not run`);
    }
    checkManifest(
      'jest',
      manifest.jest,
      counts.jest,
      input.trackedJestFiles,
      fail,
      lines,
    );
    if (statuses.jest !== '0' && failed === failedBeforeJest) {
      fail(
        `jest: exited ${statuses.jest ?? '(no status)'} without a failed test`,
      );
    }
  }

  // Playwright
  const failedBeforeE2e = failed;
  if (!input.e2e) {
    fail('e2e: no report (.test-results/e2e.json)');
  } else {
    const tests = e2eTests(root, input.e2eDir, input.e2e);
    let e2ePassed = 0;
    let e2eFailed = 0;
    for (const t of tests) {
      counts.e2e[t.file] = (counts.e2e[t.file] ?? 0) + 1;
      if (t.status === 'expected') e2ePassed += 1;
      else if (t.status === 'skipped') skip(`${t.file} › ${t.title}`);
      else {
        // A flaky test passed only on a retry: a failure to fix, not a pass.
        e2eFailed += 1;
        problems.push(`e2e: ${t.file} › ${t.title}: ${t.status}`);
      }
    }
    passed += e2ePassed;
    failed += e2eFailed;
    lines.push(`e2e: ${e2ePassed} passed, ${e2eFailed} failed`);
    for (const error of input.e2e.errors ?? []) {
      const where = error.location
        ? ` (${path.relative(root, error.location.file)})`
        : '';
      fail(
        `e2e: error outside a test${where}: ${
          String(error.message ?? '').split('\n')[0]
        }`,
      );
    }
    for (const file of input.trackedE2eFiles) {
      if (!(file in counts.e2e))
        fail(`e2e: ${file} is tracked but no test of it ran`);
    }
    checkManifest(
      'e2e',
      manifest.e2e,
      counts.e2e,
      input.trackedE2eFiles,
      fail,
      lines,
    );
    if (statuses.e2e !== '0' && failed === failedBeforeE2e) {
      fail(
        `e2e: exited ${statuses.e2e ?? '(no status)'} without a failed test`,
      );
    }
  }

  for (const id of allowed.keys()) {
    if (!usedAllowances.has(id)) {
      lines.push(
        `scripts/test-skips.json allows a skip that did not happen: ${id}`,
      );
    }
  }
  return { passed, failed, lines, problems, counts };
}

/**
 * The first line of a suite's failure that says why: jest's own heading and
 * colour codes left out.
 */
function firstReason(message) {
  return (
    (message ?? '')
      // eslint-disable-next-line no-control-regex
      .replace(/\u001b\[[0-9;]*m/g, '')
      .split('\n')
      .map(line => line.trim())
      .find(line => line && !/^● Test suite failed to run$/.test(line))
  );
}

/**
 * Every file of the manifest must still run at least as many tests as it
 * records; a file removed or emptied fails the run until the manifest says so.
 */
function checkManifest(kind, expected, actual, tracked, fail, lines) {
  const trackedSet = new Set(tracked);
  for (const [file, minimum] of Object.entries(expected)) {
    if (!trackedSet.has(file) && !(file in actual)) {
      fail(
        `${kind}: ${file} is in scripts/test-manifest.json but no longer exists`,
      );
    } else if ((actual[file] ?? 0) < minimum) {
      fail(
        `${kind}: ${file} ran ${
          actual[file] ?? 0
        } tests, scripts/test-manifest.json expects at least ${minimum}`,
      );
    }
  }
  const missing = tracked.filter(f => !(f in expected));
  if (missing.length) {
    lines.push(
      `${kind}: ${missing.length} test files not yet in scripts/test-manifest.json (node scripts/summarize-results.js --update-manifest)`,
    );
  }
}

module.exports = { summarize, CHECKS };

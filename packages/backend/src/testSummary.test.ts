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

import { resolve } from 'node:path';

// The arithmetic of `make test`'s last line (scripts/summary/summarize.js).
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
const { summarize } = require('../../../scripts/summary/summarize');

const ROOT = resolve('/repo');
const E2E_DIR = resolve(ROOT, 'packages/app/e2e-tests');

const passingChecks = {
  typecheck: '0',
  lint: '0',
  build: '0',
  audit: '0',
  'bench-smoke': '0',
  jest: '0',
  e2e: '0',
};

function jestSuite(file: string, statuses: string[], extra: object = {}) {
  return {
    name: resolve(ROOT, file),
    status: statuses.includes('failed') ? 'failed' : 'passed',
    message: '',
    assertionResults: statuses.map((status, i) => ({
      status,
      title: `test ${i}`,
      fullName: `suite test ${i}`,
    })),
    ...extra,
  };
}

function e2eReport(
  files: Record<string, string[]>,
  errors: object[] = [],
): object {
  return {
    suites: Object.entries(files).map(([file, statuses]) => ({
      title: file,
      file,
      specs: statuses.map((status, i) => ({
        title: `spec ${i}`,
        file,
        tests: [{ status }],
      })),
    })),
    errors,
  };
}

/** A complete, passing run: 3 jest tests in 2 files, 2 Playwright tests. */
function baseInput(overrides: object = {}) {
  return {
    root: ROOT,
    ci: true,
    statuses: { ...passingChecks },
    jest: {
      testResults: [
        jestSuite('plugins/a/src/a.test.ts', ['passed', 'passed']),
        jestSuite('plugins/b/src/b.test.ts', ['passed']),
      ],
    },
    e2e: e2eReport({ 'portal.test.ts': ['expected', 'expected'] }),
    e2eDir: E2E_DIR,
    trackedJestFiles: ['plugins/a/src/a.test.ts', 'plugins/b/src/b.test.ts'],
    trackedE2eFiles: ['packages/app/e2e-tests/portal.test.ts'],
    manifest: {
      jest: { 'plugins/a/src/a.test.ts': 2, 'plugins/b/src/b.test.ts': 1 },
      e2e: { 'packages/app/e2e-tests/portal.test.ts': 2 },
    },
    allowedSkips: [],
    ...overrides,
  };
}

describe('the test summary', () => {
  it('adds up a complete run: checks, jest tests and Playwright tests', () => {
    const summary = summarize(baseInput());
    expect(summary.problems).toEqual([]);
    expect(summary).toMatchObject({ passed: 5 + 3 + 2, failed: 0 });
  });

  it('fails when a tracked test file did not run', () => {
    const input = baseInput();
    input.jest.testResults.pop();
    const summary = summarize(input);
    expect(summary.failed).toBeGreaterThan(0);
    expect(summary.problems).toContain(
      'jest: plugins/b/src/b.test.ts is tracked but did not run',
    );
  });

  it('fails when a file of the manifest was removed, or runs fewer tests', () => {
    const removed = summarize(
      baseInput({
        trackedJestFiles: ['plugins/a/src/a.test.ts'],
        jest: {
          testResults: [
            jestSuite('plugins/a/src/a.test.ts', ['passed', 'passed']),
          ],
        },
      }),
    );
    expect(removed.problems).toContain(
      'jest: plugins/b/src/b.test.ts is in scripts/test-manifest.json but no longer exists',
    );

    const fewer = summarize(
      baseInput({
        jest: {
          testResults: [
            jestSuite('plugins/a/src/a.test.ts', ['passed']),
            jestSuite('plugins/b/src/b.test.ts', ['passed']),
          ],
        },
      }),
    );
    expect(fewer.problems).toContain(
      'jest: plugins/a/src/a.test.ts ran 1 tests, scripts/test-manifest.json expects at least 2',
    );
  });

  it("says why a jest suite did not run, past jest's heading and colours", () => {
    const input = baseInput();
    input.jest.testResults[1] = jestSuite('plugins/b/src/b.test.ts', [], {
      status: 'failed',
      message:
        '  \u001b[1m● \u001b[22mTest suite failed to run\n\n    PostgreSQL is not configured (PLATFORM_TEST_POSTGRES_URL)\n',
    });
    expect(summarize(input).problems).toContain(
      'jest: plugins/b/src/b.test.ts did not run: PostgreSQL is not configured (PLATFORM_TEST_POSTGRES_URL)',
    );
  });

  it('names each failed jest test with the first line of its failure, counted once', () => {
    const input = baseInput();
    (input.jest.testResults[0].assertionResults as object[])[0] = {
      ...input.jest.testResults[0].assertionResults[0],
      status: 'failed',
      failureMessages: [
        'Error: packages/app/dist does not exist: build it first\n    at Object.<anonymous> (x.test.ts:1:1)',
      ],
    };
    const summary = summarize(input);
    expect(
      summary.problems.filter((p: string) => p.includes('dist does not exist')),
    ).toEqual([
      expect.stringMatching(
        /^jest: plugins\/a\/src\/a\.test\.ts › .*: Error: packages\/app\/dist does not exist: build it first$/,
      ),
    ]);
    expect(summary.failed).toBe(1);
  });

  it('counts a jest suite that failed to load', () => {
    const input = baseInput();
    input.jest.testResults[1] = jestSuite('plugins/b/src/b.test.ts', [], {
      status: 'failed',
      message: "Cannot find module './gone' from 'b.test.ts'",
    });
    const summary = summarize(input);
    expect(summary.problems).toEqual(
      expect.arrayContaining([
        "jest: plugins/b/src/b.test.ts did not run: Cannot find module './gone' from 'b.test.ts'",
      ]),
    );
  });

  it('fails on a Playwright error outside a test, such as a spec that does not load', () => {
    const summary = summarize(
      baseInput({
        e2e: e2eReport({ 'portal.test.ts': ['expected', 'expected'] }, [
          {
            message: "Error: Cannot find module './gone'\n    at ...",
            location: { file: resolve(E2E_DIR, 'argocd.test.ts') },
          },
        ]),
      }),
    );
    expect(summary.failed).toBe(1);
    expect(summary.problems).toEqual([
      "e2e: error outside a test (packages/app/e2e-tests/argocd.test.ts): Error: Cannot find module './gone'",
    ]);
  });

  it('fails when a runner exits non-zero without a failed test', () => {
    const summary = summarize(
      baseInput({ statuses: { ...passingChecks, e2e: '1' } }),
    );
    expect(summary.problems).toEqual(['e2e: exited 1 without a failed test']);
  });

  it('counts a flaky Playwright test as failed', () => {
    const summary = summarize(
      baseInput({
        e2e: e2eReport({ 'portal.test.ts': ['expected', 'flaky'] }),
        statuses: { ...passingChecks, e2e: '0' },
      }),
    );
    expect(summary.failed).toBe(1);
  });

  it('counts a skip as failed under CI, unless the allow-list gives its reason', () => {
    const skipping = {
      statuses: { ...passingChecks, audit: '3' },
      jest: {
        testResults: [
          jestSuite('plugins/a/src/a.test.ts', ['passed', 'pending']),
          jestSuite('plugins/b/src/b.test.ts', ['passed']),
        ],
      },
    };
    const strict = summarize(baseInput(skipping));
    expect(strict.failed).toBe(2);
    expect(strict.problems).toEqual([
      'skipped, and not in scripts/test-skips.json: check: audit (the registry served no security advisories)',
      'skipped, and not in scripts/test-skips.json: plugins/a/src/a.test.ts › suite test 1',
    ]);

    const allowed = summarize(
      baseInput({
        ...skipping,
        allowedSkips: [{ id: 'check: audit', reason: 'no advisories here' }],
      }),
    );
    expect(allowed.failed).toBe(1);

    const local = summarize(baseInput({ ...skipping, ci: false }));
    expect(local.failed).toBe(0);
  });

  it('fails a check that did not run', () => {
    const statuses: Record<string, string | undefined> = { ...passingChecks };
    delete statuses.build;
    const summary = summarize(baseInput({ statuses }));
    expect(summary.problems).toEqual(['build: did not run']);
  });
});

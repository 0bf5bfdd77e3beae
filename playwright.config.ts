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

import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests against a running portal (scripts/e2e.sh starts it), in
 * Debian's Chromium: browser downloads are not possible on our machines.
 */
export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  // The real-cluster journey needs the portal started on real control planes
  // (PLATFORM_REAL_CLUSTERS, scripts/e2e.sh); make test runs it in a pass of
  // its own.
  testIgnore: process.env.PLATFORM_REAL_CLUSTERS
    ? []
    : ['**/realClusters.test.ts'],
  // Waits once for the portal's first health refresh and catalog ingestion.
  globalSetup: './packages/app/e2e-tests/portalReady.ts',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [['list'], ['json']],
  outputDir: '.test-results/playwright',
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
});

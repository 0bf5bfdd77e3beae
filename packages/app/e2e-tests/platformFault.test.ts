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

import { APIRequestContext, expect, Page, test } from '@playwright/test';
import {
  clearFault,
  generatedFleetSize,
  guestAuthorization,
  injectFault,
  refreshUntilVerdict,
} from './platformSandbox';
import { gotoSignedIn, signInAsGuest } from './signIn';

// prod-eu-1 is healthy in the demo fleet; Dex crash-looping fails its
// Identity layer and nothing else the other tests look at.
const FAULT = { cluster: 'prod-eu-1', id: 'dex-down' };
const LAYER = { cluster: 'prod-eu-1', layer: 'identity' };
const CELL_OK = 'prod-eu-1 Identity: OK';
const CELL_FAILING = /^prod-eu-1 Identity: (Critical|Warning)/;

/**
 * Refreshes health until the API gives the layer `verdict`, then opens the
 * matrix once: the cell must show what the API said.
 */
async function refreshUntilVisible(
  page: Page,
  request: APIRequestContext,
  verdict: RegExp,
  cell: string | RegExp,
) {
  const authorization = await guestAuthorization(request);
  await refreshUntilVerdict(request, authorization, LAYER, verdict);
  await gotoSignedIn(page, '/platform');
  const matrix = page.getByRole('table', { name: 'Fleet health matrix' });
  await expect(
    matrix.getByRole('link', { name: cell, exact: typeof cell === 'string' }),
  ).toBeVisible();
}

test.describe('a fault injected through the sandbox control API', () => {
  test.skip(!!generatedFleetSize(), 'needs the demo fleet');

  test.afterAll(async ({ browser, request }) => {
    test.setTimeout(180_000);
    await clearFault(request, FAULT);
    // Leave prod-eu-1 healthy again for the tests that follow.
    const page = await browser.newPage();
    await signInAsGuest(page);
    await refreshUntilVisible(page, request, /^ok$/, CELL_OK);
    await page.close();
  });

  test('turns its cell in the matrix after a refresh, and the drill-down shows the evidence', async ({
    page,
    request,
  }) => {
    test.setTimeout(360_000);
    await signInAsGuest(page);
    // Healthy to begin with (a restarted backend has to evaluate it first).
    await refreshUntilVisible(page, request, /^ok$/, CELL_OK);

    await injectFault(request, FAULT);
    await refreshUntilVisible(
      page,
      request,
      /^(critical|warning)$/,
      CELL_FAILING,
    );

    const matrix = page.getByRole('table', { name: 'Fleet health matrix' });
    await matrix.getByRole('link', { name: CELL_FAILING }).click();
    await expect(page).toHaveURL(
      /\/platform\/clusters\/prod-eu-1\/layers\/identity$/,
    );
    await expect(page.getByText('Dex is ready')).toBeVisible();
    await expect(page.getByText(/CrashLoopBackOff/).first()).toBeVisible();
    await expect(page.getByText(/dex/i).first()).toBeVisible();
  });
});

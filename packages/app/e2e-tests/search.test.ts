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

import { expect, test } from '@playwright/test';
import { generatedFleetSize } from './platformSandbox';
import { gotoSignedIn, signInAsGuest } from './signIn';

const SCREENSHOTS = '.test-results/screenshots';

test.describe('search', () => {
  test.skip(!!generatedFleetSize(), 'needs the demo fleet');

  test('searching "staging-1" lists staging-1 first, before every other cluster', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await signInAsGuest(page);
    const clusterLinks = page.locator('a[href^="/platform/clusters/"]');
    // The clusters are indexed shortly after the portal starts.
    await expect(async () => {
      await gotoSignedIn(page, '/search?query=staging-1');
      await expect(clusterLinks.first()).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 60_000 });
    await expect(clusterLinks.first()).toHaveText('staging-1');
    await expect(clusterLinks.first()).toHaveAttribute(
      'href',
      '/platform/clusters/staging-1',
    );
    await expect(
      page.locator('a[href="/platform/clusters/prod-eu-1"]'),
    ).toHaveCount(0);
    await page.screenshot({
      path: `${SCREENSHOTS}/search-staging-1.png`,
      fullPage: true,
    });
  });

  test('a runbook is found by what it is about and opens at its steps', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await signInAsGuest(page);
    await gotoSignedIn(page, '/search?query=keepalived');
    const runbook = page.getByRole('link', { name: /API VIP Down/ }).first();
    await expect(runbook).toBeVisible();
    await runbook.click();
    await expect(page).toHaveURL(
      /\/platform\/runbooks#runbook-api-vip-failover$/,
    );
    const section = page.locator('#runbook-api-vip-failover');
    await expect(section).toBeInViewport();
    await expect(section).toContainText('systemctl status keepalived haproxy');
    await page.screenshot({ path: `${SCREENSHOTS}/runbooks-page.png` });
  });
});

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

import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';
import { generatedFleetSize } from './platformSandbox';
import { signInAsAppDeveloper, signInAsGuest } from './signIn';

const SCREENSHOTS = '.test-results/screenshots';
/** Waits for every widget to settle, then scans the page. */
async function settleAndScan(page: Page) {
  await expect(page.getByRole('progressbar')).toHaveCount(0, {
    timeout: 30_000,
  });
  await page.mouse.move(900, 500);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const blocking = results.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .flatMap(v => v.nodes.map(n => `${v.id}: ${n.target.join(' ')}`));
  expect(blocking).toEqual([]);
}

test.describe('home', () => {
  test.skip(!!generatedFleetSize(), 'needs the demo fleet');

  test("a platform engineer sees the fleet's worst clusters and their team's open problems", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    // The guest is a platform-team member.
    await signInAsGuest(page);
    await expect(
      page.getByRole('list', { name: 'Clusters that need attention' }),
    ).toBeVisible();
    const problems = page.getByRole('list', {
      name: "Your team's open problems",
    });
    // The layers the platform team owns, critical first, each to its page.
    await expect(problems.getByRole('link').first()).toHaveAttribute(
      'href',
      /^\/platform\/clusters\/[\w-]+\/layers\/[\w-]+$/,
    );
    await expect(page.getByText('Your services').first()).toBeVisible();
    await settleAndScan(page);
    await page.screenshot({
      path: `${SCREENSHOTS}/home-platform-engineer.png`,
      fullPage: true,
    });
  });

  test("an app developer sees their own services on every cluster and their team's open problems", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    // heidi is in team-payments, which owns payments-api and orders-service.
    await signInAsAppDeveloper(page);
    const services = page.getByRole('list', { name: 'Your services' });
    await expect(services).toBeVisible({ timeout: 30_000 });
    for (const name of ['orders-service', 'payments-api']) {
      await expect(
        services.getByRole('link', { name, exact: true }),
      ).toHaveAttribute('href', `/catalog/default/component/${name}`);
    }
    // Another team's service is not theirs.
    await expect(
      services.getByRole('link', { name: 'storefront-web' }),
    ).toHaveCount(0);
    // Their state per cluster, as Argo CD reports it on each.
    await expect(
      services.getByText(/^prod-eu-1: \w+, \w+$/).first(),
    ).toBeVisible();
    await expect(
      services.getByText('prod-eu-2: OutOfSync, Healthy'),
    ).toBeVisible();

    // The demo fleet's fault on their service is their team's open problem.
    const problems = page.getByRole('list', {
      name: "Your team's open problems",
    });
    await expect(
      problems.getByRole('link', {
        name: /^orders-service on prod-eu-2: OutOfSync/,
      }),
    ).toHaveAttribute('href', '/catalog/default/component/orders-service');
    // No platform layer is team-payments', so no layer is listed as theirs.
    await expect(problems.locator('a[href*="/layers/"]')).toHaveCount(0);
    await settleAndScan(page);
    await page.screenshot({
      path: `${SCREENSHOTS}/home-app-developer.png`,
      fullPage: true,
    });
  });
});

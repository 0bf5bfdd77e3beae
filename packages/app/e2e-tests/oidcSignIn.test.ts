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

const SCREENSHOTS = '.test-results/screenshots';

// scripts/e2e.sh starts a Dex-like OpenID provider on loopback, gives the
// portal an OIDC client for it and names its issuer here.
const ISSUER = process.env.PLATFORM_TEST_OIDC_ISSUER;

test('a directory user signs in through the OpenID provider and lands in the portal as their catalog User', async ({
  page,
}) => {
  test.skip(!ISSUER, 'needs the OpenID provider scripts/e2e.sh starts');

  await page.goto('/');
  // The test portal offers both providers; production offers only Dex.
  await expect(page.getByRole('button', { name: 'Enter' })).toBeVisible();
  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign In' }).click();
  const popup = await popupOpened;

  // The provider's own login and consent forms, on its origin.
  await popup.waitForURL(url => url.href.startsWith(ISSUER!));
  await popup.locator('input[name="login"]').fill('heidi');
  await popup
    .locator('input[name="password"]')
    .fill('checked by the directory');
  await popup.getByRole('button', { name: 'Sign-in' }).click();
  const consent = popup.getByRole('button', { name: 'Continue' });
  await Promise.race([
    popup.waitForEvent('close'),
    consent.click().catch(() => undefined),
  ]);
  if (!popup.isClosed()) {
    await popup.waitForEvent('close');
  }

  await expect(
    page.getByRole('link', { name: 'Catalog', exact: true }).first(),
  ).toBeVisible();

  // In the app (a reload would have to restore the session from the provider):
  // the portal knows them as the catalog User, member of the directory's group.
  await page
    .getByRole('link', { name: 'Settings', exact: true })
    .first()
    .click();
  await expect(page).toHaveURL(/\/settings/);
  await expect(page.getByText('heidi@example.internal').first()).toBeVisible();
  await expect(
    page.locator('a[href$="/catalog/default/user/heidi"]').first(),
  ).toBeVisible();
  await expect(
    page.locator('a[href$="/catalog/default/group/team-payments"]').first(),
  ).toBeVisible();
  await expect(page.getByText('Heidi Payments').first()).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/oidc-settings.png`,
    fullPage: true,
  });
});

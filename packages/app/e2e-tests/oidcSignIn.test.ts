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
import { expect, Page, test } from '@playwright/test';

const SCREENSHOTS = '.test-results/screenshots';

// scripts/e2e.sh starts the real Dex (scripts/start-dex.mjs) with its LDAP
// connector against the tests' slapd, gives the portal an OIDC client for it
// and names its issuer here.
const ISSUER = process.env.PLATFORM_TEST_OIDC_ISSUER;

/** Opens the portal's OIDC sign-in popup, on Dex's own login form. */
async function openDexLogin(page: Page) {
  expect(
    ISSUER,
    'scripts/e2e.sh starts Dex and exports its issuer',
  ).toBeTruthy();
  await page.goto('/');
  // The test portal offers both providers; production offers only Dex.
  await expect(page.getByRole('button', { name: 'Enter' })).toBeVisible();
  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign In' }).click();
  const popup = await popupOpened;
  // Dex has one connector, so /auth goes straight to the LDAP login form.
  await popup.waitForURL(url => url.href.startsWith(`${ISSUER}/auth/ldap`));
  await expect(
    popup.getByRole('heading', { name: 'Log in to Your Account' }),
  ).toBeVisible();
  return popup;
}

async function submit(popup: Page, username: string, password: string) {
  await popup.getByLabel('Username').fill(username);
  await popup.getByLabel('Password').fill(password);
  await popup.getByRole('button', { name: 'Login' }).click();
}

/** Submits the form and returns the status of Dex's answer to the POST. */
async function submitAndRead(
  popup: Page,
  username: string,
  password: string,
): Promise<number> {
  const answered = popup.waitForResponse(
    response =>
      response.request().method() === 'POST' &&
      response.url().startsWith(`${ISSUER}/auth/ldap`),
  );
  await submit(popup, username, password);
  return (await answered).status();
}

test('a directory user signs in through Dex and lands in the portal as their catalog User', async ({
  page,
}) => {
  const popup = await openDexLogin(page);
  const closed = popup.waitForEvent('close');
  // The directory checks the password (a bind as the user); Dex reads the
  // user's groups and, with no consent page for the portal, hands back.
  await submit(popup, 'heidi', 'heidi-password');
  await closed;

  await expect(
    page.getByRole('link', { name: 'Catalog', exact: true }).first(),
  ).toBeVisible();

  // In the app (a reload would have to restore the session from Dex): the
  // portal knows them as the catalog User, member of the directory's group.
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

test("someone outside the directory, or with a wrong password, stays on Dex's form with its error and is not signed in", async ({
  page,
}) => {
  const popup = await openDexLogin(page);
  const error = popup.locator('#login-error');

  // Dex answers the POST with 401 and the form again, the name kept.
  expect(await submitAndRead(popup, 'mallory', 'not-in-the-directory')).toBe(
    401,
  );
  await expect(error).toHaveText('Invalid Username and password.');
  await expect(popup.getByLabel('Username')).toHaveValue('mallory');

  expect(await submitAndRead(popup, 'heidi', 'not-her-password')).toBe(401);
  await expect(error).toHaveText('Invalid Username and password.');
  await expect(popup.getByLabel('Username')).toHaveValue('heidi');
  await popup.screenshot({ path: `${SCREENSHOTS}/dex-login-refused.png` });

  // The portal behind the popup is still asking who you are.
  expect(popup.isClosed()).toBe(false);
  await expect(page.getByRole('button', { name: 'Enter' })).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Catalog', exact: true }),
  ).toHaveCount(0);
});

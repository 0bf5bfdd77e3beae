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

import { expect, Page } from '@playwright/test';

/**
 * Signs in as the guest user and waits until the app has loaded. The
 * Playwright global setup (portalReady.ts) has waited for the portal, so a
 * sign-in that does not hold is a failure, not something to try again.
 */
export async function signInAsGuest(page: Page) {
  const enter = page.getByRole('button', { name: 'Enter' });
  const catalog = page.getByRole('link', { name: 'Catalog', exact: true });
  await page.goto('/');
  await expect(enter.or(catalog.first())).toBeVisible();
  if (await enter.isVisible()) {
    await enter.click();
  }
  await expect(catalog.first()).toBeVisible();
}

/**
 * Opens `path`, signing in when the page asks for it. The sign-in page stands
 * in for the app at any path, and the app opens at that path once signed in,
 * so the page is loaded once.
 */
export async function gotoSignedIn(page: Page, path: string) {
  const enter = page.getByRole('button', { name: 'Enter' });
  const catalog = page.getByRole('link', { name: 'Catalog', exact: true });
  await page.goto(path);
  await expect(enter.or(catalog.first())).toBeVisible();
  if (await enter.isVisible()) {
    await enter.click();
    await expect(catalog.first()).toBeVisible();
  }
}

/**
 * Signs in through Dex (scripts/e2e.sh starts it against the test
 * directory) as an app developer: heidi, of team-payments, which owns
 * payments-api and orders-service in catalog/. The guest is a platform
 * engineer.
 */
export async function signInAsAppDeveloper(page: Page) {
  const issuer = process.env.PLATFORM_TEST_OIDC_ISSUER;
  expect(
    issuer,
    'scripts/e2e.sh starts Dex and exports its issuer',
  ).toBeTruthy();
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Enter' })).toBeVisible();
  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign In' }).click();
  const popup = await popupOpened;
  await popup.waitForURL(url => url.href.startsWith(`${issuer}/auth/ldap`));
  const closed = popup.waitForEvent('close');
  await popup.getByLabel('Username').fill('heidi');
  await popup.getByLabel('Password').fill('heidi-password');
  await popup.getByRole('button', { name: 'Login' }).click();
  await closed;
  await expect(
    page.getByRole('link', { name: 'Catalog', exact: true }).first(),
  ).toBeVisible();
}

/**
 * Opens `path` inside the running app, as a link would, keeping the
 * session: an OIDC session is not restored by a page load.
 */
export async function openInApp(page: Page, path: string) {
  await page.evaluate(to => {
    window.history.pushState({}, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[/.]/g, '\\$&')}$`));
}

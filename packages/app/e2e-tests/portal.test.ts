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
import { signInAsGuest } from './signIn';

const SCREENSHOTS = '.test-results/screenshots';

test('a guest signs in and finds the platform system in the catalog', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog?filters[kind]=system&filters[user]=all');
  await expect(
    page.getByRole('link', { name: 'Kubernetes Platform', exact: true }),
  ).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/catalog-systems.png`,
    fullPage: true,
  });
});

test('the platform system shows its 13 layers', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto(
    '/catalog?filters[kind]=resource&filters[type]=platform-layer&filters[user]=all',
  );
  await expect(page.getByText(/Resources \(13\)/)).toBeVisible();
  for (const layer of ['Provisioning', 'External LB', 'Observability']) {
    await expect(
      page.getByRole('link', { name: layer, exact: true }),
    ).toBeVisible();
  }
  await page.screenshot({
    path: `${SCREENSHOTS}/catalog-layers.png`,
    fullPage: true,
  });
});

test('the platform page is in the sidebar and lists the layers', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page
    .getByRole('link', { name: 'Platform', exact: true })
    .first()
    .click();
  await expect(page).toHaveURL(/\/platform$/);
  await expect(page.getByText('External LB')).toBeVisible();
  await expect(page.getByText('Observability', { exact: true })).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/platform-page.png`,
    fullPage: true,
  });
});

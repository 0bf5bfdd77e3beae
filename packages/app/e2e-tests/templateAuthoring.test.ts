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
import { gotoSignedIn, openInApp, signInAsAppDeveloper } from './signIn';

const SCREENSHOTS = '.test-results/screenshots';
const AUTHORING_TABS = ['Template Editor', 'Actions', 'Templating Extensions'];
const AUTHORING_PATHS = [
  '/create/edit',
  '/create/actions',
  '/create/templating-extensions',
];

test('an app developer sees no template-authoring tab and is refused at their addresses', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAsAppDeveloper(page);
  await openInApp(page, '/create/templates');
  await expect(page.getByRole('tab', { name: 'Templates' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Tasks' })).toBeVisible();
  for (const tab of AUTHORING_TABS) {
    await expect(page.getByRole('tab', { name: tab })).toHaveCount(0);
  }
  for (const path of AUTHORING_PATHS) {
    await openInApp(page, path);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Not allowed' }),
    ).toBeVisible();
    await expect(page.getByText(/is for the platform team/)).toBeVisible();
    // Not the editor's own page.
    await expect(page.getByText('Load Template Directory')).toHaveCount(0);
  }
  await page.screenshot({
    path: `${SCREENSHOTS}/template-authoring-refused.png`,
  });
});

test('a platform engineer keeps the template-authoring tabs and the editor', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // The guest is a platform-team member.
  await gotoSignedIn(page, '/create/templates');
  for (const tab of AUTHORING_TABS) {
    await expect(page.getByRole('tab', { name: tab })).toBeVisible();
  }
  await page.getByRole('tab', { name: 'Template Editor' }).click();
  await expect(page).toHaveURL(/\/create\/edit$/);
  await expect(page.getByText('Load Template Directory')).toBeVisible();
  await expect(page.getByText(/is for the platform team/)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toHaveCount(
    0,
  );
});

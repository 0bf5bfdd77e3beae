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
import { expect, test } from '@playwright/test';
import { generatedFleetSize } from './platformSandbox';
import { gotoSignedIn } from './signIn';

const SCREENSHOTS = '.test-results/screenshots';

test('the route template’s cluster picker shows environment and health and leaves out the management cluster', async ({
  page,
}) => {
  test.skip(!!generatedFleetSize(), 'needs the demo fleet');
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await gotoSignedIn(
    page,
    '/create/templates/default/platform-route-certificate',
  );
  const picker = page.getByRole('button', { name: /Cluster/ }).first();
  await expect(picker).toBeVisible({ timeout: 60_000 });
  await picker.click();
  const options = page.getByRole('option');
  await expect(options.first()).toBeVisible();
  const labels = await options.allTextContents();
  expect(labels.length).toBeGreaterThan(2);
  for (const label of labels) {
    expect(label).toMatch(/ — [^,]+, (OK|Warning|Critical|health unknown)$/);
  }
  expect(labels.some(l => l.startsWith('mgmt '))).toBe(false);
  expect(labels).toContain('staging-1 — staging, Critical');
  await page.screenshot({ path: `${SCREENSHOTS}/template-cluster-picker.png` });
  await page
    .getByRole('option', { name: 'staging-1 — staging, Critical' })
    .click();
  await expect(
    page.getByText(
      'staging-1 is Critical now: check its health page before adding to it.',
    ),
  ).toBeVisible();
  const results = await new AxeBuilder({ page })
    .include('form')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(
    results.violations
      .filter(v => v.impact === 'serious' || v.impact === 'critical')
      .flatMap(v => v.nodes.map(n => `${v.id}: ${n.target.join(' ')}`)),
  ).toEqual([]);
});

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
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

const size = generatedFleetSize();
const fleet = size ? `fleet-${size}` : 'fleet-demo';

for (const viewport of VIEWPORTS) {
  const suffix = `${viewport.width}x${viewport.height}`;

  test(`screenshots of the fleet matrix and a drill-down at ${suffix}`, async ({
    page,
  }) => {
    test.setTimeout(360_000);
    await page.setViewportSize(viewport);
    await signInAsGuest(page);
    const matrix = page.getByRole('table', { name: 'Fleet health matrix' });
    // The demo's exhausted MetalLB pool, or the first failing cell of a
    // generated fleet: shown once the health refresh has evaluated the fleet.
    const failing = size
      ? matrix.getByRole('link', { name: /: (Critical|Warning)/ }).first()
      : matrix.getByRole('link', { name: 'staging-1 Internal LB: Critical' });
    await gotoSignedIn(page, '/platform');
    if (size) {
      await expect(page.getByText(`${size} of ${size} clusters`)).toBeVisible();
    }
    await expect(failing).toBeVisible();
    await page.waitForLoadState('networkidle');
    await page.screenshot({
      path: `${SCREENSHOTS}/${fleet}-matrix-${suffix}.png`,
    });

    await failing.click();
    await expect(page).toHaveURL(/\/platform\/clusters\/[^/]+\/layers\/[^/]+$/);
    await expect(page.getByText('Checks').first()).toBeVisible();
    if (!size) {
      await expect(page.getByText('What to do')).toBeVisible();
    }
    await page.screenshot({
      path: `${SCREENSHOTS}/${fleet}-drilldown-${suffix}.png`,
    });
  });
}

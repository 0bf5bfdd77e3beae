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

test.use({ viewport: { width: 1440, height: 900 } });

// A person opening a broken service's page sees what is wrong without
// scrolling: the deployment status comes before the catalog's relation cards,
// and API tables stay away when the component declares no APIs.
test("payments-api's Overview starts with its deployment status across clusters, in the first viewport", async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/payments-api');

  const status = page.getByRole('table', {
    name: 'Deployment status per cluster',
  });
  await expect(status).toBeVisible();
  for (const cluster of ['prod-eu-1', 'prod-eu-2', 'staging-1']) {
    await expect(
      status.getByRole('row').filter({ hasText: cluster }),
    ).toBeVisible();
  }
  // prod-eu-2 runs 1.4.1, the others 1.5.0 (the sandbox's scenario).
  await expect(
    status.getByRole('row').filter({ hasText: 'prod-eu-2' }),
  ).toContainText('1.4.1');
  const alerts = page.getByRole('region', { name: 'Firing alerts' });
  await expect(alerts).toContainText('CertManagerCertificateRenewalStuck');
  await expect(
    page
      .getByRole('region', { name: 'Latest pipeline' })
      .getByRole('link', { name: /^Pipeline #\d+/ }),
  ).toBeVisible();

  // The card's heading and its table start inside the first 900 pixels.
  const heading = page.getByText('Deployment status', { exact: true });
  const headingBox = (await heading.boundingBox())!;
  expect(headingBox.y).toBeLessThan(900);
  expect((await status.boundingBox())!.y).toBeLessThan(900);

  // The generic cards come after it, and the empty API tables not at all.
  const dependsOn = page.getByText('Depends on components', { exact: true });
  await expect(page.getByText('Provided APIs', { exact: true })).toHaveCount(0);
  await expect(page.getByText('Consumed APIs', { exact: true })).toHaveCount(0);
  if (await dependsOn.count()) {
    expect((await dependsOn.boundingBox())!.y).toBeGreaterThan(headingBox.y);
  }

  await page.screenshot({
    path: '.test-results/screenshots/payments-overview-viewport.png',
  });
});

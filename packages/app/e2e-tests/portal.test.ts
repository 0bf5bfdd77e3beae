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

test('the home page says where to start and which clusters need attention, worst first, each leading to its page', async ({
  page,
}) => {
  // Signing in lands on the home page.
  await signInAsGuest(page);
  await expect(page.getByText('Where to start')).toBeVisible();
  await expect(page.getByText(/No widgets added/)).toBeHidden();
  const attention = page.getByRole('list', {
    name: 'Clusters that need attention',
  });
  const first = attention.getByRole('link').first();
  await expect(first).toBeVisible();
  const cluster = (await first.textContent())!.trim();
  // Away from the sidebar, which opens under the pointer.
  await page.mouse.move(900, 500);
  await page.screenshot({ path: `${SCREENSHOTS}/home.png`, fullPage: true });
  await first.click();
  await expect(page).toHaveURL(new RegExp(`/platform/clusters/${cluster}$`));
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

test('the platform page shows the fleet matrix, and a failing cell leads to its evidence and runbook', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page
    .getByRole('link', { name: 'Platform', exact: true })
    .first()
    .click();
  await expect(page).toHaveURL(/\/platform$/);
  await expect(page.getByText(/Simulated fleet/)).toBeVisible();
  const matrix = page.getByRole('table', { name: 'Fleet health matrix' });
  await expect(matrix).toBeVisible();
  // staging-1's MetalLB pool is exhausted in the default scenario.
  const cell = matrix.getByRole('link', {
    name: 'staging-1 Internal LB: Critical',
  });
  await expect(cell).toBeVisible();
  await expect(
    matrix.getByRole('link', { name: 'prod-eu-1 Internal LB: OK' }),
  ).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/platform-matrix.png`,
    fullPage: true,
  });

  await cell.click();
  await expect(page).toHaveURL(
    /\/platform\/clusters\/staging-1\/layers\/internal-lb$/,
  );
  await expect(
    page.getByText('Runbook: MetalLB IP Not Responding'),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'network-team' })).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/platform-drilldown.png`,
    fullPage: true,
  });
});

test('a cluster entity page shows its overview, its 13 layers and the scale and upgrade templates', async ({
  page,
}) => {
  await signInAsGuest(page);
  // Cluster entities are ingested from the sandbox's management cluster
  // before the tests start (portalReady.ts).
  await page.goto('/catalog/default/resource/staging-1');
  await expect(page.getByText('Platform layers')).toBeVisible();
  await expect(page.getByText('Kubernetes Version')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Internal LB' })).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Scale workers' }),
  ).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/cluster-entity.png`,
    fullPage: true,
  });
});

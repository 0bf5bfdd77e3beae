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

import { APIRequestContext, expect, test } from '@playwright/test';
import { sandboxControlUrl } from './platformSandbox';
import { signInAsGuest } from './signIn';

/** Moves the sandbox's simulated time on, so a started Argo CD operation finishes. */
async function advanceSandboxTime(request: APIRequestContext, ms: number) {
  const response = await request.post(`${sandboxControlUrl()}/time/advance`, {
    data: { ms },
  });
  expect(response.status(), await response.text()).toBe(200);
}

// The guest is a member of the platform team, which may sync and roll back
// every application (see the permission policy); payments-api runs on the
// production clusters with manual sync, where Argo CD allows rollback.
test('the Argo CD card of payments-api shows its applications, and a permitted user syncs then rolls back', async ({
  page,
  request,
}) => {
  // An operation a previous run left running would refuse the next one.
  await advanceSandboxTime(request, 60_000);
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/payments-api');

  const card = page.getByRole('list', { name: 'Argo CD applications' });
  const prod = card.getByRole('listitem', {
    name: 'payments-api on prod-eu-1',
  });
  await expect(prod).toBeVisible();
  for (const instance of ['prod-eu-2', 'staging-1']) {
    await expect(
      card.getByRole('listitem', { name: `payments-api on ${instance}` }),
    ).toBeVisible();
  }
  await expect(prod.getByLabel(/^Sync: /)).toBeVisible();
  await expect(prod.getByLabel(/^Health: /)).toBeVisible();
  await expect(prod.getByText('Manual sync')).toBeVisible();
  await expect(prod.getByText(/\d+ resources/)).toBeVisible();
  await expect(prod.getByText('Recent deployments:')).toBeVisible();
  // Automated sync on staging: Argo CD would refuse a rollback, so none is offered.
  await expect(
    card
      .getByRole('listitem', { name: 'payments-api on staging-1' })
      .getByText(/Rollback is off while automated sync is on/),
  ).toBeVisible();

  await prod
    .getByRole('button', { name: 'Sync payments-api on prod-eu-1' })
    .click();
  const syncDialog = page.getByRole('dialog');
  await expect(
    syncDialog.getByText('Sync payments-api on prod-eu-1?'),
  ).toBeVisible();
  await syncDialog.getByRole('button', { name: 'Sync', exact: true }).click();
  await expect(
    page.getByText('Sync of payments-api on prod-eu-1 started'),
  ).toBeVisible();
  await expect(prod.getByLabel('Operation: Running')).toBeVisible();

  // The sync runs 20 s of simulated time in the sandbox.
  await advanceSandboxTime(request, 30_000);

  await prod
    .getByRole('button', { name: 'Roll back payments-api on prod-eu-1' })
    .click();
  const rollbackDialog = page.getByRole('dialog');
  await expect(
    rollbackDialog.getByText('Roll back payments-api on prod-eu-1?'),
  ).toBeVisible();
  const choice = rollbackDialog.getByRole('radio').first();
  await expect(choice).toBeChecked();
  await rollbackDialog
    .getByRole('button', { name: 'Roll back', exact: true })
    .click();
  await expect(
    page.getByText(
      /^Rollback of payments-api on prod-eu-1 to history entry \d+ started$/,
    ),
  ).toBeVisible();
  await page.screenshot({
    path: '.test-results/screenshots/argocd-card.png',
    fullPage: true,
  });
  await advanceSandboxTime(request, 30_000);
});

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

// prod-eu-2's payments-api-tls cannot renew (the sandbox's default faults);
// the guest is in the platform team, so the re-issue is offered.
test('the security layer of prod-eu-2 runs the certificate runbook, stops at the failed issuance and offers a confirmed re-issue', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/platform/clusters/prod-eu-2/layers/security');
  const runbook = page.locator('#runbook-certificate-renewal-stuck');
  await expect(
    runbook.getByText('Runbook: Certificate Expiry Emergency'),
  ).toBeVisible();

  await runbook.getByRole('button', { name: 'Run diagnostic' }).click();
  await expect(runbook.getByRole('status').first()).toContainText(
    'payments/payments-api-tls',
    { timeout: 30_000 },
  );
  await expect(runbook.getByText('Cause found')).toBeVisible();
  await expect(runbook.getByText('Not run').first()).toBeVisible();

  const reissue = runbook.getByRole('button', {
    name: 'Re-issue payments/payments-api-tls',
  });
  await reissue.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/runbook-diagnostic.png` });

  await reissue.click();
  const dialog = page.getByRole('dialog');
  await expect(
    dialog.getByText('Re-issue payments/payments-api-tls?'),
  ).toBeVisible();
  // Other tests read this certificate as stuck: leave it so.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});

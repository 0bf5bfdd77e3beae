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
import { expect, Page, test } from '@playwright/test';
import {
  generatedFleetSize,
  guestAuthorization,
  refreshUntilVerdict,
} from './platformSandbox';
import { gotoSignedIn } from './signIn';

const SCREENSHOTS = '.test-results/screenshots';

/** Serious and critical axe violations on the page, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .flatMap(v => v.nodes.map(n => `${v.id}: ${v.help} at ${n.target}`));
}

// The demo fleet (packages/platform-sandbox's default fleet): prod-eu-2 has a
// Longhorn volume no backup job covers and a certificate 9 days from expiry
// that cannot renew; onprem-kubeadm-1's etcd snapshot CronJob fails.
test.describe('day-2 operations', () => {
  test.skip(!!generatedFleetSize(), 'needs the demo fleet');

  test('the backup card names the volume without backups and the failing etcd snapshot', async ({
    page,
    request,
  }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: 1280, height: 900 });
    const authorization = await guestAuthorization(request);
    await refreshUntilVerdict(
      request,
      authorization,
      { cluster: 'prod-eu-2', layer: 'storage' },
      /critical/,
    );
    await gotoSignedIn(page, '/platform/clusters/prod-eu-2');
    const age = page.getByRole('region', {
      name: 'Every volume with data was backed up within 26h',
    });
    await expect(age).toBeVisible({ timeout: 60_000 });
    await expect(age).toContainText(
      'Volume/longhorn-system/pvc-payments-db never backed up',
    );
    await expect(age).toContainText(
      'Runbook: Longhorn Volume Backup Missing or Stale',
    );
    await expect(
      page.getByRole('region', {
        name: 'Longhorn has a reachable backup target',
      }),
    ).toContainText('is available');
    const card = page
      .getByText('Backup posture')
      .locator('xpath=ancestor::*[contains(@class,"MuiCard-root")][1]');
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({
      path: `${SCREENSHOTS}/backup-posture-prod-eu-2.png`,
    });
    expect(await seriousViolations(page)).toEqual([]);

    // The guest mutes prod-eu-2's owner notifications and unmutes them again.
    const mute = page.getByRole('checkbox', {
      name: 'Mute notifications for this cluster',
    });
    await expect(mute).toBeEnabled();
    // The switch follows the stored state once the backend answered.
    await mute.click();
    await expect(
      page.getByText('You get no owner notifications about prod-eu-2'),
    ).toBeVisible();
    await page.reload();
    await expect(mute).toBeChecked();
    await mute.click();
    await expect(mute).not.toBeChecked();

    await refreshUntilVerdict(
      request,
      authorization,
      { cluster: 'onprem-kubeadm-1', layer: 'provisioning' },
      /critical/,
    );
    await gotoSignedIn(page, '/platform/clusters/onprem-kubeadm-1');
    const etcd = page.getByRole('region', {
      name: 'etcd was snapshotted within 26h',
    });
    await expect(etcd).toBeVisible({ timeout: 60_000 });
    await expect(etcd).toContainText('the latest run failed');
    await expect(etcd).toContainText('BackoffLimitExceeded');
    await etcd.scrollIntoViewIfNeeded();
    await etcd.screenshot({
      path: `${SCREENSHOTS}/backup-posture-etcd-onprem-kubeadm-1.png`,
    });
  });

  test('the certificate list puts the certificate that cannot renew first', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1280, height: 900 });
    await gotoSignedIn(page, '/platform');
    await page.getByRole('button', { name: 'Certificates' }).click();
    await expect(page).toHaveURL(/\/platform\/certificates$/);
    // The first body row: the table may render more than one header row.
    const first = page.locator('tbody tr').first();
    await expect(first).toContainText('payments/payments-api-tls', {
      timeout: 60_000,
    });
    await expect(first).toContainText('Critical');
    await expect(first).toContainText('not renewing');
    // Cluster API control planes: each machine's expiry from its status on mgmt.
    const machines = page
      .getByRole('row')
      .filter({ hasText: 'Cluster API Machine status' })
      .filter({ hasText: 'staging-1' });
    await expect(machines.first()).toContainText(
      /Machine staging-1-control-plane-\S+control-plane certificates, on mgmt/,
    );
    // kubeadm's own certificates live on the nodes: said so, with the command.
    const nodeOnly = page
      .getByRole('row')
      .filter({ hasText: 'onprem-kubeadm-1' })
      .filter({ hasText: 'sudo kubeadm certs check-expiration' });
    await expect(nodeOnly).toContainText(
      "kubeadm's client and control-plane certificates",
    );
    await page.screenshot({
      path: `${SCREENSHOTS}/certificates.png`,
      fullPage: true,
    });
    const nodeOnlyTable = page
      .getByText(/^Not readable through the Kubernetes API/)
      .locator('xpath=ancestor::*[contains(@class,"MuiPaper-root")][1]');
    await nodeOnlyTable.scrollIntoViewIfNeeded();
    await nodeOnlyTable.screenshot({
      path: `${SCREENSHOTS}/certificates-kubeadm.png`,
    });
    expect(await seriousViolations(page)).toEqual([]);
  });
});

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
import { generatedFleetSize } from './platformSandbox';
import { signInAsGuest } from './signIn';

test.use({ viewport: { width: 1440, height: 900 } });

const SCREENSHOTS = '.test-results/screenshots';

/** Serious and critical axe violations of the page as it is now, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa'])
    .analyze();
  return results.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .flatMap(v => v.nodes.map(n => `${v.id}: ${n.target.join(' ')}`));
}

// The way an app developer troubleshoots a broken service: the Overview says
// something is wrong, the Workloads tab says what and shows the crashed
// container's log, and a restart is previewed by the API server before it
// is confirmed. Last in the run (it restarts a Deployment of the sandbox).
test("payments-api: from the Overview's first row to a finding, the previous container's log and a confirmed restart", async ({
  page,
}) => {
  test.skip(!!generatedFleetSize(), 'needs the demo fleet');
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/payments-api');
  const status = page.getByRole('table', {
    name: 'Deployment status per cluster',
  });
  await expect(status).toBeVisible();
  expect((await status.boundingBox())!.y).toBeLessThan(900);

  await page.getByRole('link', { name: 'Workloads', exact: true }).click();
  await expect(page).toHaveURL(/\/payments-api\/workloads$/);
  const findings = page.getByRole('list', { name: 'Findings on staging-1' });
  await expect(findings).toContainText(/Crash loop: Pod\/payments-api-\S+/);
  // The OOM kill with its limit and the peak Prometheus read.
  await expect(findings).toContainText(
    /Killed for memory[\s\S]*its limit \(\d+Mi\)[\s\S]*peaked at \d+Mi/,
  );
  await page.screenshot({ path: `${SCREENSHOTS}/workloads-findings.png` });
  expect(await seriousViolations(page)).toEqual([]);

  // The crashed container's last lines, from the previous container.
  const crashed = (await findings
    .getByText(/^Crash loop: Pod\//)
    .textContent())!.match(/Pod\/(\S+)/)![1];
  // Pod names repeat across clusters (the same ReplicaSet hash): staging-1's.
  await page
    .getByRole('table', { name: 'Pods on staging-1' })
    .getByRole('button', { name: `Logs of ${crashed}` })
    .click();
  const viewer = page.getByRole('region', {
    name: `Log of ${crashed} on staging-1`,
  });
  await viewer.getByLabel('Previous container').check();
  await viewer.getByRole('button', { name: 'Show log' }).click();
  const lines = viewer.getByLabel('Log lines');
  await expect(lines).toContainText('level=fatal');
  // Its end, where the container said why it exits.
  await lines.evaluate(pre => pre.scrollTo(0, pre.scrollHeight));
  await viewer.screenshot({
    path: `${SCREENSHOTS}/workloads-previous-log.png`,
  });

  // A restart: the API server's dry run first, then Confirm.
  await page
    .getByRole('button', {
      name: 'Restart Deployment/payments-api on staging-1',
    })
    .click();
  const dialog = page.getByRole('dialog', {
    name: 'Restart Deployment payments/payments-api on staging-1?',
  });
  const preview = dialog.getByRole('region', { name: 'Dry-run preview' });
  await expect(preview).toContainText('kubectl.kubernetes.io/restartedAt');
  await expect(preview).toContainText('Nothing has changed yet');
  // Confirm turns from disabled to enabled with a colour transition:
  // the picture shows where it ends.
  await expect(
    dialog.getByRole('button', { name: 'Confirm restart' }),
  ).toBeEnabled();
  await page.screenshot({
    path: `${SCREENSHOTS}/workloads-restart-preview.png`,
    animations: 'disabled',
  });
  expect(await seriousViolations(page)).toEqual([]);

  await dialog.getByRole('button', { name: 'Confirm restart' }).click();
  await expect(dialog.getByRole('status')).toContainText('Restart started');
  await expect(dialog.getByRole('status')).toContainText(
    'Deployment payments/payments-api on staging-1 is restarting',
  );
  await page.screenshot({ path: `${SCREENSHOTS}/workloads-restart-done.png` });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

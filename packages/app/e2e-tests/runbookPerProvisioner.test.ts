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
import {
  generatedFleetSize,
  guestAuthorization,
  refreshUntilVerdict,
} from './platformSandbox';
import { gotoSignedIn } from './signIn';

const SCREENSHOTS = '.test-results/screenshots';

// The demo fleet's staging-1 is a Cluster API cluster (management cluster
// mgmt) with one worker NotReady.
test('staging-1’s hardware names the Cluster API step for its NotReady worker, with the node filled in, and nothing for OK checks', async ({
  page,
  request,
}) => {
  test.skip(!!generatedFleetSize(), 'needs the demo fleet');
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const authorization = await guestAuthorization(request);
  await refreshUntilVerdict(
    request,
    authorization,
    { cluster: 'staging-1', layer: 'hardware' },
    /critical/,
  );
  await gotoSignedIn(page, '/platform/clusters/staging-1/layers/hardware');

  const step = page.getByRole('link', {
    name: 'Replacing a Failed Node, step 1: Cordon the node',
  });
  await expect(step).toBeVisible({ timeout: 60_000 });
  // An OK check's row has no runbook link.
  const okRow = page
    .getByRole('row')
    .filter({ hasText: 'No node reports memory, disk or PID pressure' });
  await expect(okRow).toHaveCount(1);
  await expect(okRow.getByRole('link')).toHaveCount(0);

  const replacing = page.getByRole('region', {
    name: 'Runbook: Replacing a Failed Node',
  });
  await expect(replacing.getByText('Steps for Cluster API')).toBeVisible();
  await expect(replacing).toContainText('kubectl cordon staging-1-md-0-2');
  await expect(replacing).toContainText(
    'kubectl --context mgmt -n clusters delete machine',
  );
  const adding = page.getByRole('region', {
    name: 'Runbook: Adding a New Worker Node',
  });
  await expect(adding).toContainText('scale machinedeployment');
  await expect(adding).not.toContainText('kubeadm join');

  await step.click();
  await page.screenshot({
    path: `${SCREENSHOTS}/layer-staging-1-hardware-runbook.png`,
  });
  // The command blocks (Backstage's CodeSnippet, as on every layer page)
  // are scanned apart: their highlighting is not this view's.
  const results = await new AxeBuilder({ page })
    .include('section[aria-label^="Runbook:"]')
    .exclude('[id^="runbook-"] pre')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(
    results.violations.flatMap(v =>
      v.nodes.map(n => `${v.id}: ${n.target.join(' ')}`),
    ),
  ).toEqual([]);
});

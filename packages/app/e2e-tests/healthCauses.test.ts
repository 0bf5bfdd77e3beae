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

// The demo fleet's staging-1 has one worker NotReady
// (packages/platform-sandbox's default fleet).
const CLUSTER = 'staging-1';
const NODE = 'staging-1-md-0-2';

test('staging-1’s NotReady node shows as one cause with the DaemonSets on it as its consequences', async ({
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
    { cluster: CLUSTER, layer: 'hardware' },
    /critical/,
  );
  await gotoSignedIn(page, `/platform/clusters/${CLUSTER}`);

  const card = page.getByRole('region', {
    name: 'One cause behind several findings',
  });
  await expect(card).toBeVisible({ timeout: 60_000 });
  const cause = card.getByRole('group', {
    name: new RegExp(`Node ${NODE} is not Ready`),
  });
  await expect(cause).toBeVisible();
  for (const layer of ['Networking', 'Internal LB', 'Storage']) {
    await expect(
      cause.getByRole('link', { name: new RegExp(`^${layer}`) }),
    ).toBeVisible();
  }
  await expect(
    cause.getByText(/spec\.nodeName = staging-1-md-0-2/).first(),
  ).toBeVisible();
  // The layers keep their verdicts and say what they follow from.
  await expect(
    page.getByText(`(follows from Node ${NODE})`, { exact: false }).first(),
  ).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({
    path: `${SCREENSHOTS}/cluster-staging-1-causes.png`,
  });

  const results = await new AxeBuilder({ page })
    .include('section[aria-labelledby="health-causes-heading"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(
    results.violations.flatMap(v =>
      v.nodes.map(n => `${v.id}: ${n.target.join(' ')}`),
    ),
  ).toEqual([]);
});

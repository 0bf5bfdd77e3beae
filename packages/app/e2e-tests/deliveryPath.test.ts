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

// In the sandbox, payments-api's head commit is its 1.5.0 release: its
// pipeline passed, Nexus holds the image and Argo CD deploys it.
test("payments-api's Delivery tab shows its latest commit's way from push to traffic", async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/payments-api/delivery');

  await expect(
    page.getByRole('heading', {
      name: /^Latest commits of team-payments\/payments-api/,
    }),
  ).toBeVisible({ timeout: 60_000 });
  const timeline = page.getByRole('list', {
    name: /^Delivery of [0-9a-f]{8}$/,
  });
  await expect(timeline).toBeVisible();
  const stages = timeline.getByRole('listitem', { name: /: / });
  await expect(stages).toHaveCount(8);
  const labels = await stages.evaluateAll(items =>
    items.map(item => item.getAttribute('aria-label')),
  );
  expect(labels.map(l => l?.split(':')[0])).toEqual([
    'Commit (GitLab)',
    'Pipeline (GitLab)',
    'Image (Nexus)',
    'Manifest bump (GitOps)',
    'Argo CD sync and health',
    'HTTPRoute and certificate',
    'Traffic and errors (Prometheus)',
    'Traces (Tempo)',
  ]);
  for (const done of [
    'Commit (GitLab)',
    'Pipeline (GitLab)',
    'Image (Nexus)',
    'Manifest bump (GitOps)',
  ]) {
    await expect(
      timeline.getByRole('listitem', { name: `${done}: done` }),
    ).toBeVisible();
  }
  await expect(
    timeline.getByText('team-payments/payments-api:1.5.0 in docker-hosted'),
  ).toBeVisible();
  await expect(
    timeline.getByText(/^Deployed by payments-api on /),
  ).toBeVisible();
  await expect(
    timeline.getByRole('link', { name: /^Pipeline in GitLab/ }),
  ).toHaveAttribute(
    'href',
    /\/team-payments\/payments-api\/-\/pipelines\/\d+$/,
  );
  await expect(
    timeline.getByRole('link', { name: /^Open traces in Tempo/ }),
  ).toHaveAttribute('href', /\/explore\?.*payments-api/);
  // Where the change is now, in one sentence.
  await expect(
    page
      .getByText(/^(Live on |In |Blocked at |Waiting at |Unknown at )/)
      .first(),
  ).toBeVisible();
  await page.screenshot({
    path: '.test-results/screenshots/delivery-path.png',
    fullPage: true,
  });
});

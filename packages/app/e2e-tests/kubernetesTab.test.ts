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

// The official Backstage Kubernetes plugin, unchanged, reading the simulated
// clusters of platform-sandbox (scripts/e2e.sh starts both).
test('the Kubernetes tab of an example component shows its workloads on the sandbox clusters', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/payments-api/kubernetes');
  // Cluster titles come from platform.clusters, with their environment.
  for (const cluster of [
    'prod-eu-1 (production)',
    'prod-eu-2 (production)',
    'staging-1 (staging)',
  ]) {
    await expect(
      page.getByRole('button', { name: `${cluster} Cluster` }),
    ).toBeVisible();
  }
  // payments-api runs pods on each of these clusters (three replicas, plus
  // the broken ones the scenario adds on some).
  await expect(page.getByText(/^\d+ pods?$/).nth(2)).toBeVisible();
  await page.screenshot({
    path: '.test-results/screenshots/kubernetes-tab.png',
    fullPage: true,
  });
});

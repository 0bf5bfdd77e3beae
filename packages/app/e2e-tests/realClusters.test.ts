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
import { gotoSignedIn, signInAsGuest } from './signIn';

/*
 * The portal with the first clusters' Kubernetes APIs on real control planes
 * (PLATFORM_REAL_CLUSTERS=2 scripts/e2e.sh: mgmt and prod-eu-1, each a
 * kube-apiserver holding a copy of the sandbox cluster, with kwok and the
 * controller manager keeping its scenario). Skipped on the sandbox alone.
 */

const REAL = Number(process.env.PLATFORM_REAL_CLUSTERS ?? 0);
/** The management cluster first, then the sandbox's order. */
const REAL_CLUSTERS = ['mgmt', 'prod-eu-1', 'prod-eu-2'].slice(0, REAL);

test.skip(REAL < 2, 'needs PLATFORM_REAL_CLUSTERS=2 or more');

test('the fleet, a cluster and a component on real Kubernetes', async ({
  page,
}) => {
  await signInAsGuest(page);
  await gotoSignedIn(page, '/platform');
  const banner = page.getByRole('status', { name: 'Simulated fleet' });
  await expect(banner).toContainText(
    `the Kubernetes API of ${REAL_CLUSTERS.slice(0, -1).join(
      ', ',
    )} and ${REAL_CLUSTERS.at(-1)} is a real control plane`,
  );
  const matrix = page.getByRole('table', { name: 'Fleet health matrix' });
  await expect(
    matrix.getByRole('link', { name: /^prod-eu-1 Networking: / }),
  ).toBeVisible({ timeout: 60_000 });
  await page.screenshot({
    path: '.test-results/screenshots/real-clusters-matrix.png',
    fullPage: true,
  });

  // A real cluster's page: every layer read, the Kubernetes side from kube-apiserver.
  await gotoSignedIn(page, '/platform/clusters/prod-eu-1');
  for (const layer of ['Hardware', 'Networking', 'Storage']) {
    await expect(
      page.getByRole('link', { name: new RegExp(`^${layer}`) }).first(),
    ).toBeVisible({ timeout: 60_000 });
  }
  await page.screenshot({
    path: '.test-results/screenshots/real-clusters-cluster.png',
    fullPage: true,
  });

  // The official Kubernetes plugin lists the component's pods on the real cluster.
  await page.goto('/catalog/default/component/payments-api/kubernetes');
  const real = page.getByRole('button', {
    name: 'prod-eu-1 (production) Cluster',
  });
  await expect(real).toBeVisible({ timeout: 60_000 });
  // payments-api's three pods, read from kube-apiserver (the other clusters'
  // problems are the scenario's); the page's one warning there is for pod
  // metrics, which no metrics-server serves on the real cluster.
  await expect(real).toContainText('3 pods');
  await expect(real).toContainText('No pods with errors');
  await real.click();
  await expect(
    page.getByText('Deployment', { exact: true }).first(),
  ).toBeVisible();
  await page.screenshot({
    path: '.test-results/screenshots/real-clusters-kubernetes-tab.png',
    fullPage: true,
  });
});

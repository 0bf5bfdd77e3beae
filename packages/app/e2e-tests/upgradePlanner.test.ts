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
import {
  expect,
  Page,
  request as playwrightRequest,
  test,
} from '@playwright/test';
// The sandbox's description of itself, read beside the browser.
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from 'fs';
// eslint-disable-next-line no-restricted-imports
import { resolve } from 'path';
import {
  BACKEND_URL,
  clearFault,
  generatedFleetSize,
  guestAuthorization,
  injectFault,
} from './platformSandbox';
import { fitViewportToContent, horizontalOverflow } from './horizontalOverflow';
import { gotoSignedIn } from './signIn';

const SCREENSHOTS = '.test-results/screenshots';

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .flatMap(v => v.nodes.map(n => `${v.id}: ${v.help} at ${n.target}`));
}

// What the demo fleet's scenario put in the way of each provisioner's next minor.
const PLANS = [
  {
    cluster: 'onprem-kubeadm-1',
    provisioner: 'kubeadm',
    blockers: [
      'FlowSchema object written through flowcontrol.apiserver.k8s.io/v1beta3',
      'etcd was snapshotted within 26h',
    ],
    steps: ['Upgrade the first control-plane node, onprem-kubeadm-1-cp-1'],
  },
  {
    cluster: 'edge-rke2-1',
    provisioner: 'rke2',
    blockers: ['cert-manager v1.18.2 does not support Kubernetes 1.34'],
    steps: ['Apply Plan system-upgrade/server-plan'],
  },
  {
    cluster: 'staging-1',
    provisioner: 'cluster-api',
    blockers: [
      'Node staging-1-md-0-2 is not Ready',
      'PodDisruptionBudget payments/payments-api allows no disruption',
    ],
    steps: ['KubeadmControlPlane clusters/staging-1-control-plane'],
  },
];

test.describe('upgrade planner', () => {
  test.skip(!!generatedFleetSize(), 'needs the demo fleet');

  for (const plan of PLANS) {
    test(`${plan.provisioner}: ${plan.cluster}'s planner names the seeded blockers and the plan`, async ({
      page,
    }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width: 1280, height: 900 });
      await gotoSignedIn(page, `/platform/clusters/${plan.cluster}/upgrades`);
      const blockers = page.getByRole('heading', { level: 3 });
      for (const blocker of plan.blockers) {
        await expect(blockers.filter({ hasText: blocker })).toBeVisible({
          timeout: 60_000,
        });
      }
      await expect(page.getByText(`Plan (${plan.provisioner})`)).toBeVisible();
      for (const step of plan.steps) {
        await expect(page.getByText(step).first()).toBeVisible();
      }
      await fitViewportToContent(page, 1280);
      await page.screenshot({
        path: `${SCREENSHOTS}/upgrade-planner-${plan.provisioner}.png`,
        fullPage: true,
      });
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  for (const plan of PLANS) {
    test(`${plan.provisioner}: ${plan.cluster}'s Upgrades tab fits the viewport, its long commands wrapping in their own box`, async ({
      page,
    }) => {
      test.setTimeout(120_000);
      const steps = 'ol[aria-label="Upgrade steps"]';
      for (const path of [
        `/catalog/default/resource/${plan.cluster}/upgrades`,
        `/platform/clusters/${plan.cluster}/upgrades`,
      ]) {
        await page.setViewportSize({ width: 1280, height: 800 });
        await gotoSignedIn(page, path);
        await expect(page.locator(steps)).toBeVisible({ timeout: 60_000 });
        for (const viewport of [
          { width: 1280, height: 800 },
          { width: 1920, height: 1080 },
        ]) {
          await page.setViewportSize(viewport);
          const measured = await horizontalOverflow(page, steps);
          expect(
            measured.scrollWidth,
            `${path} at ${viewport.width}px: ${measured.offenders.join('; ')}`,
          ).toBeLessThanOrEqual(measured.clientWidth);
          expect(measured.offenders).toEqual([]);
        }
      }
      // Each command box holds its commands: long ones wrap inside it.
      const boxes = page.locator(`${steps} pre`);
      // The list can be on the page a moment before its command boxes.
      await expect(boxes.first()).toBeVisible({ timeout: 30_000 });
      expect(
        await boxes.evaluateAll(pres =>
          pres
            .filter(p => p.scrollWidth > p.clientWidth + 1)
            .map(p => p.textContent?.slice(0, 60)),
        ),
      ).toEqual([]);
    });
  }

  test('the upgrade is refused while staging-1 has blockers and allowed once the sandbox clears them', async ({
    request,
  }) => {
    test.setTimeout(180_000);
    const authorization = await guestAuthorization(request);
    // What platform:cluster:upgrade asks before it writes anything.
    const blockers = async () => {
      const res = await request.get(
        `${BACKEND_URL}/api/platform/upgrades/staging-1?target=1.33.4`,
        { headers: { authorization } },
      );
      expect(res.status(), await res.text()).toBe(200);
      return ((await res.json()).blockers as Array<{ title: string }>)
        .map(b => b.title)
        .sort();
    };
    expect(await blockers()).toEqual([
      'Node staging-1-md-0-2 is not Ready',
      'PodDisruptionBudget payments/payments-api allows no disruption',
    ]);

    const sandbox = JSON.parse(
      readFileSync(
        resolve(__dirname, '../../../.sandbox/sandbox.json'),
        'utf8',
      ),
    );
    const staging = sandbox.clusters.find(
      (c: { name: string }) => c.name === 'staging-1',
    );
    const kube = await playwrightRequest.newContext({
      ignoreHTTPSErrors: true,
      extraHTTPHeaders: {
        authorization: `Bearer ${staging.kubernetes.tokens.admin}`,
      },
    });
    const budgetUrl = `${staging.kubernetes.url}/apis/policy/v1/namespaces/payments/poddisruptionbudgets/payments-api`;
    const budget = await (await kube.get(budgetUrl)).json();
    try {
      // The node comes back and the payments team lifts its budget for the window.
      await clearFault(request, { cluster: 'staging-1', id: 'node-not-ready' });
      expect((await kube.delete(budgetUrl)).status()).toBe(200);
      await expect
        .poll(
          async () => {
            await request.post(`${sandbox.controlUrl}/time/advance`, {
              data: { ms: 60_000 },
            });
            return blockers();
          },
          { timeout: 120_000, intervals: [2_000] },
        )
        .toEqual([]);
    } finally {
      // Later specs expect the demo fleet as the scenario made it.
      const { metadata, spec } = budget;
      await kube.post(
        `${staging.kubernetes.url}/apis/policy/v1/namespaces/payments/poddisruptionbudgets`,
        {
          data: {
            apiVersion: 'policy/v1',
            kind: 'PodDisruptionBudget',
            metadata: {
              name: metadata.name,
              namespace: metadata.namespace,
              labels: metadata.labels,
            },
            spec,
          },
        },
      );
      await injectFault(request, {
        cluster: 'staging-1',
        id: 'node-not-ready',
        target: 'staging-1-md-0-2',
      });
      await kube.dispose();
    }
    await expect
      .poll(blockers, { timeout: 120_000, intervals: [2_000] })
      .toEqual([
        'Node staging-1-md-0-2 is not Ready',
        'PodDisruptionBudget payments/payments-api allows no disruption',
      ]);
  });
});

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
import { APIRequestContext, expect, Page, test } from '@playwright/test';
import {
  BACKEND_URL,
  guestAuthorization,
  sandboxControlUrl,
  triggerHealthRefresh,
} from './platformSandbox';
import { gotoSignedIn, signInAsGuest } from './signIn';

const SCREENSHOTS = '.test-results/screenshots';

interface Fleet {
  clusters: Array<{ cluster: string; verdict: string; unreachable?: object }>;
  counts: Record<string, number>;
}

async function fleet(
  request: APIRequestContext,
  authorization: string,
): Promise<Fleet> {
  const response = await request.get(`${BACKEND_URL}/api/platform/health`, {
    headers: { authorization },
  });
  expect(response.status(), await response.text()).toBe(200);
  return response.json();
}

/** The demo fleet's onprem-kubeadm-1, or the first cluster of a generated fleet. */
function pick(clusters: Fleet['clusters']): string {
  return (clusters.find(c => c.cluster === 'onprem-kubeadm-1') ?? clusters[0])
    .cluster;
}

/** Refreshes until the cluster's API is (or is no longer) reported unreachable. */
async function refreshUntilUnreachable(
  request: APIRequestContext,
  authorization: string,
  cluster: string,
  unreachable: boolean,
) {
  await expect
    .poll(
      async () => {
        const response = await request.get(
          `${BACKEND_URL}/api/platform/health/${cluster}`,
          { headers: { authorization } },
        );
        const body = response.ok() ? await response.json() : {};
        const now = !!body.unreachable;
        if (now !== unreachable) {
          await triggerHealthRefresh(request, authorization);
        }
        return now;
      },
      { timeout: 180_000, intervals: [2_000] },
    )
    .toBe(unreachable);
}

/** Serious or critical WCAG 2.1 AA violations on the page as it is now. */
async function seriousAxeViolations(
  page: Page,
  exclude?: string,
): Promise<string[]> {
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  const builder = new AxeBuilder({ page }).withTags([
    'wcag2a',
    'wcag2aa',
    'wcag21a',
    'wcag21aa',
  ]);
  const results = await (exclude
    ? builder.exclude(exclude)
    : builder
  ).analyze();
  return results.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .flatMap(v => v.nodes.map(n => `${v.id}: ${n.target.join(' ')}`));
}

async function setRefusal(
  request: APIRequestContext,
  cluster: string,
  refuse: boolean,
) {
  const response = refuse
    ? await request.post(`${sandboxControlUrl()}/behaviour`, {
        data: { upstream: 'kubernetes', cluster, refuse: true },
      })
    : await request.delete(`${sandboxControlUrl()}/behaviour`);
  expect(response.status(), await response.text()).toBeLessThan(300);
}

test.describe('a cluster whose Kubernetes API refuses connections', () => {
  let down = 'onprem-kubeadm-1';

  test.afterAll(async ({ request }) => {
    test.setTimeout(240_000);
    await setRefusal(request, down, false);
    const authorization = await guestAuthorization(request);
    await refreshUntilUnreachable(request, authorization, down, false);
  });

  test('is counted critical, keeps its last known verdicts greyed "as of", says why once and offers the API, VIP and control-plane runbooks', async ({
    page,
    request,
  }) => {
    test.setTimeout(360_000);
    await signInAsGuest(page);
    const authorization = await guestAuthorization(request);
    down = pick((await fleet(request, authorization)).clusters);
    await refreshUntilUnreachable(request, authorization, down, false);
    const before = await fleet(request, authorization);

    await setRefusal(request, down, true);
    await refreshUntilUnreachable(request, authorization, down, true);
    const after = await fleet(request, authorization);
    expect(after.clusters.find(c => c.cluster === down)!.verdict).toBe(
      'critical',
    );
    // Its last known Critical layers still count.
    expect(after.counts.critical).toBe(before.counts.critical);
    const criticalClusters = after.clusters.filter(
      c => c.verdict === 'critical',
    ).length;

    await page.setViewportSize({ width: 1600, height: 1000 });
    await gotoSignedIn(page, '/platform');
    const matrix = page.getByRole('table', { name: 'Fleet health matrix' });
    await expect(page.getByTestId('critical-clusters')).toHaveText(
      `Critical clusters: ${criticalClusters} (1 API unreachable)`,
    );
    await expect(
      page.getByText(`Critical layers: ${after.counts.critical}`),
    ).toBeVisible();
    // Worst first: the cluster that cannot be reached heads the matrix.
    const row = matrix.getByRole('row').nth(1);
    await expect(row.getByRole('link').first()).toHaveText(down);
    await expect(row.getByText('API unreachable')).toHaveCount(1);
    await expect(row.getByText(/^Refused for /)).toBeVisible();
    await expect(
      row.getByRole('link', {
        name: /: last known (OK|Warning|Critical|Unknown) as of /,
      }),
    ).not.toHaveCount(0);
    await expect(matrix.getByText(/could not be reached/)).toHaveCount(0);
    await page.screenshot({ path: `${SCREENSHOTS}/unreachable-fleet.png` });
    expect(await seriousAxeViolations(page)).toEqual([]);

    await row.getByRole('link', { name: down, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/platform/clusters/${down}$`));
    const panel = page.getByRole('region', {
      name: /Kubernetes API unreachable: connection refused/,
    });
    await expect(panel).toBeVisible();
    await expect(page.getByText(/could not be reached/)).toHaveCount(1);
    await expect(
      panel
        .getByRole('list', { name: 'Runbooks for an unreachable API' })
        .getByRole('link'),
    ).toHaveText([
      'Kubernetes API Endpoint Unreachable',
      'API VIP Down (HAProxy + Keepalived)',
      'Control Plane Down',
    ]);
    await expect(
      page.getByText('Cilium Network Policy Blocking Traffic'),
    ).toHaveCount(0);
    await expect(page.getByText(/^Last known /).first()).toBeVisible();
    await expect(
      page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', {
        name: 'Platform',
      }),
    ).toBeVisible();
    // The page scrolls inside Backstage's content pane: a tall window shows
    // the outage and the layers together.
    await page.setViewportSize({ width: 1600, height: 1500 });
    await expect(page.getByText('Layers', { exact: true })).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/unreachable-cluster.png` });
    // The runbooks' command blocks (Backstage's CodeSnippet, as on every
    // layer page) are scanned apart: their highlighting is not this view's.
    expect(await seriousAxeViolations(page, '[id^="runbook-"] pre')).toEqual(
      [],
    );
  });
});

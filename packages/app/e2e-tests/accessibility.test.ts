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
import { gotoSignedIn, signInAsGuest } from './signIn';

const PAGES: Array<{ name: string; path: string; ready: (p: Page) => any }> = [
  {
    name: 'fleet matrix',
    path: '/platform',
    ready: p => p.getByRole('table', { name: 'Fleet health matrix' }),
  },
  {
    name: 'cluster page',
    path: '/platform/clusters/staging-1',
    ready: p => p.getByText('Nodes (', { exact: false }),
  },
  {
    name: 'layer drill-down',
    path: '/platform/clusters/staging-1/layers/internal-lb',
    ready: p => p.getByText('Runbook: MetalLB IP Not Responding'),
  },
  {
    name: 'fleet readiness page',
    path: '/platform/readiness',
    ready: p => p.getByText('Clusters (', { exact: false }),
  },
  {
    name: 'cluster readiness and sizing page',
    path: '/platform/clusters/staging-1/readiness',
    ready: p => p.getByText('% ready:', { exact: false }),
  },
  {
    name: 'cluster entity page',
    path: '/catalog/default/resource/staging-1',
    ready: p => p.getByText('Platform layers'),
  },
];

/** One line per violation and offending element, to read in the failure. */
function describeViolations(
  violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations'],
): string {
  return violations
    .flatMap(v =>
      v.nodes.map(
        n => `${v.impact} ${v.id}: ${v.help} at ${n.target.join(' ')}`,
      ),
    )
    .join('\n');
}

test.describe('accessibility', () => {
  test.skip(!!generatedFleetSize(), 'needs the demo fleet');

  for (const { name, path, ready } of PAGES) {
    test(`the ${name} has no serious or critical axe violation`, async ({
      page,
    }) => {
      test.setTimeout(300_000);
      await signInAsGuest(page);
      // Cluster entities are ingested from the sandbox's management cluster.
      await gotoSignedIn(page, path);
      await expect(ready(page).first()).toBeVisible();
      await page.waitForLoadState('networkidle');
      // Scan the page as it settles, not a card's loading spinner.
      await expect(page.getByRole('progressbar')).toHaveCount(0, {
        timeout: 60_000,
      });
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      const blocking = results.violations.filter(
        v => v.impact === 'serious' || v.impact === 'critical',
      );
      expect(blocking, describeViolations(blocking)).toEqual([]);
    });
  }

  test('the matrix is usable from the keyboard, with a visible focus', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    await signInAsGuest(page);
    const matrix = page.getByRole('table', { name: 'Fleet health matrix' });
    const internalLb = matrix.getByRole('link', {
      name: 'staging-1 Internal LB: Critical',
    });
    await gotoSignedIn(page, '/platform');
    await expect(internalLb).toBeVisible();
    const clusterLink = matrix.getByRole('link', {
      name: 'staging-1',
      exact: true,
    });
    await clusterLink.focus();
    // Arrow keys move as in a spreadsheet; the matrix is one Tab stop, and
    // Shift+Tab comes back to the cell Tab left.
    await page.keyboard.press('ArrowRight');
    const provisioning = matrix.getByRole('link', {
      name: /^staging-1 Provisioning: /,
    });
    await expect(provisioning).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(matrix.locator(':focus')).toHaveCount(0);
    await page.keyboard.press('Shift+Tab');
    await expect(provisioning).toBeFocused();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await expect(internalLb).toBeFocused();
    await expect(internalLb).toHaveCSS('outline-style', 'solid');
    // staging-1 is the worst cluster of the demo fleet: the matrix's first row.
    await page.keyboard.press('ArrowDown');
    await expect(page.locator(':focus')).toHaveAttribute(
      'aria-label',
      /^(?!staging-1 )\S+ Internal LB: /,
    );
    await page.keyboard.press('ArrowUp');
    await expect(internalLb).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(
      /\/platform\/clusters\/staging-1\/layers\/internal-lb$/,
    );
  });
});

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
  BACKEND_URL,
  generatedFleetSize,
  guestAuthorization,
} from './platformSandbox';
import { gotoSignedIn } from './signIn';

const SCREENSHOTS = '.test-results/screenshots';

/**
 * Fills the route template's form for payments-api on prod-eu-1 up to its
 * Check step, with the given path prefix.
 */
async function fillRouteForm(page: Page, options: { path: string }) {
  await gotoSignedIn(
    page,
    '/create/templates/default/platform-route-certificate',
  );

  const cluster = page.getByRole('button', { name: /Cluster/ }).first();
  await expect(cluster).toBeVisible({ timeout: 60_000 });
  await cluster.click();
  await page.getByRole('option', { name: /^prod-eu-1 — / }).click();
  const team = page.getByRole('textbox', { name: /Team/ });
  await team.click();
  // The owner picker keeps a typed reference.
  await team.fill('group:default/team-payments');
  await team.press('Tab');
  await page.getByRole('button', { name: /Namespace your team owns/ }).click();
  await page.getByRole('option', { name: 'payments (team-payments)' }).click();
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByRole('textbox', { name: /Route name/ }).fill('payments-api');
  await page.getByRole('textbox', { name: /Path prefix/ }).fill(options.path);
  await page
    .getByRole('textbox', { name: /Hostname/ })
    .fill('pay-preview.apps.example.internal');
  await page
    .getByRole('button', { name: /^Service/ })
    .first()
    .click();
  // Only Services that exist are offered, with their ports.
  await page.getByRole('option', { name: 'payments-api (port 8080)' }).click();
  await expect(page.getByRole('button', { name: /Service port/ })).toHaveText(
    /8080/,
  );
  await page.getByRole('button', { name: 'Next' }).click();
}

/** The serious and critical axe violations in the template's form. */
async function formViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .include('form')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .flatMap(v => v.nodes.map(n => `${v.id}: ${n.target.join(' ')}`));
}

// The demo fleet: team-payments owns payments on prod-eu-1, with the Service
// payments-api on port 8080 and an HTTPRoute payments-api that Argo CD, not
// the portal, manages there.
test('the route template is stopped at its Check step by the dry run and writes nothing', async ({
  page,
  request,
}) => {
  test.skip(!!generatedFleetSize(), 'needs the demo fleet');
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await fillRouteForm(page, { path: '/' });

  const preview = page.getByRole('region', {
    name: 'What this template will write',
  });
  await expect(
    preview.getByText('HTTPRoute payments/payments-api: Refused'),
  ).toBeVisible({ timeout: 60_000 });
  await expect(preview).toContainText(
    'already exists in payments and is not managed for team-payments',
  );
  await expect(preview).toContainText(
    'Certificate payments/payments-api: Will be created',
  );
  await page.screenshot({ path: `${SCREENSHOTS}/template-check-refused.png` });

  // Review stays out of reach, and with it Create (by keyboard: the
  // notification toasts may lie over the button).
  await page.getByRole('button', { name: 'Review' }).press('Enter');
  await expect(
    page.getByText(/dry run has not accepted/).first(),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create' })).toHaveCount(0);

  // The field error under the preview, in the theme's error colour, is
  // scanned with the rest of the form.
  await expect(page.locator('#root_preview__error')).toBeVisible();
  expect(await formViolations(page)).toEqual([]);

  // Nothing was written: the route is still not the portal's, the Certificate still to be made.
  const authorization = await guestAuthorization(request);
  const again = await request.post(
    `${BACKEND_URL}/api/platform/self-service/preview`,
    {
      headers: { Authorization: authorization },
      data: {
        template: 'platform-route-certificate',
        parameters: {
          cluster: 'prod-eu-1',
          owner: 'group:default/team-payments',
          namespace: 'payments',
          name: 'payments-api',
          hostname: 'pay-preview.apps.example.internal',
          path: '/',
          service: 'payments-api',
          port: 8080,
          issuer: 'letsencrypt-prod',
        },
      },
    },
  );
  expect(again.status(), await again.text()).toBe(200);
  const body = await again.json();
  expect(
    body.manifests.map((m: { kind: string; outcome: string }) => [
      m.kind,
      m.outcome,
    ]),
  ).toEqual([
    ['HTTPRoute', 'refused'],
    ['Certificate', 'create'],
  ]);
});

test('a path prefix the platform refuses is named as the form field the person filled', async ({
  page,
}) => {
  test.skip(!!generatedFleetSize(), 'needs the demo fleet');
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  // Not absolute: the form takes it, the platform's validation does not.
  await fillRouteForm(page, { path: 'api' });
  const preview = page.getByRole('region', {
    name: 'What this template will write',
  });
  // The backend names the route action's input, rules[0].path; the form
  // shows the field's title.
  await expect(preview).toContainText(
    'The preview could not be made: Path prefix: "api" is not an absolute URL path',
    { timeout: 60_000 },
  );
  await expect(preview).not.toContainText('rules[0]');
  await page.getByRole('button', { name: 'Review' }).press('Enter');
  await expect(page.locator('#root_preview__error')).toBeVisible();
  expect(await formViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/template-field-named.png` });
});

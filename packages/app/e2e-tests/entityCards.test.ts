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

/** The single pane of a Grafana Explore link, decoded. */
function explorePane(href: string) {
  const url = new URL(href);
  expect(url.pathname).toMatch(/\/explore$/);
  expect(url.searchParams.get('schemaVersion')).toBe('1');
  const panes = Object.values(JSON.parse(url.searchParams.get('panes')!));
  expect(panes).toHaveLength(1);
  return panes[0] as {
    datasource: string;
    queries: Array<Record<string, unknown>>;
    range: { from: string; to: string };
  };
}

// Every card reads the sandbox through the platform backend: Nexus (images,
// charts and the clusters running each version), GitLab (pipelines on main
// and open merge requests) and Grafana (dashboards by tag, firing alerts).
test("payments-api's page shows its Nexus, GitLab and Grafana cards from the sandbox, and links traces and logs", async ({
  page,
  request,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/payments-api');

  const image = page.getByRole('table', {
    name: 'Docker image team-payments/payments-api',
  });
  await expect(image).toBeVisible();
  const newest = image.getByRole('row').filter({ hasText: '1.5.0' });
  await expect(newest.getByText('docker-hosted')).toBeVisible();
  await expect(newest.getByText('prod-eu-1')).toBeVisible();
  await expect(newest.getByText('staging-1')).toBeVisible();
  await expect(
    image.getByRole('row').filter({ hasText: '1.4.1' }).getByText('prod-eu-2'),
  ).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Helm chart payments-api' }),
  ).toBeVisible();

  const pipelines = page.getByRole('list', {
    name: 'Default branch pipelines',
  });
  await expect(pipelines.getByRole('listitem').first()).toBeVisible();
  await expect(
    pipelines.getByRole('link', { name: /^#\d+/ }).first(),
  ).toHaveAttribute(
    'href',
    /\/team-payments\/payments-api\/-\/pipelines\/\d+$/,
  );
  await expect(
    pipelines.getByLabel(/^Stages of pipeline/).first(),
  ).toContainText('build');
  const mergeRequests = page.getByRole('list', { name: 'Open merge requests' });
  await expect(
    mergeRequests.getByRole('link', { name: /^!\d+/ }).first(),
  ).toBeVisible();

  const dashboards = page.getByRole('list', { name: 'Dashboards' });
  await expect(
    dashboards.getByRole('link', { name: /^Service \/ payments-api/ }),
  ).toHaveAttribute('href', /\/grafana\/d\/svc-payments-api\//);
  const alerts = page.getByRole('list', { name: 'Firing alerts' });
  const stuck = alerts
    .getByRole('listitem')
    .filter({ hasText: 'CertManagerCertificateRenewalStuck' });
  await expect(stuck.getByText('warning')).toBeVisible();
  await expect(stuck.getByText('Alerting')).toBeVisible();
  await expect(stuck.getByRole('link', { name: /^Runbook/ })).toHaveAttribute(
    'href',
    /certificate-renewal-stuck/,
  );

  const traces = page.getByRole('link', { name: /View traces/ });
  const tracesHref = (await traces.getAttribute('href'))!;
  const tracePane = explorePane(tracesHref);
  expect(tracePane.datasource).toBe('tempo');
  expect(tracePane.queries[0]).toMatchObject({
    datasource: { type: 'tempo', uid: 'tempo' },
    queryType: 'traceql',
    query: '{ resource.service.name = "payments-api" }',
  });
  expect(tracePane.range).toEqual({ from: 'now-1h', to: 'now' });
  const logsPane = explorePane(
    (await page.getByRole('link', { name: /View logs/ }).getAttribute('href'))!,
  );
  expect(logsPane.datasource).toBe('loki');
  expect(logsPane.queries[0]).toMatchObject({
    expr: '{namespace="payments", app="payments-api"}',
  });
  // The link leads to the simulated Grafana, which shows what it was asked.
  const opened = await request.get(tracesHref);
  expect(opened.status()).toBe(200);
  expect(await opened.text()).toContain('resource.service.name');

  await page.screenshot({
    path: '.test-results/screenshots/entity-cards.png',
    fullPage: true,
  });

  // No documentation tab: payments-api does not say where docs live.
  await expect(
    page.getByRole('link', { name: 'Kubernetes', exact: true }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'TechDocs', exact: true }),
  ).toHaveCount(0);

  // The official Kubernetes tab on the same page still shows the workloads.
  await page.getByRole('link', { name: 'Kubernetes', exact: true }).click();
  await expect(page).toHaveURL(/\/payments-api\/kubernetes$/);
  await expect(
    page.getByText('prod-eu-1 (production)', { exact: true }),
  ).toBeVisible();
  await expect(page.getByText(/^\d+ pods?$/).nth(2)).toBeVisible();
});

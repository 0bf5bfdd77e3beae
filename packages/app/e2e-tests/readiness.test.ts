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

import { expect, Locator, Page, Response, test } from '@playwright/test';
import type {
  BuildOutAttestation,
  ClusterReadinessResponse,
  FleetReadinessResponse,
  ReadinessStep,
  SizingResponse,
} from '@platform-portal/plugin-platform-common';
import { BACKEND_URL, generatedFleetSize } from './platformSandbox';
import { gotoSignedIn, signInAsGuest } from './signIn';

const SCREENSHOTS = '.test-results/screenshots';
const VIEWPORT = { width: 1280, height: 800 };

// The demo fleet's clusters with faults that break a build-out step
// (packages/platform-sandbox's default fleet): Cilium crash-looping, the
// MetalLB pool exhausted, Keepalived in split brain.
const FAULTED = ['onprem-kubeadm-1', 'staging-1', 'edge-rke2-1'];
const LAST_PHASE = 11;

/** Waits for the answer of the platform backend at `path`, parsed. */
async function platformAnswer<T>(
  page: Page,
  path: string,
  method = 'GET',
): Promise<{ body: T; response: Response }> {
  const response = await page.waitForResponse(
    r =>
      new URL(r.url()).pathname === `/api/platform${path}` &&
      r.request().method() === method,
    { timeout: 120_000 },
  );
  expect(response.status(), await response.text()).toBeLessThan(300);
  return { body: (await response.json()) as T, response };
}

/** The fleet page until the health refresh has given its first verdicts. */
async function openFleetHealth(page: Page) {
  const matrix = page.getByRole('table', { name: 'Fleet health matrix' });
  await gotoSignedIn(page, '/platform');
  await expect(
    matrix.getByRole('link', { name: /: (OK|Critical|Warning)$/ }).first(),
  ).toBeVisible();
}

function rowOf(page: Page, cluster: string): Locator {
  return page.getByRole('row').filter({
    has: page.getByRole('link', { name: cluster, exact: true }),
  });
}

/** Opens a phase's accordion unless it is open, and returns its steps table. */
async function openPhase(page: Page, phase: { number: number; title: string }) {
  const summary = page.getByRole('button', {
    name: `Phase ${phase.number}: ${phase.title}`,
  });
  if ((await summary.getAttribute('aria-expanded')) !== 'true') {
    await summary.click();
  }
  const steps = page.getByRole('table', {
    name: `Steps of phase ${phase.number}`,
  });
  await expect(steps).toBeVisible();
  return steps;
}

/** A step's row, its phase opened first. */
async function stepRow(
  page: Page,
  readiness: ClusterReadinessResponse,
  step: ReadinessStep,
): Promise<Locator> {
  const steps = await openPhase(page, readiness.phases[step.phase - 1]);
  return steps.getByRole('row').filter({ hasText: step.action });
}

/** A step's first piece of evidence as the view writes it. */
function evidenceLine(step: ReadinessStep): string | undefined {
  const e = step.checks.flatMap(c => c.evidence)[0];
  return e && `${e.object} ${e.field} = ${e.value}`;
}

test.describe('build-out readiness', () => {
  test.skip(!!generatedFleetSize(), 'needs the demo fleet');

  test('the fleet page leads to every cluster’s phase and score; the faulted clusters stop before the last phase', async ({
    page,
  }) => {
    test.setTimeout(420_000);
    await page.setViewportSize(VIEWPORT);
    await signInAsGuest(page);
    await openFleetHealth(page);

    const answer = platformAnswer<FleetReadinessResponse>(page, '/readiness');
    await page.getByRole('button', { name: 'Build-out readiness' }).click();
    await expect(page).toHaveURL(/\/platform\/readiness$/);
    const fleet = (await answer).body;

    // Every configured cluster is assessed, the demo fleet's among them.
    const clusters = await page.request.get(
      `${BACKEND_URL}/api/platform/clusters`,
      {
        headers: {
          authorization: (
            await (await answer).response.request().allHeaders()
          ).authorization,
        },
      },
    );
    expect(clusters.status()).toBe(200);
    const configured: string[] = (await clusters.json()).clusters.map(
      (c: { name: string }) => c.name,
    );
    expect(fleet.clusters.map(c => c.cluster).sort()).toEqual(
      [...configured].sort(),
    );
    expect(configured).toEqual(
      expect.arrayContaining([...FAULTED, 'prod-eu-1']),
    );

    await expect(
      page.getByText(
        `Clusters (${fleet.clusters.length} of ${fleet.clusters.length})`,
      ),
    ).toBeVisible();
    for (const c of fleet.clusters) {
      expect(c.error, `${c.cluster} is assessed`).toBeUndefined();
      const row = rowOf(page, c.cluster);
      await expect(
        row.getByText(`${c.score.percent}%`, { exact: true }),
      ).toBeVisible();
      await expect(
        row.getByText(`${c.score.passed} of ${c.score.total} steps passed`, {
          exact: false,
        }),
      ).toBeVisible();
      await expect(
        row.getByText(
          c.stuckPhase ? `Phase ${c.stuckPhase}: ` : 'Every phase passes',
          { exact: !c.stuckPhase },
        ),
      ).toBeVisible();
      const phases = row.getByRole('list', {
        name: `Build-out phases of ${c.cluster}`,
      });
      await expect(phases.getByRole('img')).toHaveCount(LAST_PHASE);
      if (c.stuckPhase) {
        await expect(
          phases.getByRole('img', {
            name: new RegExp(
              `^Phase ${c.stuckPhase}: .*, (failing|incomplete);`,
            ),
          }),
        ).toBeVisible();
      }
    }

    // A broken step holds a cluster back: none of the faulted clusters is
    // through the build-out, and each is behind every cluster that is.
    const byName = new Map(fleet.clusters.map(c => [c.cluster, c]));
    for (const name of FAULTED) {
      const stuck = byName.get(name)!.stuckPhase;
      expect(stuck, `${name} is stuck in a phase`).toBeDefined();
      expect(stuck!).toBeLessThan(LAST_PHASE);
    }
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${SCREENSHOTS}/readiness-fleet.png` });

    // Least advanced first: the rows follow the phases clusters are stuck in.
    const order = await page
      .getByRole('row')
      .locator('td:first-child a')
      .allTextContents();
    const stuckOrder = order.map(n => byName.get(n)!.stuckPhase ?? Infinity);
    expect(stuckOrder).toEqual([...stuckOrder].sort((a, b) => a - b));

    // The filter finds the clusters stuck in one phase, and only those.
    const onprem = byName.get('onprem-kubeadm-1')!;
    const samePhase = fleet.clusters
      .filter(c => c.stuckPhase === onprem.stuckPhase)
      .map(c => c.cluster)
      .sort();
    await page.getByRole('button', { name: /^Show/ }).click();
    await page
      .getByRole('option', {
        name: new RegExp(
          `^Stuck in phase ${onprem.stuckPhase}: .* \\(${samePhase.length}\\)$`,
        ),
      })
      .click();
    const shown = await page
      .getByRole('row')
      .locator('td:first-child a')
      .allTextContents();
    expect(shown.sort()).toEqual(samePhase);

    await page.getByRole('button', { name: /^Show/ }).click();
    await page.getByRole('option', { name: /^All clusters/ }).click();
    await expect(page.getByRole('listbox')).toBeHidden();
    await expect(page.getByRole('row').locator('td:first-child a')).toHaveCount(
      fleet.clusters.length,
    );
  });

  test('a cluster’s phases and steps with their evidence; a person’s attestation is shown as attested, with who and when, never as passed', async ({
    page,
  }) => {
    test.setTimeout(420_000);
    await page.setViewportSize(VIEWPORT);
    await signInAsGuest(page);
    await openFleetHealth(page);
    await page.getByRole('button', { name: 'Build-out readiness' }).click();

    const answer = platformAnswer<ClusterReadinessResponse>(
      page,
      '/readiness/staging-1',
    );
    await page.getByRole('link', { name: 'staging-1', exact: true }).click();
    await expect(page).toHaveURL(/\/platform\/clusters\/staging-1\/readiness$/);
    const readiness = (await answer).body;

    await expect(
      page.getByText(
        new RegExp(
          `^${readiness.score.percent}% ready: ${readiness.score.passed} of ${readiness.score.total} steps passed`,
        ),
      ),
    ).toBeVisible();
    expect(readiness.stuckPhase).toBeDefined();
    const stuck = readiness.phases[readiness.stuckPhase! - 1];
    await expect(
      page.getByText(`Stuck in phase ${stuck.number}: ${stuck.title}`),
    ).toBeVisible();
    for (const phase of readiness.phases) {
      await expect(
        page.getByRole('button', {
          name: `Phase ${phase.number}: ${phase.title}`,
        }),
      ).toBeVisible();
    }

    // The phase it is stuck in is open, with a failing step and its evidence.
    const stuckSteps = page.getByRole('table', {
      name: `Steps of phase ${stuck.number}`,
    });
    await expect(stuckSteps).toBeVisible();
    const failing = stuck.steps.find(
      s =>
        s.status === 'failed' ||
        s.status === 'warning' ||
        s.status === 'unknown',
    )!;
    const failingRow = await stepRow(page, readiness, failing);
    await expect(failingRow.getByText(failing.message).first()).toBeVisible();
    const failingEvidence = evidenceLine(failing);
    if (failingEvidence) {
      await expect(failingRow.getByText(failingEvidence).first()).toBeVisible();
    }

    // A passed step of another phase, with the evidence that passed it.
    const passedStep = readiness.phases
      .flatMap(p => p.steps)
      .find(s => s.status === 'passed' && evidenceLine(s))!;
    const passedRow = await stepRow(page, readiness, passedStep);
    await expect(passedRow.getByText('Passed').first()).toBeVisible();
    await expect(
      passedRow.getByText(evidenceLine(passedStep)!).first(),
    ).toBeVisible();

    // A step no API can verify: the guest (platform team) attests it.
    const manual = readiness.phases
      .flatMap(p => p.steps)
      .find(s => s.verification === 'attestation')!;
    const manualRow = await stepRow(page, readiness, manual);
    await expect(
      manualRow.getByText(
        manual.status === 'attested' ? 'Attested' : 'Awaiting attestation',
        { exact: true },
      ),
    ).toBeVisible();
    await manualRow.getByRole('button', { name: 'Attest' }).click();
    const dialog = page.getByRole('dialog');
    await expect(
      dialog.getByText(/shows it as attested by you, not as passed/),
    ).toBeVisible();
    const note = `Checked on staging-1 by the end-to-end test`;
    await dialog.getByLabel('Note (how it was verified)').fill(note);
    const posted = platformAnswer<BuildOutAttestation>(
      page,
      `/readiness/staging-1/steps/${manual.number}/attestations`,
      'POST',
    );
    const reread = platformAnswer<ClusterReadinessResponse>(
      page,
      '/readiness/staging-1',
    );
    await dialog
      .getByRole('button', { name: `Attest step ${manual.number}` })
      .click();
    const attestation = (await posted).body;
    expect(attestation.attestedBy).toBe('user:default/guest');
    expect(Date.parse(attestation.attestedAt)).not.toBeNaN();
    await expect(dialog).toBeHidden();
    await expect(
      page.getByText(
        `Step ${manual.number} attested by ${attestation.attestedBy} at ${attestation.attestedAt}`,
      ),
    ).toBeVisible();

    // Reloaded: attested, with who and when and the note, not passed.
    const after = (await reread).body;
    const step = after.phases
      .flatMap(p => p.steps)
      .find(s => s.number === manual.number)!;
    expect(step.status).toBe('attested');
    expect(step.attestation).toMatchObject({
      attestedBy: attestation.attestedBy,
      attestedAt: attestation.attestedAt,
      note,
    });
    const phaseAfter = after.phases[manual.phase - 1];
    expect(phaseAfter.score.attested).toBeGreaterThanOrEqual(1);
    expect(phaseAfter.score.passed).toBe(
      phaseAfter.steps.filter(s => s.status === 'passed').length,
    );
    await expect(
      manualRow.getByText('Attested', { exact: true }),
    ).toBeVisible();
    await expect(manualRow.getByText('Passed', { exact: true })).toHaveCount(0);
    await expect(
      manualRow.getByText(
        `Attested by ${attestation.attestedBy} at ${attestation.attestedAt}`,
      ),
    ).toBeVisible();
    await expect(manualRow.getByText(`Note: ${note}`)).toBeVisible();
    await expect(
      page.getByText(
        new RegExp(
          `^${after.score.percent}% ready: ${after.score.passed} of ${after.score.total} steps passed, ${after.score.attested} attested`,
        ),
      ),
    ).toBeVisible();

    // The score and flags on top, then the attested step among its phase's.
    await page
      .getByRole('heading', { name: 'Build-out readiness and sizing' })
      .evaluate(e => e.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `${SCREENSHOTS}/cluster-readiness.png` });
    await manualRow.evaluate(e => e.scrollIntoView({ block: 'center' }));
    await page.screenshot({
      path: `${SCREENSHOTS}/cluster-readiness-attested.png`,
    });
  });

  test('the sizing findings of a cluster: its nodes against the guide, worst first', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    await page.setViewportSize(VIEWPORT);
    await signInAsGuest(page);
    const answer = platformAnswer<SizingResponse>(page, '/sizing/staging-1');
    await gotoSignedIn(page, '/platform/clusters/staging-1');
    await page
      .getByRole('button', { name: 'Build-out readiness and sizing' })
      .click();
    await expect(page).toHaveURL(/\/platform\/clusters\/staging-1\/readiness$/);
    const sizing = (await answer).body;

    const count = (role: string) =>
      sizing.nodes.filter(n => n.role === role).length;
    const table = page
      .getByRole('table')
      .filter({ hasText: 'The guide recommends' });
    const subheader = page.getByText(
      `${count('control-plane')} control-plane and ${count(
        'worker',
      )} worker nodes against the guide's ${sizing.profile} sizing`,
    );
    await expect(subheader).toBeVisible();
    expect(sizing.findings.length).toBeGreaterThan(0);
    const rows = table.getByRole('row').filter({ has: page.getByRole('cell') });
    await expect(rows).toHaveCount(sizing.findings.length);
    const rank = ['critical', 'warning', 'info', 'ok'];
    const worst = [...sizing.findings].sort(
      (a, b) => rank.indexOf(a.severity) - rank.indexOf(b.severity),
    )[0];
    await expect(rows.first().getByText(worst.title)).toBeVisible();
    await expect(rows.first().getByText(worst.message)).toBeVisible();
    await expect(rows.first().getByText(worst.recommendation)).toBeVisible();
    for (const finding of sizing.findings) {
      await expect(
        table.getByRole('row').filter({ hasText: finding.title }).first(),
      ).toBeVisible();
    }

    // The card's title and subheader near the top of the view.
    await subheader.evaluate(e => e.scrollIntoView({ block: 'start' }));
    await page.mouse.move(640, 400);
    await page.mouse.wheel(0, -120);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${SCREENSHOTS}/cluster-sizing.png` });
  });
});

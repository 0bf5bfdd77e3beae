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

import { APIRequestContext, expect, Page } from '@playwright/test';
// These helpers run in Node, beside the browser, not in the app bundle.
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from 'fs';
// eslint-disable-next-line no-restricted-imports
import { resolve } from 'path';

/** The backend the frontend talks to; scripts/e2e.sh serves it on 7007. */
export const BACKEND_URL =
  process.env.PLAYWRIGHT_BACKEND_URL ?? 'http://localhost:7007';

/** The health engine's scheduled task (platform-backend's scheduleHealthRefresh). */
const HEALTH_REFRESH_TASK = 'platform-health-refresh';

/** The control API of the sandbox scripts/e2e.sh started (.sandbox/sandbox.json). */
export function sandboxControlUrl(): string {
  const file = resolve(__dirname, '../../../.sandbox/sandbox.json');
  return JSON.parse(readFileSync(file, 'utf8')).controlUrl;
}

/** How many clusters the sandbox generated, or undefined for the demo fleet. */
export function generatedFleetSize(): number | undefined {
  const size = Number(process.env.PLATFORM_SANDBOX_CLUSTERS);
  return size > 0 ? size : undefined;
}

/** A guest's bearer token, signed in through the backend's auth API. */
export async function guestAuthorization(
  request: APIRequestContext,
): Promise<string> {
  const response = await request.get(`${BACKEND_URL}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(response.status(), await response.text()).toBe(200);
  const { backstageIdentity } = await response.json();
  return `Bearer ${backstageIdentity.token}`;
}

export async function injectFault(
  request: APIRequestContext,
  fault: { cluster: string; id: string; target?: string },
) {
  const response = await request.post(`${sandboxControlUrl()}/faults`, {
    data: fault,
  });
  expect(response.status(), await response.text()).toBeLessThan(300);
}

export async function clearFault(
  request: APIRequestContext,
  fault: { cluster: string; id: string },
) {
  const response = await request.delete(
    `${sandboxControlUrl()}/faults?cluster=${encodeURIComponent(
      fault.cluster,
    )}&id=${encodeURIComponent(fault.id)}`,
  );
  expect(response.status(), await response.text()).toBeLessThan(300);
}

/**
 * The signed-in user's Backstage token, read from a request the app sends to
 * the platform backend while `load` runs.
 */
export async function captureBackstageToken(
  page: Page,
  load: () => Promise<unknown>,
): Promise<string> {
  const [request] = await Promise.all([
    page.waitForRequest(r => r.url().includes('/api/platform/')),
    load(),
  ]);
  const authorization = (await request.allHeaders()).authorization;
  expect(authorization, 'the app sends a bearer token').toMatch(/^Bearer /);
  return authorization;
}

/**
 * Runs the health refresh now through the backend scheduler's trigger
 * endpoint instead of waiting for the next interval. A refresh already
 * under way answers 409; the caller's retry waits it out.
 */
export async function triggerHealthRefresh(
  request: APIRequestContext,
  authorization: string,
): Promise<void> {
  const response = await request.post(
    `${BACKEND_URL}/api/platform/.backstage/scheduler/v1/tasks/${HEALTH_REFRESH_TASK}/trigger`,
    { headers: { authorization } },
  );
  expect([200, 409], await response.text()).toContain(response.status());
}

/**
 * Triggers health refreshes until the API reports `verdict` for the layer:
 * a refresh already under way (409) may have read the upstreams before the
 * change, so the next one is triggered once it ends.
 */
export async function refreshUntilVerdict(
  request: APIRequestContext,
  authorization: string,
  target: { cluster: string; layer: string },
  verdict: RegExp,
): Promise<void> {
  await expect
    .poll(
      async () => {
        const response = await request.get(
          `${BACKEND_URL}/api/platform/health/${target.cluster}/${target.layer}`,
          { headers: { authorization } },
        );
        const current = response.ok()
          ? ((await response.json()) as { verdict: string }).verdict
          : `HTTP ${response.status()}`;
        if (!verdict.test(current)) {
          await triggerHealthRefresh(request, authorization);
        }
        return current;
      },
      { timeout: 180_000, intervals: [2_000] },
    )
    .toMatch(verdict);
}

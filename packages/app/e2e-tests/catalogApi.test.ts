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

import { APIRequestContext, expect, test } from '@playwright/test';

// The backend under test runs on PostgreSQL when scripts/e2e.sh is given one
// (make test always does); this reads its catalog through the REST API.
const BACKEND = process.env.PLATFORM_BACKEND_URL ?? 'http://localhost:7007';

interface EntityLike {
  kind: string;
  metadata: { name: string };
  spec?: { type?: string; owner?: string };
  status?: { items?: Array<{ level: string; type: string; message: string }> };
}

async function guestToken(request: APIRequestContext): Promise<string> {
  const res = await request.get(`${BACKEND}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(res.status()).toBe(200);
  return (await res.json()).backstageIdentity.token;
}

async function entities(
  request: APIRequestContext,
  token: string,
  filter: string,
) {
  const res = await request.get(
    `${BACKEND}/api/catalog/entities?filter=${filter}`,
    {
      headers: { Authorization: `Bearer ${token}` },
    },
  );
  expect(res.status()).toBe(200);
  return (await res.json()) as EntityLike[];
}

test('the catalog API serves the platform system, its layers and the teams, without errors', async ({
  request,
}) => {
  const token = await guestToken(request);

  // The catalog ingests its locations shortly after the backend is ready.
  await expect
    .poll(
      async () =>
        (
          await entities(request, token, 'kind=system')
        ).map(s => s.metadata.name),
      {
        timeout: 60_000,
      },
    )
    .toContain('platform');

  const layerFilter = 'kind=resource,spec.type=platform-layer';
  await expect
    .poll(async () => (await entities(request, token, layerFilter)).length, {
      timeout: 60_000,
    })
    .toBe(13);
  const layers = await entities(request, token, layerFilter);
  expect(
    layers.find(l => l.metadata.name === 'layer-external-lb')?.spec?.owner,
  ).toBe('infrastructure-team');

  await expect
    .poll(async () => (await entities(request, token, 'kind=group')).length, {
      timeout: 60_000,
    })
    .toBeGreaterThanOrEqual(9);
  const groups = (await entities(request, token, 'kind=group')).map(
    g => g.metadata.name,
  );
  for (const team of [
    'platform-team',
    'infrastructure-team',
    'network-team',
    'security-team',
    'devops-team',
    'sre-team',
    'team-payments',
    'team-storefront',
  ]) {
    expect(groups).toContain(team);
  }

  const everything = await entities(
    request,
    token,
    'kind=component,kind=system,kind=resource,kind=group,kind=user',
  );
  const withErrors = everything
    .filter(e => e.status?.items?.some(item => item.level === 'error'))
    .map(e => `${e.kind}:${e.metadata.name}`);
  expect(withErrors).toEqual([]);
});

test('the catalog API refuses a request without a token', async ({
  request,
}) => {
  const res = await request.get(
    `${BACKEND}/api/catalog/entities?filter=kind=system`,
  );
  expect(res.status()).toBe(401);
});

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

import { request as playwrightRequest } from '@playwright/test';
import {
  BACKEND_URL,
  generatedFleetSize,
  guestAuthorization,
} from './platformSandbox';

/** The demo fleet's clusters (packages/platform-sandbox's demo). */
const DEMO_FLEET_SIZE = 6;
const DEADLINE_MS = 300_000;

async function waitFor<T>(
  what: string,
  read: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + DEADLINE_MS;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await read();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise(r => setTimeout(r, 2_000));
  }
  throw new Error(
    `the portal was not ready within ${DEADLINE_MS / 1000} s: ${what}${
      last ? ` (last error: ${last})` : ''
    }`,
  );
}

/**
 * Global setup: waits once for what the portal does on its own after start
 * (the first health refresh of every cluster, the catalog's ingestion of the
 * cluster entities), so the tests can navigate once and fail at once.
 */
export default async function portalReady() {
  const request = await playwrightRequest.newContext();
  try {
    const authorization = await guestAuthorization(request);
    const clusters = generatedFleetSize() ?? DEMO_FLEET_SIZE;
    await waitFor(
      `a health verdict for each of the ${clusters} clusters (GET /api/platform/health)`,
      async () => {
        const response = await request.get(
          `${BACKEND_URL}/api/platform/health`,
          {
            headers: { authorization },
          },
        );
        if (!response.ok()) return undefined;
        const fleet = (await response.json()) as {
          clusters: { layers: { verdict: string }[] }[];
        };
        const evaluated = fleet.clusters.filter(c =>
          c.layers.some(l => l.verdict !== 'unknown'),
        );
        return evaluated.length >= clusters ? true : undefined;
      },
    );
    await waitFor(
      'the catalog has ingested the cluster entities (resource:default/staging-1 or any kubernetes-cluster)',
      async () => {
        const response = await request.get(
          `${BACKEND_URL}/api/catalog/entities/by-query?filter=kind=resource,spec.type=kubernetes-cluster&limit=1`,
          { headers: { authorization } },
        );
        if (!response.ok()) return undefined;
        const { items } = (await response.json()) as { items: unknown[] };
        return items.length > 0 ? true : undefined;
      },
    );
  } finally {
    await request.dispose();
  }
}

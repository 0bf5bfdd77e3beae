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

import { defaultFleet } from '../scenario/defaultFleet';
import { FleetSpec } from '../scenario/types';
import { kubeFetch } from './kubeFetch';
import { Sandbox, startSandbox } from './startSandbox';

/** A sandbox for tests: random ports, no real-time ticks (tests advance simulated time). */
export async function startTestSandbox(fleet: FleetSpec = defaultFleet(), bookmarkIntervalMs = 200): Promise<Sandbox> {
  return startSandbox({ fleet, port: 0, controlPort: 0, realTimeTicks: false, bookmarkIntervalMs });
}

/** Strings are sent as they are (to test malformed bodies), anything else as JSON. */
function encode(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  return typeof body === 'string' ? body : JSON.stringify(body);
}

/** Calls the control API and returns status and parsed JSON. */
export async function controlCall(sandbox: Sandbox, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${sandbox.controlUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: encode(body),
  });
  return { status: res.status, json: await res.json() };
}

/** Calls one cluster's Kubernetes API with a bearer token. */
export async function kubeCall(
  sandbox: Sandbox,
  cluster: string,
  path: string,
  options: { method?: string; token?: string; body?: unknown; contentType?: string } = {},
): Promise<{ status: number; json: any; text: string }> {
  const token = options.token ?? sandbox.credentials.kubernetes[cluster].admin;
  const res = await kubeFetch(sandbox, cluster, path, {
    method: options.method ?? 'GET',
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(options.body !== undefined ? { 'Content-Type': options.contentType ?? 'application/json' } : {}),
    },
    body: encode(options.body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

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

// platform:namespace:create end to end, as a person runs it: the
// templates/namespace template through the scaffolder's REST API, signed in
// as the guest (a platform-team member), `concurrency` runs at a time, with
// the sandbox's upstreams answering after `latencyMs`.
const { percentile, round } = require('./percentiles');
const { sleep } = require('./processes');

const TEMPLATE = 'template:default/platform-namespace';
const DONE = new Set(['completed', 'failed', 'cancelled']);

async function guestToken(baseUrl) {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
    signal: AbortSignal.timeout(30000),
  });
  if (!res.ok)
    throw new Error(`guest sign-in: ${res.status} ${await res.text()}`);
  return (await res.json()).backstageIdentity.token;
}

/** One run: POST the task, poll it until it ends; the time from POST to its end. */
async function runOnce(baseUrl, token, values, timeoutMs) {
  const headers = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
  };
  const started = Date.now();
  const res = await fetch(`${baseUrl}/api/scaffolder/v2/tasks`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ templateRef: TEMPLATE, values }),
    signal: AbortSignal.timeout(30000),
  });
  if (!res.ok)
    return {
      ms: null,
      status: `POST ${res.status}: ${(await res.text()).slice(0, 200)}`,
    };
  const { id } = await res.json();
  while (Date.now() - started < timeoutMs) {
    const task = await fetch(`${baseUrl}/api/scaffolder/v2/tasks/${id}`, {
      headers,
      signal: AbortSignal.timeout(30000),
    })
      .then(r => (r.ok ? r.json() : undefined))
      .catch(() => undefined);
    if (task && DONE.has(task.status)) {
      return { ms: Date.now() - started, status: task.status, id };
    }
    await sleep(100);
  }
  return { ms: null, status: 'unfinished', id };
}

async function measureNamespaceCreate(
  ctx,
  { cluster, concurrency, rounds, latencyMs, timeoutSec },
) {
  const token = await guestToken(ctx.backendUrl);
  await ctx.control.setBehaviour({ latencyMs });
  const prefix = `bench-${Date.now().toString(36)}`;
  const runs = [];
  try {
    for (let r = 0; r < rounds; r += 1) {
      const batch = await Promise.all(
        Array.from({ length: concurrency }, (_, i) =>
          runOnce(
            ctx.backendUrl,
            token,
            {
              cluster: `resource:default/${cluster}`,
              owner: 'group:default/platform-team',
              namespace: `${prefix}-${r}-${i}`,
              size: 'S',
            },
            timeoutSec * 1000,
          ),
        ),
      );
      runs.push(...batch);
    }
  } finally {
    await ctx.control.setBehaviour({
      latencyMs: ctx.profile.upstreamLatencyMs,
    });
  }
  const completed = runs.filter(r => r.status === 'completed').map(r => r.ms);
  const statuses = {};
  for (const run of runs)
    statuses[run.status] = (statuses[run.status] ?? 0) + 1;
  return {
    p95Ms:
      completed.length === runs.length
        ? round(percentile(completed, 95), 0)
        : null,
    p50Ms: completed.length ? round(percentile(completed, 50), 0) : null,
    maxMs: completed.length ? Math.max(...completed) : null,
    runs: runs.length,
    statuses,
    cluster,
    ...(completed.length === runs.length
      ? {}
      : {
          reason: `${runs.length - completed.length} of ${
            runs.length
          } runs did not complete (${JSON.stringify(statuses)})`,
        }),
    command: `sandbox control POST /behaviour {latencyMs: ${latencyMs}}; ${rounds} × ${concurrency} concurrent POST /api/scaffolder/v2/tasks {templateRef: '${TEMPLATE}', values: {cluster: 'resource:default/${cluster}', owner: 'group:default/platform-team', namespace, size: 'S'}} as the guest, each polled (GET /api/scaffolder/v2/tasks/<id>) until completed; time from POST to completion`,
  };
}

module.exports = { measureNamespaceCreate };

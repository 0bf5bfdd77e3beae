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

// The load generator, forked as its own process so that the backend and the
// orchestrator never share an event loop with it. It takes one job over IPC,
// runs it against a loopback URL, answers with the figures and exits.
//   autocannon: `connections` viewers sharing `overallRate` requests/s
//   viewers:    `viewers` clients, each asking every `intervalMs` (a page
//               that refreshes itself), with a request timeout of its own;
//               with `stopAfterAnswered`, each stops once that many answers
//               are in (intervalMs 0: back to back, a closed loop)
const http = require('node:http');
const autocannon = require('autocannon');
const { latencySummary, round } = require('./percentiles');

function assertLoopback(url) {
  const { hostname } = new URL(url);
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(hostname)) {
    throw new Error(`load goes to loopback only, not ${hostname}`);
  }
}

function headers(job) {
  return {
    authorization: `Bearer ${process.env.PLATFORM_BENCH_TOKEN}`,
    ...(job.body ? { 'content-type': 'application/json' } : {}),
  };
}

function summarise({
  latencies,
  statusCodes,
  timeouts,
  errors,
  abandoned,
  durationMs,
}) {
  const completed = latencies.length;
  const ok = Object.entries(statusCodes)
    .filter(([code]) => code.startsWith('2'))
    .reduce((n, [, count]) => n + count, 0);
  // Percentiles come from the caller: a timed-out request counts as the
  // timeout there, so with timeouts they are lower bounds.
  return {
    completed,
    ok,
    non2xx: completed - ok,
    statusCodes,
    timeouts,
    errors,
    abandoned,
    durationMs,
    rps: round((completed / durationMs) * 1000, 2),
  };
}

function runAutocannon(job) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const statusCodes = {};
    const started = Date.now();
    const instance = autocannon(
      {
        url: job.url,
        method: job.method ?? 'GET',
        headers: headers(job),
        body: job.body,
        connections: job.connections,
        overallRate: job.overallRate,
        duration: job.durationSec,
        timeout: job.timeoutSec,
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        const timeoutMs = job.timeoutSec * 1000;
        const all = [...latencies, ...Array(result.timeouts).fill(timeoutMs)];
        resolve({
          ...summarise({
            latencies,
            statusCodes,
            timeouts: result.timeouts,
            errors: result.errors - result.timeouts,
            // Sent but neither answered nor timed out when the run ended.
            abandoned: Math.max(
              0,
              result.requests.sent - latencies.length - result.timeouts,
            ),
            durationMs: Date.now() - started,
          }),
          ...latencySummary(all),
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    });
  });
}

function request(job, agent) {
  return new Promise(resolve => {
    const started = process.hrtime.bigint();
    const req = http.request(
      job.url,
      { method: job.method ?? 'GET', headers: headers(job), agent },
      res => {
        res.resume();
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            ms: Number(process.hrtime.bigint() - started) / 1e6,
          }),
        );
        res.on('error', () => resolve({ error: true }));
      },
    );
    req.setTimeout(job.timeoutSec * 1000, () => {
      req.destroy();
      resolve({ timeout: true });
    });
    req.on('error', () => resolve({ error: true }));
    if (job.body) req.write(job.body);
    req.end();
    request.inFlight.add(req);
    req.on('close', () => request.inFlight.delete(req));
  });
}
request.inFlight = new Set();

async function runViewers(job) {
  const agent = new http.Agent({ keepAlive: true });
  const latencies = [];
  const statusCodes = {};
  let timeouts = 0;
  let errors = 0;
  const started = Date.now();
  const end = started + job.durationSec * 1000;
  const viewer = async index => {
    let next = started + Math.round((index * job.intervalMs) / job.viewers);
    for (;;) {
      const wait = next - Date.now();
      // With intervalMs 0 `next` stays put: the clock ends a closed loop.
      if (next >= end || Date.now() >= end) return;
      if (job.stopAfterAnswered && latencies.length >= job.stopAfterAnswered)
        return;
      if (wait > 0) await new Promise(r => setTimeout(r, wait));
      const outcome = await request(job, agent);
      if (outcome.timeout) timeouts += 1;
      else if (outcome.error) {
        if (Date.now() < end) errors += 1;
      } else {
        latencies.push(outcome.ms);
        statusCodes[outcome.status] = (statusCodes[outcome.status] ?? 0) + 1;
      }
      next += job.intervalMs;
    }
  };
  const viewers = Promise.all(
    Array.from({ length: job.viewers }, (_, i) => viewer(i)),
  );
  // At the end every viewer closes its page: requests still open are abandoned.
  await Promise.race([
    viewers,
    new Promise(r => setTimeout(r, Math.max(0, end - Date.now()))),
  ]);
  const abandoned = request.inFlight.size;
  for (const req of request.inFlight) req.destroy();
  await viewers;
  agent.destroy();
  const timeoutMs = job.timeoutSec * 1000;
  return {
    ...summarise({
      latencies,
      statusCodes,
      timeouts,
      errors,
      abandoned,
      durationMs: Date.now() - started,
    }),
    ...latencySummary([...latencies, ...Array(timeouts).fill(timeoutMs)]),
  };
}

process.once('message', async job => {
  try {
    assertLoopback(job.url);
    const result =
      job.mode === 'viewers' ? await runViewers(job) : await runAutocannon(job);
    process.send({ result }, () => process.exit(0));
  } catch (error) {
    process.send({ error: String(error?.stack ?? error) }, () =>
      process.exit(1),
    );
  }
});

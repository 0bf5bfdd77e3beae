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

// The same question asked of both backends: "what runs for this component,
// on every cluster". The official Kubernetes backend answers it with its
// objects-by-entity view; the portal with its per-entity workloads endpoint.
// Each side is asked by closed-loop viewers (the next request once the last
// is answered) until enough answers are in or the window ends, at a load the
// official backend can answer (one viewer, then ten), so the p95 ratio rests
// on answered requests rather than on timeouts.
const { runLoad } = require('./load');
const { officialEntityRequest, ENTITY_NAME } = require('./officialEntity');
const { round } = require('./percentiles');

function oursRequest(baseUrl) {
  return {
    url: `${baseUrl}/api/platform/workloads/default/component/${ENTITY_NAME}`,
    method: 'GET',
  };
}

function command(side, job) {
  return `bench/lib/loadWorker.js viewers=${job.viewers} back to back until ${
    job.stopAfterAnswered
  } answers or ${job.durationSec} s, timeout ${job.timeoutSec} s: ${
    job.method
  } ${job.url.replace(/^https?:\/\/[^/]+/, '')} (${side})`;
}

async function askSide(ctx, side, request, viewers, settings) {
  const { answers, windowSec } = settings;
  const job = {
    mode: 'viewers',
    viewers,
    intervalMs: 0,
    durationSec: windowSec,
    timeoutSec: settings.timeoutSec ?? ctx.profile.officialTimeoutSec,
    stopAfterAnswered: answers,
    ...request,
  };
  const load = await runLoad(job, ctx.loadOptions);
  return {
    viewers,
    answered: load.completed,
    ok: load.ok,
    statusCodes: load.statusCodes,
    timeouts: load.timeouts,
    p50Ms: load.p50Ms,
    p95Ms: load.p95Ms,
    windowSec: round(load.durationMs / 1000),
    command: command(side, job),
  };
}

/**
 * Both backends answer about an entity only once the catalog holds it (ours
 * 404s, the official view 403s before); at fleet scale the catalog is still
 * processing the clusters when the first refresh ends.
 */
async function waitForEntity(ctx, timeoutSec) {
  const url = `${ctx.backendUrl}/api/catalog/entities/by-name/component/default/${ENTITY_NAME}`;
  const started = Date.now();
  while (Date.now() - started < timeoutSec * 1000) {
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${ctx.token}` },
      signal: AbortSignal.timeout(30000),
    }).catch(() => undefined);
    if (res?.ok) return round((Date.now() - started) / 1000);
    await new Promise(r => setTimeout(r, 2000));
  }
  return null;
}

/**
 * Ours, then the official view, at each number of viewers; the ratio is
 * given only when both sides have the answers asked for.
 */
async function sameQuestion(ctx, settings) {
  const entityWaitSec = await waitForEntity(ctx, settings.windowSec);
  if (entityWaitSec === null) {
    return {
      entity: `component:default/${ENTITY_NAME}`,
      ...settings,
      reason: `the catalog did not hold component:default/${ENTITY_NAME} within ${settings.windowSec} s`,
    };
  }
  const rounds = [];
  for (const viewers of settings.viewers) {
    const ours = await askSide(
      ctx,
      'ours',
      oursRequest(ctx.backendUrl),
      viewers,
      settings,
    );
    const official = await askSide(
      ctx,
      'official',
      officialEntityRequest(ctx.backendUrl),
      viewers,
      settings,
    );
    const enough =
      ours.ok >= settings.answers && official.ok >= settings.answers;
    rounds.push({
      viewers,
      ours,
      official,
      p95Ratio:
        enough && ours.p95Ms > 0 ? round(official.p95Ms / ours.p95Ms, 1) : null,
      ...(enough
        ? {}
        : {
            reason: `fewer than ${settings.answers} successful answers on a side within ${settings.windowSec} s (ours ${ours.ok}, official ${official.ok})`,
          }),
    });
    // The official view's abandoned requests go on fanning out for a while.
    await new Promise(r => setTimeout(r, ctx.profile.settleSec * 1000));
  }
  return {
    entity: `component:default/${ENTITY_NAME}`,
    ...settings,
    entityWaitSec,
    rounds,
  };
}

module.exports = { sameQuestion };

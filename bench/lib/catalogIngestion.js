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

// Ingestion of the fleet into the catalog by catalog-backend-module-platform:
// the time to the first complete ingestion, read from the catalog API, and
// the catalog rows a re-run with nothing changed writes, read from the
// catalog's SQLite file (the backend of this phase keeps its databases on
// disk for that).
const fs = require('node:fs');
const path = require('node:path');
const Database = require('better-sqlite3');
const { sleep } = require('./processes');

const PROVIDER = 'PlatformClusterEntityProvider';
const TASK_ID = 'platform-clusters-entity-provider';
const CLUSTER_FILTER = 'kind=resource,spec.type=kubernetes-cluster';

async function clusterEntityCount(baseUrl, token) {
  const res = await fetch(
    `${baseUrl}/api/catalog/entities/by-query?filter=${encodeURIComponent(
      CLUSTER_FILTER,
    )}&limit=1`,
    {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(30000),
    },
  );
  if (!res.ok) throw new Error(`catalog by-query: ${res.status}`);
  return (await res.json()).totalItems;
}

/** Polls the catalog until it holds `expected` cluster entities. */
async function waitForIngestion(
  baseUrl,
  token,
  { expected, sinceMs, timeoutMs },
) {
  const started = Date.now();
  let count = 0;
  while (Date.now() - started < timeoutMs) {
    try {
      count = await clusterEntityCount(baseUrl, token);
    } catch {
      // A busy backend may miss one poll; the time limit still holds.
    }
    if (count >= expected) return { ms: Date.now() - sinceMs, count };
    await sleep(2000);
  }
  return { ms: null, count };
}

/** The provider's rows and their hashes: what a write would change. */
function snapshot(file) {
  const db = new Database(file, { readonly: true, timeout: 30000 });
  try {
    const refs = db
      .prepare(
        `SELECT r.entity_ref AS ref, r.unprocessed_hash AS unprocessed,
                r.result_hash AS result, f.hash AS final
           FROM refresh_state r
           JOIN refresh_state_references s ON s.target_entity_ref = r.entity_ref
           LEFT JOIN final_entities f ON f.entity_id = r.entity_id
          WHERE s.source_key = ?`,
      )
      .all(PROVIDER);
    return new Map(refs.map(row => [row.ref, row]));
  } finally {
    db.close();
  }
}

/** Rows added, removed or rewritten with another hash between two snapshots. */
function writesBetween(before, after) {
  const writes = { added: 0, removed: 0, unprocessed: 0, final: 0 };
  for (const [ref, row] of after) {
    const old = before.get(ref);
    if (!old) writes.added += 1;
    else {
      if (old.unprocessed !== row.unprocessed) writes.unprocessed += 1;
      if (old.final !== row.final) writes.final += 1;
    }
  }
  for (const ref of before.keys()) if (!after.has(ref)) writes.removed += 1;
  writes.total =
    writes.added + writes.removed + writes.unprocessed + writes.final;
  return writes;
}

/** What the backend's log says when the scheduler gave up on the provider's task. */
function taskLost(logFile) {
  const text = fs.readFileSync(logFile, 'utf8');
  return text.includes(`Task timed out and was lost: ${TASK_ID}`)
    ? `; the provider's task ran into its 2-minute timeout and the scheduler abandoned it ("Task timed out and was lost: ${TASK_ID}" in the backend's log), so nothing was written`
    : '';
}

/** What the provider logged of each pass: clusters, entities sent, batches, removals, time. */
function providerPasses(logFile) {
  const text = fs.readFileSync(logFile, 'utf8');
  const pattern =
    /Ingested (\d+) platform clusters: (\d+) new or changed in (\d+) batches, (\d+) removed, in (\d+) ms/g;
  return [...text.matchAll(pattern)].map(m => ({
    clusters: Number(m[1]),
    sent: Number(m[2]),
    batches: Number(m[3]),
    removed: Number(m[4]),
    ms: Number(m[5]),
  }));
}

function ingestionRuns(logFile) {
  const text = fs.readFileSync(logFile, 'utf8');
  return (text.match(/Ingested \d+ platform clusters/g) ?? []).length;
}

/** Runs the provider's task once more through the scheduler API and waits for it to end. */
async function rerun(baseUrl, token, { logFile, timeoutMs }) {
  const runsBefore = ingestionRuns(logFile);
  const started = Date.now();
  const res = await fetch(
    `${baseUrl}/api/catalog/.backstage/scheduler/v1/tasks/${TASK_ID}/trigger`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(30000),
    },
  );
  if (!res.ok)
    throw new Error(`trigger ${TASK_ID}: ${res.status} ${await res.text()}`);
  while (Date.now() - started < timeoutMs) {
    if (ingestionRuns(logFile) > runsBefore) return Date.now() - started;
    await sleep(1000);
  }
  return null;
}

/**
 * The whole measurement: first ingestion, then a re-run with nothing changed
 * and the provider's catalog rows it wrote.
 */
async function measureIngestion(
  ctx,
  { expected, sinceMs, timeoutSec, rerunTimeoutSec, settleSec },
) {
  const file = path.join(ctx.databaseDir, 'catalog.sqlite');
  const command = `start the backend on a ${expected}-cluster fleet (mgmt and Cluster API workload clusters); poll GET /api/catalog/entities/by-query?filter=${CLUSTER_FILTER} until totalItems = ${expected}; then POST /api/catalog/.backstage/scheduler/v1/tasks/${TASK_ID}/trigger and compare the provider's refresh_state/final_entities rows (entity, unprocessed_hash, final hash) before and after, in the catalog's SQLite file`;
  const first = await waitForIngestion(ctx.backendUrl, ctx.token, {
    expected,
    sinceMs,
    timeoutMs: timeoutSec * 1000,
  });
  if (first.ms === null) {
    return {
      firstMs: null,
      rerunWrites: null,
      reason: `the catalog held ${
        first.count
      } of ${expected} cluster entities after ${timeoutSec} s (the run's limit for this phase)${taskLost(
        ctx.logFile,
      )}`,
      passes: providerPasses(ctx.logFile),
      command,
    };
  }
  // The catalog finishes stitching what it just received before the baseline.
  await sleep(settleSec * 1000);
  const before = snapshot(file);
  const rerunMs = await rerun(ctx.backendUrl, ctx.token, {
    logFile: ctx.logFile,
    timeoutMs: rerunTimeoutSec * 1000,
  });
  if (rerunMs === null) {
    return {
      firstMs: first.ms,
      rerunWrites: null,
      reason: `the re-run of the provider did not end within ${rerunTimeoutSec} s`,
      command,
    };
  }
  await sleep(settleSec * 1000);
  const writes = writesBetween(before, snapshot(file));
  return {
    firstMs: first.ms,
    rerunWrites: writes.total,
    rerunWritesByKind: writes,
    rerunMs,
    entities: before.size,
    // The provider's own account of each pass (its log), first pass first.
    passes: providerPasses(ctx.logFile),
    command,
  };
}

module.exports = { measureIngestion };

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

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonDifferences, JsonDifference, pathPattern } from './jsonDifferences';

/**
 * One answer of a real upstream, taken from its own source at a version:
 * the question, and the status, headers and body it answers with.
 */
export interface FixtureRequest {
  method: string;
  /** Below the upstream's mount (and cluster, for per-cluster upstreams). */
  path: string;
  cluster?: string;
  /** Which of the test's credentials to send; `none` sends no credential. */
  auth?: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface UpstreamFixture {
  /** Where the answer comes from: repository, release, commit and paths. */
  source: { repo: string; version: string; commit?: string; paths: string[]; note?: string };
  /** Requests sent first, to bring the upstream into the state the answer needs. */
  setup?: FixtureRequest[];
  /** How the upstream's test sets the simulator up for this question (its own keys). */
  sandbox?: Record<string, unknown>;
  request: FixtureRequest;
  response: {
    status: number;
    /** Headers the portal reads; `null` means upstream does not send it. */
    headers: Record<string, string | null>;
    /** A JSON body, compared by shape except at the `exact` paths. */
    body?: unknown;
    /** A text body, compared exactly. */
    text?: string;
    /** Paths (`[]` for any index) whose values must be equal, not only their type. */
    exact?: string[];
    /** Objects whose keys are data (labels), compared as maps of their value type. */
    maps?: string[];
    /** Header names whose value must be present but may differ (counters, dates). */
    anyValue?: string[];
    /** Top-level body fields that must start with the given text (the rest is data). */
    startsWith?: Record<string, string>;
    /** The `rel` values of the `Link` header, in order. */
    linkRels?: string[];
    /**
     * The body lists only the fields the portal reads (upstream sends more):
     * each must be there with its type; other fields are not compared.
     */
    subset?: boolean;
    /** Keys upstream leaves out (omitempty), as `path.key` with `[]` for the first element. */
    absent?: string[];
  };
}

export interface LoadedFixture extends UpstreamFixture {
  name: string;
}

/** Every `*.json` fixture in a directory, named after its file. */
export function loadFixtures(dir: string): LoadedFixture[] {
  return readdirSync(dir)
    .filter(f => f.endsWith('.json'))
    .sort()
    .map(f => ({ name: f.replace(/\.json$/, ''), ...JSON.parse(readFileSync(join(dir, f), 'utf8')) }));
}

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/**
 * The body with every leaf replaced by its JSON type, arrays by the shape
 * of their first element, timestamps by whether they carry fractions of a
 * second, and the `maps` objects by the type of their values, so that two answers about different data compare equal when
 * they are built the same way.
 */
export function shapeOf(value: unknown, keep: string[], maps: string[], path = ''): unknown {
  const at = pathPattern(path).replace(/^\./, '');
  if (keep.includes(at)) return value;
  if (Array.isArray(value)) {
    return value.length === 0 ? [] : [shapeOf(value[0], keep, maps, `${path}[0]`)];
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (maps.includes(at)) {
      return entries.length === 0 ? {} : { '<key>': shapeOf(entries[0][1], keep, maps, `${path}.<key>`) };
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, shapeOf(v, keep, maps, `${path}.${k}`)]));
  }
  if (typeof value === 'string' && RFC3339.test(value)) {
    // Go's time.Time and metav1.Time differ in whether they keep fractions; Jackson writes +00:00 where Rails writes Z.
    const precision = /\.\d+/.test(value) ? 'with fraction' : 'in seconds';
    return `<time ${precision}, ${value.endsWith('Z') ? 'Z' : 'offset'}>`;
  }
  return value === null ? null : `<${typeof value}>`;
}


export interface SandboxAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/** Where the sandbox's answer differs from upstream's: status, a header, the body. */
export function fixtureDifferences(fixture: UpstreamFixture, answer: SandboxAnswer): JsonDifference[] {
  const out: JsonDifference[] = [];
  const expected = fixture.response;
  if (answer.status !== expected.status) {
    out.push({ path: 'status', real: expected.status, sandbox: answer.status });
  }
  for (const [name, value] of Object.entries(expected.headers)) {
    const got = answer.headers.get(name);
    const anyValue = expected.anyValue?.includes(name.toLowerCase()) && value !== null && got !== null;
    if (!anyValue && got !== value) out.push({ path: `header ${name}`, real: value, sandbox: got });
  }
  if (expected.linkRels) {
    const rels = [...(answer.headers.get('link') ?? '').matchAll(/rel="([^"]+)"/g)].map(m => m[1]);
    if (rels.join(',') !== expected.linkRels.join(',')) {
      out.push({ path: 'header link rels', real: expected.linkRels, sandbox: rels });
    }
  }
  if (expected.text !== undefined && answer.text !== expected.text) {
    out.push({ path: 'text', real: expected.text, sandbox: answer.text });
  }
  if (expected.body !== undefined) {
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      return [...out, { path: 'body', real: 'JSON', sandbox: answer.text.slice(0, 200) }];
    }
    for (const [key, prefix] of Object.entries(expected.startsWith ?? {})) {
      const got = (body as Record<string, unknown> | null)?.[key];
      if (typeof got !== 'string' || !got.startsWith(prefix)) {
        out.push({ path: `.${key}`, real: `${prefix}...`, sandbox: got });
      }
    }
    const keep = expected.exact ?? [];
    const maps = expected.maps ?? [];
    for (const path of expected.absent ?? []) {
      if (hasPath(body, path)) out.push({ path, real: '<absent>', sandbox: 'present' });
    }
    const want = shapeOf(expected.body, keep, maps);
    const got = shapeOf(body, keep, maps);
    out.push(...jsonDifferences(want, expected.subset ? restrictTo(want, got) : got));
  }
  return out;
}

/** `value` with only the keys `like` has, at every level (arrays by their first element). */
function restrictTo(like: unknown, value: unknown): unknown {
  if (Array.isArray(like) && Array.isArray(value)) {
    return like.length === 0 ? value : value.map(v => restrictTo(like[0], v));
  }
  if (like && value && typeof like === 'object' && typeof value === 'object' && !Array.isArray(value)) {
    const source = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(like as Record<string, unknown>)
        .filter(([k]) => k in source)
        .map(([k, v]) => [k, restrictTo(v, source[k])]),
    );
  }
  return value;
}

/** Whether `path` (`a.b[].c`, `[]` meaning the first element) leads to a key that is there. */
function hasPath(value: unknown, path: string): boolean {
  let current: unknown = value;
  for (const part of path.replace(/\[\]/g, '.[]').split('.').filter(Boolean)) {
    if (part === '[]') {
      if (!Array.isArray(current) || current.length === 0) return false;
      current = current[0];
    } else {
      if (!current || typeof current !== 'object' || !(part in current)) return false;
      current = (current as Record<string, unknown>)[part];
    }
  }
  return true;
}

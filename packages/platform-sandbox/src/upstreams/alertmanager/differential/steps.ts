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

/** One request sent to both servers. */
export interface Step {
  /** Names the request in differences and in allowlist.json. */
  case: string;
  method?: string;
  /** Under /api/v2; `{name}` is the silence id a step saved as `name`. */
  path: string;
  body?: unknown | ((ids: Map<string, string>) => unknown);
  /** Sent as is (malformed JSON). */
  rawBody?: string;
  /** Remember the silenceID of a 200 answer under this name. */
  saveAs?: string;
}

/** Whole-second times around the start of the test, the same on both sides. */
export interface TimeBase {
  longAgo: string;
  past: string;
  soon: string;
  future: string;
  later: string;
  latest: string;
  furthest: string;
}

export const q = (params: Record<string, string | string[]>) => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    for (const v of [value].flat()) search.append(name, v);
  return `?${search}`;
};

/** The alerts both servers hold, then every read of them. */
export function alertSteps(t: TimeBase): {
  post: Step[];
  posted: number;
  reads: Step[];
} {
  const alerts = [
    {
      labels: {
        alertname: 'DiskFull',
        cluster: 'prod-eu-1',
        severity: 'critical',
        instance: '10.0.0.1:9100',
      },
      startsAt: t.past,
      endsAt: t.future,
    },
    {
      labels: {
        alertname: 'DiskFull',
        cluster: 'prod-eu-1',
        severity: 'warning',
        instance: '10.0.0.1:9100',
      },
      startsAt: t.past,
    },
    {
      labels: {
        alertname: 'CpuHigh',
        cluster: 'staging-1',
        severity: 'warning',
      },
      annotations: { summary: 'CPU above 90%' },
      generatorURL: 'http://prometheus/graph?g0.expr=cpu',
      startsAt: t.past,
      endsAt: t.later,
    },
    {
      labels: {
        alertname: 'MemHigh',
        cluster: 'staging-1',
        severity: 'info',
        team: 'db',
      },
    },
    {
      labels: {
        alertname: 'NodeDown',
        severity: 'critical',
        instance: '10.0.1.7:9100',
      },
      annotations: { runbook_url: 'https://runbooks/node-down' },
    },
    {
      labels: {
        alertname: 'Resolved',
        cluster: 'prod-eu-1',
        severity: 'warning',
      },
      startsAt: t.past,
      endsAt: new Date(Date.parse(t.past) + 60_000).toISOString(),
    },
    {
      labels: { alertname: 'Dropped', cluster: 'prod-eu-1', empty: '' },
      startsAt: t.past,
      endsAt: t.soon,
    },
  ];
  const post: Step[] = [
    { case: 'POST /alerts', method: 'POST', path: '/alerts', body: alerts },
    // A repeat keeps the first startsAt and takes the new annotations.
    {
      case: 'POST /alerts again',
      method: 'POST',
      path: '/alerts',
      body: [
        { ...alerts[0], startsAt: t.soon, annotations: { summary: 'updated' } },
      ],
    },
  ];
  const filters: Array<[string, Record<string, string | string[]>]> = [
    ['all', {}],
    ['equal', { filter: 'alertname="DiskFull"' }],
    ['unquoted', { filter: 'cluster=staging-1' }],
    ['regex', { filter: 'cluster=~"prod-.*|staging-1"' }],
    ['negative', { filter: 'severity!="warning"' }],
    ['negative regex', { filter: 'alertname!~"Disk.*"' }],
    ['missing label', { filter: 'cluster=""' }],
    ['any value', { filter: 'cluster=~".*"' }],
    ['empty regex', { filter: 'cluster=~""' }],
    ['not empty', { filter: 'team!~""' }],
    [
      'two filters',
      { filter: ['severity=~"warning|info"', 'cluster="staging-1"'] },
    ],
    ['braces', { filter: '{alertname="CpuHigh"}' }],
    ['active=false', { active: 'false' }],
    ['inhibited=false', { inhibited: 'false' }],
    ['silenced=false', { silenced: 'false' }],
    ['unprocessed=false', { unprocessed: 'false' }],
    ['receiver', { receiver: 'platform-oncall' }],
    ['receiver regex', { receiver: 'platform-.*' }],
    ['receiver partial', { receiver: 'oncall' }],
  ];
  const reads: Step[] = [
    ...filters.map(([name, params]) => ({
      case: `GET /alerts ${name}`,
      path: `/alerts${q(params)}`,
    })),
    ...filters.map(([name, params]) => ({
      case: `GET /alerts/groups ${name}`,
      path: `/alerts/groups${q(params)}`,
    })),
    { case: 'GET /receivers', path: '/receivers' },
    { case: 'GET /status', path: '/status' },
    // Bad input
    { case: 'GET /alerts bad matcher', path: `/alerts${q({ filter: '===' })}` },
    {
      case: 'GET /alerts bad regex',
      path: `/alerts${q({ filter: 'cluster=~"("' })}`,
    },
    {
      case: 'GET /alerts bad receiver',
      path: `/alerts${q({ receiver: '(' })}`,
    },
    {
      case: 'GET /alerts active=maybe',
      path: `/alerts${q({ active: 'maybe' })}`,
    },
    {
      case: 'GET /alerts/groups bad matcher',
      path: `/alerts/groups${q({ filter: 'a=~"["' })}`,
    },
    {
      case: 'POST /alerts not JSON',
      method: 'POST',
      path: '/alerts',
      rawBody: '[{',
    },
    { case: 'POST /alerts object', method: 'POST', path: '/alerts', body: {} },
    {
      case: 'POST /alerts no labels',
      method: 'POST',
      path: '/alerts',
      body: [{ labels: {} }],
    },
    {
      case: 'POST /alerts only empty labels',
      method: 'POST',
      path: '/alerts',
      body: [{ labels: { a: '' } }],
    },
    {
      case: 'POST /alerts bad label name',
      method: 'POST',
      path: '/alerts',
      body: [{ labels: { '1a': 'x' } }],
    },
    {
      case: 'POST /alerts number label',
      method: 'POST',
      path: '/alerts',
      body: [{ labels: { a: 1 } }],
    },
    {
      case: 'POST /alerts bad time',
      method: 'POST',
      path: '/alerts',
      body: [{ labels: { a: 'x' }, startsAt: 'nope' }],
    },
    {
      case: 'POST /alerts ends before start',
      method: 'POST',
      path: '/alerts',
      body: [{ labels: { a: 'x' }, startsAt: t.future, endsAt: t.past }],
    },
    { case: 'PUT /alerts', method: 'PUT', path: '/alerts', body: [] },
    { case: 'GET unknown path', path: '/nope' },
  ];
  // Resolved is stored but not listed; Dropped loses its empty label.
  return { post, posted: 6, reads };
}

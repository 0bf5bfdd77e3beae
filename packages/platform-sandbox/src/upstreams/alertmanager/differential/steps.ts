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

const q = (params: Record<string, string | string[]>) => {
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

const silence = (
  t: TimeBase,
  matchers: unknown[],
  extra: Record<string, unknown> = {},
) => ({
  matchers,
  startsAt: t.past,
  endsAt: t.future,
  createdBy: 'sre',
  comment: 'maintenance',
  ...extra,
});
const m = (name: string, value: string, isRegex = false, isEqual = true) => ({
  name,
  value,
  isRegex,
  isEqual,
});

/** Silences created, read, matched and expired, and the bad ones refused. */
export function silenceSteps(t: TimeBase): Step[] {
  return [
    {
      case: 'POST /silences staging',
      method: 'POST',
      path: '/silences',
      body: silence(t, [m('cluster', 'staging-1')]),
      saveAs: 'staging',
    },
    {
      case: 'POST /silences regex',
      method: 'POST',
      path: '/silences',
      body: silence(t, [m('instance', '10\\.0\\.1\\..*', true)], {
        endsAt: t.later,
      }),
      saveAs: 'regex',
    },
    {
      case: 'POST /silences negative',
      method: 'POST',
      path: '/silences',
      body: silence(
        t,
        [m('alertname', 'DiskFull', false, false), m('cluster', 'prod-eu-1')],
        { endsAt: t.furthest },
      ),
      saveAs: 'negative',
    },
    {
      case: 'POST /silences pending',
      method: 'POST',
      path: '/silences',
      body: silence(t, [m('alertname', 'DiskFull')], {
        startsAt: t.soon,
        endsAt: t.later,
      }),
      saveAs: 'pending',
    },
    { case: 'GET /silences', path: '/silences' },
    {
      case: 'GET /silences filter',
      path: `/silences${q({ filter: 'cluster="staging-1"' })}`,
    },
    {
      case: 'GET /silences filter regex matcher',
      path: `/silences${q({ filter: 'instance=~"10.*"' })}`,
    },
    {
      case: 'GET /silences filter negative matcher',
      path: `/silences${q({ filter: 'alertname="DiskFull"' })}`,
    },
    {
      case: 'GET /silences bad filter',
      path: `/silences${q({ filter: '===' })}`,
    },
    { case: 'GET /silence/staging', path: '/silence/{staging}' },
    { case: 'GET /alerts silenced', path: '/alerts' },
    {
      case: 'GET /alerts silenced=false',
      path: `/alerts${q({ silenced: 'false' })}`,
    },
    { case: 'GET /alerts/groups silenced', path: '/alerts/groups' },
    {
      case: 'POST /silences update',
      method: 'POST',
      path: '/silences',
      body: (ids: Map<string, string>) =>
        silence(t, [m('cluster', 'staging-1')], {
          id: ids.get('staging'),
          comment: 'extended',
          endsAt: t.latest,
        }),
      saveAs: 'updated',
    },
    {
      case: 'DELETE /silence/regex',
      method: 'DELETE',
      path: '/silence/{regex}',
    },
    {
      case: 'DELETE /silence/regex again',
      method: 'DELETE',
      path: '/silence/{regex}',
    },
    { case: 'GET /silence/regex expired', path: '/silence/{regex}' },
    { case: 'GET /silences after expiry', path: '/silences' },
    { case: 'GET /alerts after expiry', path: '/alerts' },
    {
      case: 'GET /silence unknown',
      path: '/silence/00000000-0000-0000-0000-000000000000',
    },
    {
      case: 'DELETE /silence unknown',
      method: 'DELETE',
      path: '/silence/00000000-0000-0000-0000-000000000000',
    },
    { case: 'GET /silence not a uuid', path: '/silence/nope' },
    {
      case: 'DELETE /silence not a uuid',
      method: 'DELETE',
      path: '/silence/nope',
    },
    {
      case: 'POST /silences pending update',
      method: 'POST',
      path: '/silences',
      body: (ids: Map<string, string>) =>
        silence(t, [m('alertname', 'DiskFull')], {
          id: ids.get('pending'),
          startsAt: t.soon,
          endsAt: t.future,
          comment: 'shorter',
        }),
      saveAs: 'pendingUpdated',
    },
    {
      case: 'DELETE /silence/pending',
      method: 'DELETE',
      path: '/silence/{pending}',
    },
    { case: 'GET /silences at the end', path: '/silences' },
    {
      case: 'POST /silences not JSON',
      method: 'POST',
      path: '/silences',
      rawBody: '{',
    },
    {
      case: 'POST /silences no matchers',
      method: 'POST',
      path: '/silences',
      body: silence(t, []),
    },
    {
      case: 'POST /silences bad regex',
      method: 'POST',
      path: '/silences',
      body: silence(t, [m('a', '(', true)]),
    },
    {
      case: 'POST /silences bad name',
      method: 'POST',
      path: '/silences',
      body: silence(t, [m('1a', 'x')]),
    },
    {
      case: 'POST /silences empty value',
      method: 'POST',
      path: '/silences',
      body: silence(t, [m('a', '')]),
    },
    {
      case: 'POST /silences ends before start',
      method: 'POST',
      path: '/silences',
      body: silence(t, [m('a', 'x')], { startsAt: t.future, endsAt: t.soon }),
    },
    {
      case: 'POST /silences ended',
      method: 'POST',
      path: '/silences',
      body: silence(t, [m('a', 'x')], { startsAt: t.longAgo, endsAt: t.past }),
    },
    {
      case: 'POST /silences all match empty',
      method: 'POST',
      path: '/silences',
      body: silence(t, [m('a', '.*', true), m('b', 'x', false, false)]),
      saveAs: 'allEmpty',
    },
    {
      case: 'POST /silences not an object',
      method: 'POST',
      path: '/silences',
      body: [],
    },
    {
      case: 'POST /silences bad time',
      method: 'POST',
      path: '/silences',
      body: silence(t, [m('a', 'x')], { startsAt: 'soon' }),
    },
    {
      case: 'POST /silences no isRegex',
      method: 'POST',
      path: '/silences',
      body: silence(t, [{ name: 'a', value: 'x' }]),
    },
    {
      case: 'POST /silences empty',
      method: 'POST',
      path: '/silences',
      body: {},
    },
    {
      case: 'POST /silences no times',
      method: 'POST',
      path: '/silences',
      body: { matchers: [m('a', 'x')], createdBy: 'sre', comment: 'c' },
    },
    {
      case: 'POST /silences no comment',
      method: 'POST',
      path: '/silences',
      body: { matchers: [m('a', 'x')], startsAt: t.past, endsAt: t.future },
    },
    {
      case: 'POST /silences unknown id',
      method: 'POST',
      path: '/silences',
      body: silence(t, [m('a', 'x')], {
        id: '00000000-0000-0000-0000-000000000000',
      }),
    },
  ];
}

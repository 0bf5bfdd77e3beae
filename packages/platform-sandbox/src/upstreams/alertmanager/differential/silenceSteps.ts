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

import { q, Step, TimeBase } from './steps';

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

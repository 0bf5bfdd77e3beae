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

import { routeVerdict } from './routeVerdict';

const gateway = { namespace: 'traefik', name: 'traefik-gateway' };

function route(conditions: Array<Record<string, unknown>>, generation = 2) {
  return {
    metadata: { generation },
    status: {
      parents: [
        {
          parentRef: {
            name: 'traefik-gateway',
            namespace: 'traefik',
            sectionName: 'https',
          },
          conditions,
        },
        // Another controller's verdict on another parent is not ours to read.
        {
          parentRef: { name: 'other', namespace: 'x' },
          conditions: [
            { type: 'Accepted', status: 'False', reason: 'NoMatchingParent' },
          ],
        },
      ],
    },
  };
}

const ok = (type: string, generation = 2) => ({
  type,
  status: 'True',
  reason: type,
  observedGeneration: generation,
});

describe('routeVerdict', () => {
  it('waits while the controller has not seen the current generation', () => {
    expect(
      routeVerdict({ metadata: { generation: 1 } }, gateway),
    ).toBeUndefined();
    expect(
      routeVerdict(route([ok('Accepted', 1), ok('ResolvedRefs', 1)]), gateway),
    ).toBeUndefined();
  });

  it('accepts a route that is Accepted with resolved references', () => {
    expect(
      routeVerdict(route([ok('Accepted'), ok('ResolvedRefs')]), gateway),
    ).toEqual({ accepted: true, problems: [], onlyMissingBackends: false });
  });

  it.each([
    [
      'NotAllowedByListeners',
      "the gateway's listeners do not accept routes from this namespace",
    ],
    [
      'NoMatchingListenerHostname',
      "none of the route's hostnames matches a hostname the gateway listens on",
    ],
    ['NoMatchingParent', 'the gateway or its listener does not exist'],
    ['SomethingNew', 'the gateway did not accept the route'],
  ])('explains Accepted=False %s', (reason, words) => {
    const verdict = routeVerdict(
      route([
        {
          type: 'Accepted',
          status: 'False',
          reason,
          message: 'm',
          observedGeneration: 2,
        },
        ok('ResolvedRefs'),
      ]),
      gateway,
    )!;
    expect(verdict.accepted).toBe(false);
    expect(verdict.problems).toEqual([
      expect.stringContaining(`Not accepted: ${words}`),
    ]);
  });

  it.each([
    [
      'RefNotPermitted',
      'a backend in another namespace is referenced without a ReferenceGrant',
      false,
    ],
    ['BackendNotFound', 'a backend Service does not exist', true],
    ['InvalidKind', 'a backend is not a Service', false],
  ])('explains ResolvedRefs=False %s', (reason, words, onlyMissing) => {
    const verdict = routeVerdict(
      route([
        ok('Accepted'),
        {
          type: 'ResolvedRefs',
          status: 'False',
          reason,
          message: 'm',
          observedGeneration: 2,
        },
      ]),
      gateway,
    )!;
    expect(verdict.problems).toEqual([
      `References not resolved: ${words} (${reason}: m)`,
    ]);
    expect(verdict.onlyMissingBackends).toBe(onlyMissing);
  });
});
